"""A person who dropped out and re-joined the same project, worked out by hand: Rafał Rybak started
P on 01.02.2025, dropped out (resigned) on 01.03.2025, re-joined, started again on 01.04.2025 and
completed on 30.06.2025. The report counts him once as recruited (from his first start), takes the
outcome from his last episode (completed, not dropped out), and both episodes stay in the history."""

import pytest

from participants.tests.factories import ParticipantFactory
from reports import outcomes
from reports.outcomes import Period
from reports.tests.factories import Reason, ReportProjectFactory, Status, d, participation

pytestmark = pytest.mark.django_db


def first_episode(reason: str):
    """Rafał Rybak's first episode in a 2025 project: started 01.02, dropped out 01.03."""
    project = ReportProjectFactory(start_date=d("01.01.2025"), end_date=d("31.12.2025"))
    person = ParticipantFactory(first_name="Rafał", last_name="Rybak")
    participation(
        project,
        person,
        status=Status.DROPPED_OUT,
        qualified=d("20.01.2025"),
        started=d("01.02.2025"),
        ended=d("01.03.2025"),
        age=33,
        reason=reason,
    )
    return project, person


@pytest.fixture
def project():
    project, person = first_episode(Reason.RESIGNED)
    participation(
        project,
        person,
        status=Status.COMPLETED,
        qualified=d("20.03.2025"),
        started=d("01.04.2025"),
        ended=d("30.06.2025"),
        age=33,
        exit_code="employed",
        episode=2,
    )
    return project


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ((d("01.01.2025"), d("31.12.2025")), {"recruited": 1, "completed": 1, "dropped_out": 0}),
        # His first start (01.02) is the one that recruits him; the second (01.04) does not again.
        ((d("01.04.2025"), d("30.06.2025")), {"recruited": 0, "completed": 1, "dropped_out": 0}),
        ((d("01.02.2025"), d("31.03.2025")), {"recruited": 1, "completed": 0, "dropped_out": 0}),
    ],
    ids=["whole project", "Q2", "February–March"],
)
def test_a_person_who_rejoined_counts_once_with_the_outcome_of_the_last_episode(project, period, expected):
    report = outcomes.build(project, Period(*period))

    assert {key: report.headline[key].value for key in expected} == expected
    assert [label for label, _f in report.dropout_reasons] == []


def test_both_episodes_stay_in_the_history(project):
    episodes = project.participations.order_by("episode")

    assert [(p.episode, p.status) for p in episodes] == [(1, Status.DROPPED_OUT), (2, Status.COMPLETED)]


def test_a_new_application_not_yet_started_leaves_the_earlier_outcome_as_it_was():
    project, person = first_episode(Reason.FOUND_JOB)
    participation(project, person, status=Status.APPLIED, episode=2)  # applied again, not started

    report = outcomes.build(project, Period(d("01.01.2025"), d("31.12.2025")))

    assert (report.headline["recruited"].value, report.headline["dropped_out"].value) == (1, 1)
    (everyone,) = report.effectiveness
    assert everyone.social.base.value == 1  # left for a job: in the base
