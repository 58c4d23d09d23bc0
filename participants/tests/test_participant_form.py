"""Registering and editing a participant through the form: derived data, refusals, household, locking."""

import datetime
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext
from zeal import zeal_ignore

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.helpers import field_error_text, submitted_data
from participants.models import HouseholdMember, Participant, RiskFactor, Sex
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participants.tests.helpers import new_participant_data, with_check_digit

pytestmark = pytest.mark.django_db

NEW_URL = "/participants/new/"
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
CHILD = {"first_name": "Zosia", "last_name": "Kowalska", "relationship": "child", "date_of_birth": "2018-05-01"}


# --- Registering -------------------------------------------------------------------------------


def test_valid_registration_takes_birth_date_and_sex_from_pesel_and_assigns_the_worker(client, social_worker):
    client.force_login(social_worker)
    risk_factors = list(RiskFactor.objects.filter(code__in=["poverty", "unemployment"]))
    # 02270803624: born 08.07.2002 (month +20 for the 2000s), sex digit 2 = a woman. What was typed
    # into the date of birth and sex fields is overridden by the PESEL.
    data = new_participant_data(
        first_name="Maria",
        pesel="02270803624",
        date_of_birth="1990-01-01",
        sex=Sex.MALE,
        risk_factors=[str(rf.pk) for rf in risk_factors],
    )

    response = client.post(NEW_URL, data)

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/participants/{participant.pk}/"
    assert participant.date_of_birth == datetime.date(2002, 7, 8)
    assert participant.sex == Sex.FEMALE
    assert participant.social_worker == social_worker
    assert participant.created_by == social_worker
    assert participant.version == 1
    assert set(participant.risk_factors.all()) == set(risk_factors)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert event.user == social_worker
    assert event.object_type == "participants.participant"
    assert event.object_id == str(participant.pk)


def test_registration_of_a_man_born_in_the_1900s(client, social_worker):
    client.force_login(social_worker)

    client.post(NEW_URL, new_participant_data(pesel="44051401359"))

    participant = Participant.objects.get()
    assert (participant.date_of_birth, participant.sex) == (datetime.date(1944, 5, 14), Sex.MALE)


def test_social_worker_cannot_register_a_participant_onto_another_workers_caseload(
    client, social_worker, other_social_worker
):
    client.force_login(social_worker)

    client.post(NEW_URL, new_participant_data(social_worker=str(other_social_worker.pk)))

    assert Participant.objects.get().social_worker == social_worker


def test_coordinator_assigns_the_new_participant_to_the_chosen_worker(client, coordinator, social_worker):
    client.force_login(coordinator)

    response = client.post(NEW_URL, new_participant_data(social_worker=str(social_worker.pk)))

    assert response.status_code == 302
    assert Participant.objects.get().social_worker == social_worker


def test_registration_without_pesel_keeps_the_typed_birth_date_and_sex(client, social_worker):
    client.force_login(social_worker)
    data = new_participant_data(
        pesel="", no_pesel_reason="cudzoziemiec bez numeru PESEL", date_of_birth="1979-11-30", sex=Sex.FEMALE
    )

    response = client.post(NEW_URL, data)

    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.pesel is None
    assert (participant.date_of_birth, participant.sex) == (datetime.date(1979, 11, 30), Sex.FEMALE)


# --- Bad input: refused with a Polish message next to the field, and nothing saved ------------------

BAD_INPUT = [
    # (case, field with the error, changes to a valid POST, part of the Polish message)
    ("wrong check digit", "pesel", {"pesel": "44051401358"}, "cyfra kontrolna się nie zgadza"),
    (
        "31 February in the PESEL",
        "pesel",
        {"pesel": with_check_digit("4402310135")},
        "zawiera nieistniejącą datę urodzenia",
    ),
    ("month 13 in the PESEL", "pesel", {"pesel": with_check_digit("4413140135")}, "nieistniejącą datę urodzenia"),
    ("PESEL too short", "pesel", {"pesel": "4405140135"}, "Numer PESEL ma dokładnie 11 cyfr."),
    ("letters in the PESEL", "pesel", {"pesel": "44O51401359"}, "Numer PESEL ma dokładnie 11 cyfr."),
    (
        "PESEL of someone born in 2150",
        "pesel",
        {"pesel": with_check_digit("5045010135")},
        "Data urodzenia nie może być z przyszłości.",
    ),
    ("postal code without a dash", "postal_code", {"postal_code": "84200"}, "Wpisz kod pocztowy w formacie NN-NNN"),
    ("postal code dash misplaced", "postal_code", {"postal_code": "8-4200"}, "Wpisz kod pocztowy w formacie NN-NNN"),
    (
        "no PESEL and no reason",
        "pesel",
        {"pesel": "", "date_of_birth": "1980-01-01", "sex": Sex.MALE},
        "Wpisz numer PESEL albo podaj powód jego braku.",
    ),
    (
        "no PESEL, birth date in the future",
        "date_of_birth",
        {"pesel": "", "no_pesel_reason": "cudzoziemiec", "date_of_birth": TOMORROW, "sex": Sex.MALE},
        "Data urodzenia nie może być z przyszłości.",
    ),
    (
        "no PESEL and no birth date",
        "date_of_birth",
        {"pesel": "", "no_pesel_reason": "cudzoziemiec", "date_of_birth": "", "sex": Sex.MALE},
        "Bez numeru PESEL wpisz datę urodzenia.",
    ),
    (
        "no PESEL and no sex",
        "sex",
        {"pesel": "", "no_pesel_reason": "cudzoziemiec", "date_of_birth": "1980-01-01", "sex": ""},
        "Bez numeru PESEL wybierz płeć.",
    ),
    (
        "data-protection information given in the future",
        "information_given_on",
        {"information_given_on": TOMORROW},
        "Ta data nie może być z przyszłości.",
    ),
    (
        "a Polish citizen as a third-country national",
        "third_country_national",
        {"citizenship_group": "polish", "third_country_national": "yes"},
        "Obywatel Polski lub innego państwa UE nie jest obywatelem państwa trzeciego.",
    ),
    (
        "a citizen of another EU state as a third-country national",
        "third_country_national",
        {"citizenship": "niemieckie", "citizenship_group": "eu", "third_country_national": "yes"},
        "Obywatel Polski lub innego państwa UE nie jest obywatelem państwa trzeciego.",
    ),
    (
        "a citizen of a country outside the EU as not a third-country national",
        "third_country_national",
        {"citizenship": "ukraińskie", "citizenship_group": "non_eu", "third_country_national": "no"},
        "Obywatel państwa spoza UE lub bezpaństwowiec jest obywatelem państwa trzeciego.",
    ),
    (
        "an employer type for an inactive person",
        "labour_status_detail",
        {"labour_market_status": "inactive", "labour_status_detail": "sme"},
        "Ta informacja nie pasuje do wybranego statusu na rynku pracy.",
    ),
]


@pytest.mark.parametrize(
    ("field", "changes", "message"), [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT]
)
def test_bad_input_is_refused_with_a_message_next_to_the_field(client, social_worker, field, changes, message):
    client.force_login(social_worker)
    data = new_participant_data(household=[CHILD], **changes)

    response = client.post(NEW_URL, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in field_error_text(response, field)
    assert "Formularz zawiera błędy – niczego nie zapisano." in response.content.decode()
    assert Participant.objects.count() == 0
    assert HouseholdMember.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).exists()


def test_duplicate_pesel_is_refused_with_a_link_to_the_person_already_registered(client, social_worker):
    # On the worker's own caseload, so the message may name and link the person (see
    # test_need_to_know.py for a person the worker may not see).
    existing = ParticipantFactory(
        first_name="Jan", last_name="Kowalski", pesel="44051401359", social_worker=social_worker
    )
    client.force_login(social_worker)

    response = client.post(NEW_URL, new_participant_data(pesel="44051401359", household=[CHILD]))

    assert response.status_code == 200
    errors = response.context["form"].errors
    # One clear message only: not also "enter the PESEL or give a reason".
    assert len(errors["pesel"]) == 1
    message = gettext(
        "A person with this PESEL is already registered (worker: %(worker)s, location: %(location)s). "
        "Ask them or a coordinator before registering anyone again."
    ) % {"worker": "Anna Nowak", "location": "KIS Śródmieście"}
    link = gettext("Open the record of %(name)s") % {"name": "Jan Kowalski"}
    assert field_error_text(response, "pesel") == f"{message} {link}"
    assert f'<a href="/participants/{existing.pk}/">{link}</a>' in response.content.decode()
    assert Participant.objects.count() == 1
    assert HouseholdMember.objects.count() == 0


# --- Household members -------------------------------------------------------------------------------


def test_household_members_are_saved_with_the_participant(client, social_worker):
    client.force_login(social_worker)
    spouse = {"first_name": "Ewa", "last_name": "Kowalska", "relationship": "spouse", "date_of_birth": ""}
    child = {**CHILD, "needs_care": "on", "care_notes": "przedszkole do 15:00"}

    response = client.post(NEW_URL, new_participant_data(household=[spouse, child]))

    assert response.status_code == 302
    participant = Participant.objects.get()
    members = list(participant.household_members.order_by("id"))
    assert [(m.first_name, m.relationship, m.needs_care) for m in members] == [
        ("Ewa", "spouse", False),
        ("Zosia", "child", True),
    ]
    assert members[1].date_of_birth == datetime.date(2018, 5, 1)
    assert members[1].care_notes == "przedszkole do 15:00"


@pytest.mark.parametrize(
    ("member", "field"),
    [
        ({**CHILD, "date_of_birth": TOMORROW}, "date_of_birth"),
        ({**CHILD, "relationship": ""}, "relationship"),
        ({**CHILD, "first_name": ""}, "first_name"),
    ],
    ids=["born tomorrow", "no relationship", "no first name"],
)
def test_household_error_refuses_the_whole_registration(client, social_worker, member, field):
    client.force_login(social_worker)

    response = client.post(NEW_URL, new_participant_data(household=[CHILD, member]))

    assert response.status_code == 200
    household = response.context["household"]
    assert household.errors[0] == {}
    assert field in household.errors[1]
    assert Participant.objects.count() == 0
    assert HouseholdMember.objects.count() == 0


def test_participant_and_household_errors_are_shown_together(client, social_worker):
    client.force_login(social_worker)

    response = client.post(
        NEW_URL, new_participant_data(pesel="44051401358", household=[{**CHILD, "date_of_birth": TOMORROW}])
    )

    assert "cyfra kontrolna się nie zgadza" in field_error_text(response, "pesel")
    assert "Data urodzenia nie może być z przyszłości." in field_error_text(
        response, "household_members-0-date_of_birth"
    )


def test_failure_while_saving_the_household_rolls_back_the_participant(client, social_worker):
    client.force_login(social_worker)

    with mock.patch.object(HouseholdMember, "save", side_effect=DatabaseError("disk full")):
        with pytest.raises(DatabaseError):
            client.post(NEW_URL, new_participant_data(household=[CHILD]))

    assert Participant.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).exists()


def test_household_member_can_be_removed_on_edit(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker)
    HouseholdMemberFactory(participant=participant, first_name="Zosia")
    HouseholdMemberFactory(participant=participant, first_name="Kuba")
    client.force_login(social_worker)
    page = client.get(f"/participants/{participant.pk}/edit/")

    data = submitted_data(page.context["form"], page.context["household"], **{"household_members-0-DELETE": "on"})
    # Known N+1: Django's model formset checks each submitted member id with its own query
    # (HouseholdMember.objects.get per existing member, from HouseholdFormSet.is_valid()).
    with zeal_ignore([{"model": "participants.HouseholdMember", "field": "get()"}]):
        response = client.post(f"/participants/{participant.pk}/edit/", data)

    assert response.status_code == 302
    assert list(participant.household_members.values_list("first_name", flat=True)) == ["Kuba"]


# --- Editing and optimistic locking -----------------------------------------------------------------


def edit_page(client, user, participant):
    client.force_login(user)
    response = client.get(f"/participants/{participant.pk}/edit/")
    assert response.status_code == 200
    return response


def test_edit_saves_changes_bumps_the_version_and_writes_an_audit_entry(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker, last_name="Nowak", town="Wejherowo")
    page = edit_page(client, social_worker, participant)

    data = submitted_data(page.context["form"], page.context["household"], town="Reda")
    response = client.post(f"/participants/{participant.pk}/edit/", data)

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.town == "Reda"
    assert participant.version == 2
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert event.object_id == str(participant.pk)
    assert event.details == {"fields": ["town"]}


def test_second_of_two_edits_loaded_at_the_same_version_is_refused(client, coordinator, social_worker):
    participant = ParticipantFactory(social_worker=social_worker, last_name="Nowak")
    other_coordinator = make_user(Role.COORDINATOR, username="coordinator_2")
    first_page = edit_page(client, coordinator, participant)
    second_page = edit_page(client, other_coordinator, participant)
    # The hidden value is the version, then the fingerprint of the values loaded (kis.locking).
    assert first_page.context["form"]["version"].value() == second_page.context["form"]["version"].value()
    assert first_page.context["form"]["version"].value().partition(":")[0] == "1"

    client.force_login(coordinator)
    first = client.post(
        f"/participants/{participant.pk}/edit/",
        submitted_data(first_page.context["form"], first_page.context["household"], last_name="Nowakowska"),
    )
    client.force_login(other_coordinator)
    second = client.post(
        f"/participants/{participant.pk}/edit/",
        submitted_data(second_page.context["form"], second_page.context["household"], last_name="Kowalczyk"),
    )

    assert first.status_code == 302
    assert second.status_code == 200
    form = second.context["form"]
    non_field_errors = form.non_field_errors()
    # The refusal, then what the first coordinator changed (kis.locking).
    changed = gettext("%(field)s (now: %(value)s)") % {"field": form.fields["last_name"].label, "value": "Nowakowska"}
    assert list(non_field_errors)[1:] == [gettext("Changed meanwhile: %(changes)s.") % {"changes": changed}]
    assert "Ktoś inny zmienił dane tej osoby w czasie Twojej edycji." in second.content.decode()
    participant.refresh_from_db()
    assert participant.last_name == "Nowakowska"
    assert participant.version == 2
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).count() == 1


def test_refused_edit_does_not_save_its_household_changes(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker)
    page = edit_page(client, social_worker, participant)
    Participant.objects.filter(pk=participant.pk).update(version=2)  # someone else saved meanwhile

    data = submitted_data(
        page.context["form"],
        page.context["household"],
        **{f"household_members-0-{name}": value for name, value in CHILD.items()},
    )
    response = client.post(f"/participants/{participant.pk}/edit/", data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert HouseholdMember.objects.count() == 0


def test_edit_without_the_version_is_refused(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker, town="Wejherowo")
    page = edit_page(client, social_worker, participant)

    data = submitted_data(page.context["form"], page.context["household"], town="Reda", version=None)
    response = client.post(f"/participants/{participant.pk}/edit/", data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    participant.refresh_from_db()
    assert participant.town == "Wejherowo"


def test_keeping_ones_own_pesel_on_edit_is_not_a_duplicate(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker, pesel="44051401359", risk_factors=[])
    participant.risk_factors.set(RiskFactor.objects.filter(code="poverty"))
    page = edit_page(client, social_worker, participant)

    response = client.post(
        f"/participants/{participant.pk}/edit/", submitted_data(page.context["form"], page.context["household"])
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.pesel == "44051401359"
    assert list(participant.risk_factors.values_list("code", flat=True)) == ["poverty"]


def test_the_three_origin_questions_and_the_work_of_the_employed_are_kept_apart(client, social_worker):
    client.force_login(social_worker)
    data = new_participant_data(
        citizenship="czeskie",
        citizenship_group="eu",
        foreign_origin="yes",
        third_country_national="no",
        minority="refused",
        labour_market_status="employed",
        labour_status_detail="ngo",
        occupation="opiekunka",
        employer="Stowarzyszenie „Razem”",
        refused_homeless="on",
    )

    response = client.post(NEW_URL, data)

    assert response.status_code == 302
    person = Participant.objects.get()
    assert (person.citizenship_group, person.foreign_origin, person.third_country_national, person.minority) == (
        "eu",
        "yes",
        "no",
        "refused",
    )
    entry = person.entry_snapshot(datetime.date(2025, 3, 1))
    assert (entry["foreign_origin"], entry["third_country_national"], entry["minority"]) == ("yes", "no", "refused")
    assert (entry["labour_status_detail"], entry["occupation"], entry["employer"]) == (
        "ngo",
        "opiekunka",
        "Stowarzyszenie „Razem”",
    )
    assert entry["homeless"] == "refused" and entry["other_disadvantage"] == "no"
