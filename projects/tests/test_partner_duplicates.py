"""A partner is registered once: the same NIP is refused, the same name asks for a confirmation."""

import pytest

from kis.tests.helpers import field_error_text
from projects.models import Partner
from projects.tests.factories import PartnerFactory
from projects.tests.test_partners import NEW_URL, VALID_NIP, partner_data

pytestmark = pytest.mark.django_db

NAME = "Wejherowska Spółdzielnia Socjalna „Dobrodziejki”"


def test_a_second_partner_with_the_same_nip_is_refused_with_a_link_to_the_first(client, manager):
    first = PartnerFactory(name="Spółdzielnia „Dobrodziejki”", nip=VALID_NIP)
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(name="Inna nazwa", nip="123-456-32-18"))

    assert response.status_code == 200
    assert "Partner z tym numerem NIP jest już zarejestrowany" in field_error_text(response, "nip")
    assert f'href="/partners/{first.pk}/"' in response.content.decode()
    assert Partner.objects.count() == 1


@pytest.mark.parametrize("typed", [NAME, NAME.upper(), "  Wejherowska  Spółdzielnia Socjalna „Dobrodziejki”  "])
def test_a_partner_of_a_name_already_registered_is_not_saved_without_a_confirmation(client, manager, typed):
    first = PartnerFactory(name=NAME, nip="")
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(name=typed, nip=""))

    assert response.status_code == 200
    error = field_error_text(response, "name")
    assert "Partner o tej nazwie jest już zarejestrowany" in error
    assert f'href="/partners/{first.pk}/"' in response.content.decode()
    assert 'type="checkbox" name="same_name_confirmed"' in response.content.decode()
    assert Partner.objects.count() == 1


def test_another_organisation_of_the_same_name_is_saved_once_confirmed(client, manager):
    PartnerFactory(name=NAME, nip="")
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(name=NAME, nip="", same_name_confirmed="on"))

    assert response.status_code == 302
    assert Partner.objects.filter(name=NAME).count() == 2


def test_the_confirmation_is_not_asked_for_a_new_name_nor_when_a_partner_keeps_its_own(client, manager):
    client.force_login(manager)
    assert 'name="same_name_confirmed"' not in client.get(NEW_URL).content.decode()

    response = client.post(NEW_URL, partner_data(nip=""))
    partner = Partner.objects.get()
    edit = client.post(f"/partners/{partner.pk}/edit/", partner_data(nip="", town="Reda", version=partner.version))

    assert (response.status_code, edit.status_code) == (302, 302)
    partner.refresh_from_db()
    assert partner.town == "Reda"
