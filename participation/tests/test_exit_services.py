"""The services at the end of a path: completing, dropping out (with the reasons), the certificate
number, and the three-month follow-up."""

import datetime
from decimal import Decimal

import pytest

from participation import services
from participation.models import EmploymentType, ProjectParticipation
from participation.results import Employment, FollowUp
from participation.services import ParticipationError
from participation.tests.factories import (
    ended_on,
    exit_situation,
    participation_in,
    started_on,
)
from participation.tests.test_services import (
    DAY,
    TODAY,
    Status,
    audit_entries,
    decide,
    state_of,
)

pytestmark = pytest.mark.django_db

# --- Exit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_planned", "situation"), [(None, "employed"), (True, None), (None, None)], ids=["plan", "situation", "both"]
)
def test_completing_without_exit_data_is_refused(contracted, project, social_worker, as_planned, situation):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        services.participation_complete(
            participation_id=participation.pk,
            user=social_worker,
            end_date=TODAY(),
            completed_as_planned=as_planned,
            exit_situation=exit_situation(situation) if situation else None,
        )

    assert str(refused.value) == (
        "Completing needs the exit data: whether the planned path was completed and the situation on leaving."
    )
    assert state_of(participation) == before


@pytest.mark.parametrize("as_planned", [True, False])
def test_completing_records_the_exit_and_issues_the_certificate(contracted, project, coordinator, as_planned):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    services.participation_complete(
        participation_id=participation.pk,
        user=coordinator,
        end_date=TODAY() - DAY,
        completed_as_planned=as_planned,
        exit_situation=exit_situation("education"),
    )

    participation.refresh_from_db()
    assert participation.status == Status.COMPLETED
    assert (participation.end_date, participation.completed_as_planned) == (TODAY() - DAY, as_planned)
    assert participation.exit_situation.code == "education"
    assert participation.certificate_number == f"KIS/{(TODAY() - DAY).year}/0001"
    assert participation.certificate_issued_on == TODAY()


def test_certificate_numbers_are_sequential_within_a_year(project):
    numbers = [participation_in(Status.COMPLETED, project=project).certificate_number for _index in range(3)]

    year = ended_on().year
    assert numbers == [f"KIS/{year}/0001", f"KIS/{year}/0002", f"KIS/{year}/0003"]


def test_certificate_numbers_start_again_each_year(project):
    participation = participation_in(Status.COMPLETED, project=project)
    ProjectParticipation.objects.filter(pk=participation.pk).update(certificate_number="KIS/2025/0041")

    assert services.next_certificate_number(2025) == "KIS/2025/0042"
    assert services.next_certificate_number(2024) == "KIS/2024/0001"


@pytest.mark.parametrize("finish", ["complete", "drop out"])
@pytest.mark.parametrize(
    ("end", "message"),
    [
        (started_on() - DAY, "The end cannot be before the start of participation."),
        (TODAY() + DAY, "The end cannot be in the future."),
    ],
    ids=["before the start", "in the future"],
)
def test_an_end_on_an_impossible_date_is_refused(contracted, project, social_worker, finish, end, message):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        if finish == "complete":
            services.participation_complete(
                participation_id=participation.pk,
                user=social_worker,
                end_date=end,
                completed_as_planned=True,
                exit_situation=exit_situation(),
            )
        else:
            services.participation_drop_out(
                participation_id=participation.pk, user=social_worker, end_date=end, reason="health"
            )

    assert str(refused.value) == message
    assert state_of(participation) == before


@pytest.mark.parametrize("reason", ["", "bored"])
def test_dropping_out_needs_a_reason(contracted, project, social_worker, reason):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        services.participation_drop_out(
            participation_id=participation.pk, user=social_worker, end_date=TODAY(), reason=reason
        )

    assert str(refused.value) == "Choose the reason for dropping out."
    assert state_of(participation) == before


def test_dropping_out_after_starting_records_the_reason_and_issues_a_certificate(contracted, project, coordinator):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    services.participation_drop_out(
        participation_id=participation.pk,
        user=coordinator,
        end_date=TODAY(),
        reason="moved",
        note="  Przeprowadzka do Gdańska.  ",
        exit_situation=exit_situation("looking-for-work"),
    )

    participation.refresh_from_db()
    assert participation.status == Status.DROPPED_OUT
    assert (participation.dropout_reason, participation.dropout_note) == ("moved", "Przeprowadzka do Gdańska.")
    assert (participation.end_date, participation.completed_as_planned) == (TODAY(), False)
    assert participation.exit_situation.code == "looking-for-work"
    assert participation.certificate_number == f"KIS/{TODAY().year}/0001"
    assert participation.is_started is True
    assert participation.events.last().by == coordinator


def test_dropping_out_before_starting_issues_no_certificate(contracted, project, social_worker):
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)

    services.participation_drop_out(
        participation_id=participation.pk, user=social_worker, end_date=TODAY(), reason="resigned"
    )

    participation.refresh_from_db()
    assert participation.status == Status.DROPPED_OUT
    assert participation.start_date is None
    assert (participation.certificate_number, participation.certificate_issued_on) == ("", None)
    assert participation.is_started is False
    assert not ProjectParticipation.objects.recruited().exists()


# --- Three-month follow-up -----------------------------------------------------------------------


def follow_up(on, **kwargs) -> FollowUp:
    """Employed on an open-ended employment contract, full time, from the day after leaving; in
    education (a kind of social progress); a certified qualification."""
    job = Employment(
        type=EmploymentType.EMPLOYMENT_CONTRACT,
        start=ended_on() + DAY,
        hours_per_week=Decimal(40),
        evidence="kopia umowy o pracę",
    )
    return FollowUp(on=on, social_progress=["education"], qualification=True, employment=job, **kwargs)


@pytest.mark.parametrize("status", [Status.APPLIED, Status.QUALIFIED, Status.ACTIVE])
def test_the_follow_up_is_refused_before_the_participation_ends(contracted, project, social_worker, status):
    participation = participation_in(status, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        services.participation_follow_up(
            participation_id=participation.pk, user=social_worker, follow_up=follow_up(TODAY())
        )

    assert str(refused.value) == "The follow-up is recorded after the participation has ended."
    assert state_of(participation) == before


def test_the_follow_up_cannot_be_dated_before_the_end(contracted, project, social_worker):
    participation = participation_in(Status.COMPLETED, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError, match="cannot be dated before the end of participation"):
        services.participation_follow_up(
            participation_id=participation.pk, user=social_worker, follow_up=follow_up(ended_on() - DAY)
        )

    assert state_of(participation) == before


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.DROPPED_OUT])
def test_the_follow_up_is_recorded_after_the_end(contracted, project, social_worker, status):
    participation = participation_in(status, participant=contracted, project=project)

    services.participation_follow_up(
        participation_id=participation.pk, user=social_worker, follow_up=follow_up(TODAY())
    )

    participation.refresh_from_db()
    assert participation.followup_on == TODAY()
    assert (
        participation.followup_employed,
        participation.followup_looking_for_work,
        participation.followup_in_education,
        participation.followup_qualification,
        participation.followup_social_progress,
    ) == (True, False, True, True, True)
    assert participation.followup_employment_type == EmploymentType.EMPLOYMENT_CONTRACT
    assert participation.followup_evidence == "kopia umowy o pracę"
    assert participation.status == status
    assert audit_entries(participation).filter(details={"followup": True}, user=social_worker).exists()


def test_a_decision_dated_in_the_future_is_refused(participant, project, social_worker):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    with pytest.raises(ParticipationError, match="cannot be dated in the future"):
        decide(participation, social_worker, on=TODAY() + DAY)

    participation.refresh_from_db()
    assert participation.status == Status.APPLIED
    assert participation.decided_on is None


def test_a_follow_up_dated_in_the_future_is_refused(participant, project, social_worker):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)

    with pytest.raises(ParticipationError, match="cannot be dated in the future"):
        services.participation_follow_up(
            participation_id=participation.pk, user=social_worker, follow_up=follow_up(TODAY() + DAY)
        )

    participation.refresh_from_db()
    assert participation.followup_on is None


def test_a_qualification_on_leaving_needs_to_say_whether_it_was_certified(contracted, project, coordinator):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError, match="Say whether the qualification was certified"):
        services.participation_complete(
            participation_id=participation.pk,
            user=coordinator,
            end_date=TODAY() - DAY,
            completed_as_planned=True,
            exit_situation=exit_situation("qualification"),
        )
    assert state_of(participation) == before

    services.participation_complete(
        participation_id=participation.pk,
        user=coordinator,
        end_date=TODAY() - DAY,
        completed_as_planned=True,
        exit_situation=exit_situation("qualification"),
        qualification_certified=False,  # an internal course certificate
    )
    participation.refresh_from_db()
    assert (participation.exit_qualification_certified, participation.exit_result_counts) == (False, False)


@pytest.mark.parametrize(("weeks_after", "counts"), [(4, True), (5, False)])
def test_a_situation_on_leaving_counts_only_up_to_4_weeks_after(contracted, project, coordinator, weeks_after, counts):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    left = TODAY() - DAY * 36  # started 40 days ago

    services.participation_drop_out(
        participation_id=participation.pk,
        user=coordinator,
        end_date=left,
        reason="found_job",
        exit_situation=exit_situation("employed"),
        exit_on=left + datetime.timedelta(weeks=weeks_after),
    )

    participation.refresh_from_db()
    assert participation.exit_situation_on == left + datetime.timedelta(weeks=weeks_after)
    assert participation.exit_result_counts is counts
