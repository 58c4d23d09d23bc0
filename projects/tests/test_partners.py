"""Partner organisations: who may open which page, the list and its filters, the partner page, and
the form — NIP, REGON and postal code checked, stored as digits, duplicates refused."""

import pytest
from django.db.models import F

from conftest import make_user
from kis.locking import EDITED_MEANWHILE
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.factories import UserFactory
from kis.tests.helpers import field_error_text, submitted_data
from projects.models import Partner
from projects.tests.factories import PartnerFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db

NEW_URL = "/partners/new/"


def nip(first_nine: str) -> str:
    """A NIP with its check digit (weights 6,5,7,2,3,4,5,6,7; sum mod 11), computed here."""
    check = sum(int(d) * w for d, w in zip(first_nine, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
    assert check != 10, "no NIP starts with these digits"
    return first_nine + str(check)


def regon9(first_eight: str) -> str:
    """A 9-digit REGON with its check digit (weights 8,9,2,3,4,5,6,7; sum mod 11, 10 → 0)."""
    check = sum(int(d) * w for d, w in zip(first_eight, (8, 9, 2, 3, 4, 5, 6, 7), strict=True)) % 11
    return first_eight + str(check % 10)


def regon14(first_nine: str, local: str) -> str:
    """A 14-digit REGON: a valid 9-digit one, four local digits, a check digit (weights below)."""
    digits = first_nine + local
    weights = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return digits + str(check % 10)


VALID_NIP = nip("123456321")  # 1234563218, typed as 123-456-32-18
VALID_REGON = regon9("12345678")  # 123456785
# The first nine digits weigh 118: 118 mod 11 = 8 ≠ the last digit 9.
WRONG_NIP = "123-456-32-19"
# No NIP starts with 526000007: its weighted sum is 131, 131 mod 11 = 10, and 10 is never a check digit.
NIP_WITH_SUM_10 = "5260000070"


def test_check_digit_helpers_agree_with_known_numbers():
    assert VALID_NIP == "1234563218"
    assert VALID_REGON == "123456785"
    assert regon14("123456785", "0001") == "12345678500010"
    assert sum(int(d) * w for d, w in zip("526000007", (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) == 131


# --- Who may open which page ----------------------------------------------------------------------

ANONYMOUS = None
ROLES = [ANONYMOUS, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]
LOGIN = "→ sign-in page"

URLS = {
    "partner list": "/partners/",
    "partner": "/partners/{pk}/",
    "new partner": "/partners/new/",
    "edit partner": "/partners/{pk}/edit/",
}

# Grants of kis/migrations/0004_project_roles.py: everyone views, only managers add and change.
# fmt: off
EXPECTED = {
    #                  anonymous  social_worker  coordinator  manager  admin
    "partner list":   (LOGIN,     200,           200,         200,     200),
    "partner":        (LOGIN,     200,           200,         200,     200),
    "new partner":    (LOGIN,     403,           403,         200,     403),
    "edit partner":   (LOGIN,     403,           403,         200,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_matrix_covers_every_partner_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_partner_page(client, page, role, expected):
    partner = PartnerFactory()
    ProjectPartnerFactory(partner=partner)
    url = URLS[page].format(pk=partner.pk)
    if role:
        client.force_login(make_user(role))

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ADMIN])
def test_roles_that_only_view_cannot_post_a_partner(client, role):
    partner = PartnerFactory(name="PCPR w Zawierciu")
    client.force_login(make_user(role))

    created = client.post(NEW_URL, partner_data())
    edited = client.post(f"/partners/{partner.pk}/edit/", partner_data(name="Zmieniony"))

    assert (created.status_code, edited.status_code) == (403, 403)
    assert list(Partner.objects.values_list("name", flat=True)) == ["PCPR w Zawierciu"]


# --- List and page --------------------------------------------------------------------------------


def test_the_list_heads_the_partners_name_column_as_a_name_of_an_organisation(client, social_worker):
    PartnerFactory(name="Caritas", kind=Partner.Kind.CHURCH, town="Knurów")
    client.force_login(social_worker)

    page = client.get("/partners/").content.decode()

    assert '<th scope="col">Nazwa</th>' in page and "Imię i nazwisko" not in page


def test_list_filters_by_kind_and_by_name_nip_typed_with_dashes_or_town(client, social_worker):
    PartnerFactory(name="Powiatowy Urząd Pracy w Wejherowie", kind=Partner.Kind.LABOUR_OFFICE, town="Wejherowo")
    PartnerFactory(name="Spółdzielnia Socjalna „Dobrodziejki”", kind="coop", town="Wejherowo", nip=VALID_NIP)
    PartnerFactory(name="Caritas", kind=Partner.Kind.CHURCH, town="Knurów")
    client.force_login(social_worker)

    def names(query):
        return sorted(p.name for p in client.get("/partners/", query).context["object_list"])

    assert names({"kind": "pup"}) == ["Powiatowy Urząd Pracy w Wejherowie"]
    assert names({"q": "wejherow"}) == ["Powiatowy Urząd Pracy w Wejherowie", "Spółdzielnia Socjalna „Dobrodziejki”"]
    assert names({"q": "123-456-32"}) == ["Spółdzielnia Socjalna „Dobrodziejki”"]
    assert names({"q": "caritas", "kind": "church"}) == ["Caritas"]
    assert names({"q": "caritas", "kind": "pup"}) == []


def test_list_is_paginated(client, social_worker):
    PartnerFactory.create_batch(30)
    client.force_login(social_worker)

    assert len(client.get("/partners/").context["object_list"]) == 25
    assert len(client.get("/partners/", {"page": 2}).context["object_list"]) == 5


def test_partner_page_shows_details_and_its_projects_with_role_and_agreement(client, coordinator):
    partner = PartnerFactory(
        name="Powiatowe Centrum Pomocy Rodzinie w Zawierciu", kind="pcpr", nip=VALID_NIP, regon=VALID_REGON
    )
    project = ProjectFactory(code="RPSL.09.01.01-24-0001/16", title="Partnerstwo na rzecz aktywnej integracji")
    ProjectPartnerFactory(
        partner=partner,
        project=project,
        role="leader",
        agreement_number="PCPR/3/2016",
        agreement_scope="Wsparcie rodzin",
    )
    client.force_login(coordinator)

    content = client.get(f"/partners/{partner.pk}/").content.decode()

    for text in (
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        "powiatowe centrum pomocy rodzinie (PCPR)",
        "1234563218",
        "123456785",
        "ul. Dworcowa 33, 44-190 Knurów",
        f'href="/projects/{project.pk}/"',
        "RPSL.09.01.01-24-0001/16 — Partnerstwo na rzecz aktywnej integracji",
        "lider",
        "PCPR/3/2016",
        "01.01.2016 – 31.12.2017",
        "Wsparcie rodzin",
    ):
        assert text in content, text


# --- Form -------------------------------------------------------------------------------------------


def partner_data(**changes) -> dict:
    data = {
        "name": "Wejherowska Spółdzielnia Socjalna „Dobrodziejki”",
        "kind": "coop",
        "nip": "123-456-32-18",
        "regon": VALID_REGON,
        "street": "ul. Kopernika 22",
        "postal_code": "84-200",
        "town": "Wejherowo",
        "contact_person": "Prezes zarządu",
        "phone": "58 000 00 00",
        "email": "biuro@example.org",
        "notes": "",
    }
    return data | changes


def test_new_partner_form_has_a_label_for_every_field(client, manager):
    client.force_login(manager)

    response = client.get(NEW_URL)

    content = response.content.decode()
    for bound in response.context["form"].visible_fields():
        assert f'for="{bound.id_for_label}"' in content, bound.name


def test_manager_adds_a_partner_and_the_nip_typed_with_dashes_is_stored_as_digits(client, manager):
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data())

    partner = Partner.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partners/{partner.pk}/"
    assert (partner.nip, partner.regon, partner.postal_code) == ("1234563218", "123456785", "84-200")
    event = AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).get()
    assert (event.action, event.user, event.object_type) == (AuditEvent.Action.CREATE, manager, "projects.partner")


@pytest.mark.parametrize(
    ("typed_nip", "typed_regon"),
    [("123 456 32 18", "12345678500010"), ("123-45-63-218", ""), ("", "")],
    ids=["spaces and 14-digit REGON", "other dash grouping", "neither"],
)
def test_other_accepted_ways_of_typing_identifiers(client, manager, typed_nip, typed_regon):
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(nip=typed_nip, regon=typed_regon))

    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.nip == typed_nip.replace(" ", "").replace("-", "")
    assert partner.regon == typed_regon


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nip", WRONG_NIP, "Ten NIP jest błędny: sprawdź cyfry (suma kontrolna się nie zgadza)."),
        ("nip", NIP_WITH_SUM_10, "Ten NIP jest błędny: sprawdź cyfry (suma kontrolna się nie zgadza)."),
        ("nip", "12345", "Wpisz NIP jako 10 cyfr, z kreskami lub bez, np. 123-456-32-18."),
        ("nip", "PL1234563218", "Wpisz NIP jako 10 cyfr, z kreskami lub bez, np. 123-456-32-18."),
        ("regon", "123456786", "Ten REGON jest błędny: sprawdź cyfry (suma kontrolna się nie zgadza)."),
        ("regon", "12345678500011", "Ten REGON jest błędny: sprawdź cyfry (suma kontrolna się nie zgadza)."),
        ("regon", "12345678", "REGON ma 9 lub 14 cyfr."),
        ("postal_code", "84200", "Wpisz kod pocztowy w formacie NN-NNN, np. 84-200."),
        ("postal_code", "84-20", "Wpisz kod pocztowy w formacie NN-NNN, np. 84-200."),
    ],
    ids=[
        "NIP checksum",
        "NIP whose checksum would be 10",
        "NIP too short",
        "NIP with country prefix",
        "REGON checksum",
        "14-digit REGON checksum",
        "REGON of 8 digits",
        "postal code without dash",
        "postal code too short",
    ],
)
def test_bad_identifier_gets_a_polish_message_next_to_the_field_and_nothing_is_saved(
    client, manager, field, value, message
):
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(**{field: value}))

    assert response.status_code == 200
    assert field_error_text(response, field) == message
    assert not Partner.objects.exists()
    assert not AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).exists()
    # What was typed stays in the form to be corrected.
    assert f'value="{value}"' in response.content.decode()


def test_duplicate_nip_is_refused_with_a_link_to_the_partner_already_registered(client, manager):
    existing = PartnerFactory(name="PUP w Wejherowie", nip=VALID_NIP)
    client.force_login(manager)

    response = client.post(NEW_URL, partner_data(nip="123-456-32-18"))

    assert response.status_code == 200
    assert field_error_text(response, "nip") == "Partner z tym numerem NIP jest już zarejestrowany: PUP w Wejherowie"
    assert f'<a href="/partners/{existing.pk}/">PUP w Wejherowie</a>' in response.content.decode()
    assert list(Partner.objects.all()) == [existing]


def test_manager_edits_a_partner_keeping_its_own_nip(client, manager):
    partner = PartnerFactory(name="OHP", nip=VALID_NIP, town="Knurów")
    client.force_login(manager)

    data = partner_data(name="OHP Knurów", nip="123-456-32-18", version=partner.version)
    response = client.post(f"/partners/{partner.pk}/edit/", data)

    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.nip, partner.town) == ("OHP Knurów", VALID_NIP, "Wejherowo")
    event = AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).get()
    assert event.action == AuditEvent.Action.UPDATE
    assert "name" in event.details["fields"]


def test_editing_a_partner_to_another_partners_nip_changes_nothing(client, manager):
    PartnerFactory(name="PUP w Wejherowie", nip=VALID_NIP)
    partner = PartnerFactory(name="Caritas")
    old_nip = partner.nip
    client.force_login(manager)

    response = client.post(f"/partners/{partner.pk}/edit/", partner_data(name="Caritas Diecezji", nip=VALID_NIP))

    assert "Partner z tym numerem NIP jest już zarejestrowany" in field_error_text(response, "nip")
    partner.refresh_from_db()
    assert (partner.name, partner.nip) == ("Caritas", old_nip)


def test_partners_are_managed_on_the_site_not_in_the_admin(client):
    # One way in, the site's, with its checks of NIP and REGON, its versions and its audit trail.
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)

    response = client.post("/admin/projects/partner/add/", partner_data())

    assert response.status_code == 404
    assert not Partner.objects.exists()


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_partner_list_query_count_does_not_grow_with_rows(client, coordinator, django_assert_num_queries, rows):
    for partner in PartnerFactory.create_batch(rows):
        ProjectPartnerFactory(partner=partner)
    client.force_login(coordinator)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 COUNT for the paginator,
    # 5 the page of partners with the number of their projects (one annotated query).
    with django_assert_num_queries(5):
        response = client.get("/partners/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 10])
def test_partner_page_query_count_does_not_grow_with_rows(client, coordinator, django_assert_num_queries, rows):
    partner = PartnerFactory()
    for _ in range(rows):
        ProjectPartnerFactory(partner=partner)
    client.force_login(coordinator)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the partner,
    # 5 its project roles with their projects.
    with django_assert_num_queries(5):
        response = client.get(f"/partners/{partner.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row" class="fw-normal"><a href="/projects/') == rows


def test_a_partner_changed_meanwhile_is_not_overwritten(client, manager):
    partner = PartnerFactory(name="OHP", nip=VALID_NIP)
    client.force_login(manager)
    data = submitted_data(client.get(f"/partners/{partner.pk}/edit/").context["form"])
    # Another manager saves the partner meanwhile (every save through a form moves the version on).
    Partner.objects.filter(pk=partner.pk).update(name="OHP Zawiercie", version=F("version") + 1)

    response = client.post(f"/partners/{partner.pk}/edit/", {**data, "name": "OHP Knurów"})

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors())[:1] == [str(EDITED_MEANWHILE)]
    assert Partner.objects.get(pk=partner.pk).name == "OHP Zawiercie"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_two_saves_of_one_loaded_form_save_once(client, manager):
    partner = PartnerFactory(name="OHP", nip=VALID_NIP)
    client.force_login(manager)
    data = submitted_data(client.get(f"/partners/{partner.pk}/edit/").context["form"])

    first = client.post(f"/partners/{partner.pk}/edit/", {**data, "name": "OHP Knurów"})
    second = client.post(f"/partners/{partner.pk}/edit/", {**data, "name": "OHP Bielsko"})

    assert (first.status_code, second.status_code) == (302, 200)
    assert Partner.objects.get(pk=partner.pk).name == "OHP Knurów"
