"""The situation at the start is kept as it was (the ESF sheet reads it, never today's record), and
a correction of it is an audited edit with its reason."""

import pytest

from kis.models import AuditEvent
from participants.models import LabourMarketStatus, YesNoRefused
from participation import records
from participation.models import ProjectParticipation
from participation.services import ParticipationError
from participation.tests.factories import participation_in
from participation.tests.test_services import Status

pytestmark = pytest.mark.django_db


def test_the_start_keeps_the_residence_and_answers_of_that_day(contracted, project):
    contracted.town, contracted.commune = "Reda", "Reda"
    contracted.save()
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    contracted.town, contracted.commune = "Gdynia", "Gdynia"  # moved after starting
    contracted.save()

    participation.refresh_from_db()
    assert (participation.entry["town"], participation.entry["commune"]) == ("Reda", "Reda")
    assert participation.sex_at_start == contracted.sex
    assert participation.entry["homeless"] in YesNoRefused.values


def test_a_correction_is_audited_with_its_reason_and_the_old_and_new_values(contracted, project, coordinator):
    contracted.labour_market_status = LabourMarketStatus.EMPLOYED
    contracted.save()
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    records.participation_correct_entry(
        participation_id=participation.pk,
        user=coordinator,
        changes={"labour_status_at_start": LabourMarketStatus.INACTIVE, "homeless": YesNoRefused.REFUSED},
        reason="Oświadczenie uczestniczki z dnia rozpoczęcia.",
    )

    participation.refresh_from_db()
    assert participation.labour_status_at_start == LabourMarketStatus.INACTIVE
    assert participation.entry["homeless"] == YesNoRefused.REFUSED
    entry = AuditEvent.objects.filter(object_id=str(participation.pk), details__has_key="entry_corrected").get()
    assert entry.user == coordinator
    assert entry.details["entry_corrected"]["labour_status_at_start"] == ["employed", "inactive"]
    assert entry.details["reason"] == "Oświadczenie uczestniczki z dnia rozpoczęcia."


@pytest.mark.parametrize(
    ("changes", "reason", "message"),
    [
        ({"labour_status_at_start": LabourMarketStatus.INACTIVE}, " ", "Give the reason for correcting"),
        ({"age_at_start": 20}, "Pomyłka.", "These data cannot be corrected here."),
        ({}, "Pomyłka.", "Nothing was changed."),
    ],
    ids=["no reason", "not correctable", "nothing"],
)
def test_a_correction_without_a_reason_or_change_is_refused(contracted, project, coordinator, changes, reason, message):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = participation.labour_status_at_start

    with pytest.raises(ParticipationError, match=message):
        records.participation_correct_entry(
            participation_id=participation.pk, user=coordinator, changes=changes, reason=reason
        )

    participation.refresh_from_db()
    assert participation.labour_status_at_start == before


def test_the_correction_page_saves_the_correction(client, coordinator, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    client.force_login(coordinator)
    url = f"/activities/participations/{participation.pk}/entry/"
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["disability_group_at_start"] = "on"
    data["reason"] = "Orzeczenie o stopniu niepełnosprawności z dnia rozpoczęcia."

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    participation.refresh_from_db()
    assert participation.disability_group_at_start is True


def test_the_correction_page_corrects_the_work_of_an_employed_person_and_their_citizenship(
    client, coordinator, contracted, project
):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    client.force_login(coordinator)
    url = f"/activities/participations/{participation.pk}/entry/"
    data = {name: value for name, value in client.get(url).context["form"].initial.items() if value is not None}
    data.update(
        labour_status_at_start=LabourMarketStatus.EMPLOYED,
        labour_status_detail="self_employed",
        occupation="fryzjerka",
        employer="Salon Fryzjerski Anna Kowalska",
        citizenship_group="eu",
        foreign_origin=YesNoRefused.YES,
        third_country_national=YesNoRefused.NO,
        reason="Zaświadczenie o wpisie do CEIDG z dnia rozpoczęcia.",
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    participation.refresh_from_db()
    entry = participation.entry
    assert (entry["labour_status_detail"], entry["occupation"], entry["employer"]) == (
        "self_employed",
        "fryzjerka",
        "Salon Fryzjerski Anna Kowalska",
    )
    assert (entry["citizenship_group"], entry["foreign_origin"], entry["third_country_national"]) == ("eu", "yes", "no")


def test_a_detail_that_does_not_go_with_the_status_is_refused_next_to_it(client, coordinator, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    client.force_login(coordinator)
    url = f"/activities/participations/{participation.pk}/entry/"
    data = {name: value for name, value in client.get(url).context["form"].initial.items() if value is not None}
    data.update(labour_status_at_start=LabourMarketStatus.INACTIVE, labour_status_detail="sme", reason="Pomyłka.")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "labour_status_detail" in response.context["form"].errors
    participation.refresh_from_db()
    assert participation.entry.get("labour_status_detail", "") == ""


def test_the_correction_service_refuses_a_detail_that_does_not_go_with_the_status(contracted, project, coordinator):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    ProjectParticipation.objects.filter(pk=participation.pk).update(labour_status_at_start=LabourMarketStatus.INACTIVE)

    with pytest.raises(ParticipationError, match="does not go with the labour-market status"):
        records.participation_correct_entry(
            participation_id=participation.pk,
            user=coordinator,
            changes={"labour_status_detail": "sme"},
            reason="Pomyłka.",
        )

    participation.refresh_from_db()
    assert participation.entry.get("labour_status_detail", "") == ""
