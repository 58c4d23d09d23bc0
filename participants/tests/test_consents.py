"""Consents per purpose: recorded and withdrawn by whoever works the case, kept when withdrawn, with
the effect of the withdrawal shown; the legal basis of processing shown as the law, not consent."""

import datetime
import importlib

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from participants.models import Consent
from participants.tests.factories import ParticipantFactory

TODAY = timezone.localdate()
LAST_MONTH = TODAY - datetime.timedelta(days=30)
migration = importlib.import_module("participants.migrations.0007_consents")


@pytest.fixture
def person(social_worker):
    return ParticipantFactory(social_worker=social_worker, first_name="Maria", last_name="Zielińska")


def given(person, purpose=Consent.Purpose.IMAGE, scope="zdjęcia z warsztatów na stronie KIS", on=LAST_MONTH):
    return Consent.objects.create(participant=person, purpose=purpose, scope=scope, given_on=on)


def test_the_old_image_consent_becomes_a_consent_in_force_dated_as_it_was(person, social_worker):
    dated = (
        person.pk,
        "strona internetowa KIS",
        datetime.date(2024, 5, 6),
        datetime.date(2024, 5, 1),
        social_worker.pk,
    )
    undated = (person.pk, "", None, datetime.date(2024, 5, 1), None)

    rows = migration.image_consent_rows([dated, undated])
    for fields in rows:
        Consent.objects.create(**fields)

    first, second = Consent.objects.order_by("id")
    assert (first.purpose, first.scope, first.given_on, first.recorded_by) == (
        Consent.Purpose.IMAGE,
        "strona internetowa KIS",
        datetime.date(2024, 5, 6),
        social_worker,
    )
    assert first.in_force
    # Without a date the consent is taken as given when the person was registered, never later.
    assert second.given_on == datetime.date(2024, 5, 1)


def test_a_worker_records_a_consent_of_their_person_and_it_is_audited(client, social_worker, person):
    client.force_login(social_worker)

    response = client.post(
        f"/participants/{person.pk}/consents/new/",
        {"purpose": "partner", "scope": "Powiatowy Urząd Pracy w Wejherowie: CV", "given_on": LAST_MONTH.isoformat()},
    )

    assert response.status_code == 302
    consent = Consent.objects.get(participant=person)
    assert (consent.purpose, consent.given_on, consent.recorded_by) == ("partner", LAST_MONTH, social_worker)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="participants.consent")
    assert event.details == {
        "participant": person.pk,
        "purpose": "partner",
        "back_dated": LAST_MONTH.isoformat(),
    }
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert "Powiatowy Urząd Pracy w Wejherowie: CV" in page
    assert _("in force") in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"purpose": "partner", "scope": ""}, "scope", "Name the partner and the data shared with it."),
        ({"purpose": "other", "scope": " "}, "scope", "Describe the purpose the person agreed to."),
        (
            {"given_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "given_on",
            "The date of consent cannot be in the future.",
        ),
    ],
    ids=["a partner not named", "another purpose not described", "a date in the future"],
)
def test_a_consent_that_does_not_say_enough_is_refused(client, social_worker, person, data, field, message):
    client.force_login(social_worker)

    response = client.post(
        f"/participants/{person.pk}/consents/new/",
        {"purpose": "image", "scope": "", "given_on": LAST_MONTH.isoformat(), **data},
    )

    assert response.status_code == 200
    assert _(message) in response.context["form"].errors[field]
    assert not Consent.objects.exists()


def test_withdrawing_keeps_the_consent_dated_shows_its_effect_and_is_audited(client, social_worker, person):
    consent = given(person)
    client.force_login(social_worker)
    url = f"/participants/consents/{consent.pk}/withdraw/"

    confirmation = client.get(url)
    response = client.post(url, {"withdrawn_on": TODAY.isoformat(), "note": "pisemnie"})

    assert confirmation.status_code == 200
    assert consent.scope in confirmation.content.decode()
    assert response.status_code == 302
    consent.refresh_from_db()  # kept, never deleted
    assert (consent.withdrawn_on, consent.withdrawal_note, consent.withdrawal_recorded_by) == (
        TODAY,
        "pisemnie",
        social_worker,
    )
    effect = _(
        "From %(date)s the person's image may not be published; what was published earlier need not be removed."
    ) % {"date": TODAY.strftime("%d.%m.%Y")}
    assert consent.effect == effect
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert effect.replace("'", "&#x27;") in page
    assert _("withdrawn on %(date)s") % {"date": TODAY.strftime("%d.%m.%Y")} in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(consent.pk))
    assert event.details["withdrawn_on"] == TODAY.isoformat()
    assert event.user == social_worker


def test_each_purpose_says_what_its_withdrawal_stops(person):
    for purpose, scope, expected in [
        ("contact", "", "no more text messages or e-mails about activities"),
        (
            "partner",
            "Spółdzielnia Socjalna „Dobrodziejki”",
            "no data may be passed to Spółdzielnia Socjalna „Dobrodziejki”",
        ),
        (
            "other",
            "udział w badaniu ewaluacyjnym",
            "may no longer be used for this purpose (udział w badaniu ewaluacyjnym)",
        ),
    ]:
        consent = Consent(participant=person, purpose=purpose, scope=scope, given_on=LAST_MONTH, withdrawn_on=TODAY)
        with translation.override("en"):
            assert expected in consent.effect
    assert given(person).effect == ""  # in force: nothing stopped


def test_a_consent_is_not_withdrawn_twice_nor_before_it_was_given(client, social_worker, person):
    consent = given(person, on=LAST_MONTH)
    client.force_login(social_worker)
    url = f"/participants/consents/{consent.pk}/withdraw/"

    too_early = client.post(url, {"withdrawn_on": (LAST_MONTH - datetime.timedelta(days=1)).isoformat()})
    client.post(url, {"withdrawn_on": TODAY.isoformat()})
    again = client.post(url, {"withdrawn_on": LAST_MONTH.isoformat()})

    assert _("A consent cannot be withdrawn before it was given.") in too_early.context["form"].errors["withdrawn_on"]
    assert again.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_id=str(consent.pk)).count() == 1


def test_only_whoever_works_the_case_records_or_withdraws_a_consent(
    client, person, other_social_worker, coordinator, manager
):
    consent = given(person)
    new, withdraw = f"/participants/{person.pk}/consents/new/", f"/participants/consents/{consent.pk}/withdraw/"
    elsewhere = make_user(Role.COORDINATOR, username="coordinator_elsewhere")
    elsewhere.coordinated_locations.clear()

    for user, status in [(other_social_worker, 404), (elsewhere, 404), (manager, 403), (coordinator, 200)]:
        client.force_login(user)
        assert (client.get(new).status_code, client.get(withdraw).status_code) == (status, status), user

    client.force_login(manager)
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert consent.scope in page  # a manager reads the consents, and is offered nothing to do
    assert withdraw not in page and new not in page


def test_the_page_states_the_legal_basis_as_the_law_not_consent(client, social_worker, person):
    person.information_given_on = LAST_MONTH
    person.save()
    client.force_login(social_worker)

    page = client.get(f"/participants/{person.pk}/").content.decode()

    assert _("Legal basis of processing") in page
    for basis in [
        "GDPR art. 6(1)(c) and (e): a legal obligation of the centre and a task carried out in the public interest;",
        "GDPR art. 9(2)(b) and (h): obligations under social security and social protection law, and social care;",
        "the Social Assistance Act of 12 March 2004, art. 100;",
        "for participation in the club, the Social Employment Act of 13 June 2003;",
    ]:
        assert _(basis) in page
    assert LAST_MONTH.strftime("%d.%m.%Y") in page  # the information clause given (GDPR art. 13)
    assert _("No consents recorded.") in page
    assert f"/reports/participants/{person.pk}/export.pdf" in page
