"""The participation pages load in a fixed number of queries, whatever the number of events,
criteria and participations shown; and the project counts (recruited, completed) come from one
annotated query."""

import datetime
import re

import pytest
from django.utils import timezone

from contracts.tests.helpers import signed_contract
from kis.tests.factories import UserFactory
from kis.tests.helpers import SIGNED_IN
from participants.models import RiskFactor
from participants.tests.factories import ParticipantFactory
from participation import services
from participation.models import ParticipationEvent, ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory, contract_from, participation_in
from projects.models import Project, ProjectCriterion
from projects.tests.factories import ProjectCriterionFactory

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
SIZES = [1, 20]
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("size", SIZES)
def test_the_participation_page_makes_the_same_queries_for_1_and_20_events_and_criteria(
    client, social_worker, participant, size, django_assert_num_queries
):
    participant.risk_factors.set(RiskFactor.objects.all()[: min(size, 13)])
    signed_contract(participant=participant, period_start=contract_from())
    project = ParticipationProjectFactory()
    kinds = list(ProjectCriterion.Kind)
    for index in range(size):
        ProjectCriterionFactory(project=project, kind=kinds[index % len(kinds)], value="Wejherowo; 30; poverty")
    participation = participation_in(Status.ACTIVE, participant=participant, project=project)
    for index in range(size):  # notes on the path, each by a different worker
        ParticipationEvent.objects.create(
            participation=participation,
            from_status=Status.ACTIVE,
            to_status=Status.ACTIVE,
            date=timezone.localdate() - DAY * index,
            by=UserFactory(),
            note=f"Konsultacja {index}",
        )
    client.force_login(social_worker)

    # SIGNED_IN + the participation with its project, participant, social worker, location, exit
    # situation and decider + its events + the events' authors + the person's risk factors + the
    # project's criteria + its eligibility evidence + the contract in force + the person's
    # declarations for the project + the audit INSERT + whether the user may edit the person
    # (need-to-know: one EXISTS, asked once for the page).
    with django_assert_num_queries(SIGNED_IN + 10):
        response = client.get(f"/activities/participations/{participation.pk}/")

    assert response.status_code == 200
    assert len(response.context["checks"]) == size
    assert response.content.decode().count("Konsultacja ") == size


@pytest.mark.parametrize("size", SIZES)
def test_the_decision_page_makes_the_same_queries_for_1_and_20_criteria(
    client, social_worker, participant, size, django_assert_num_queries
):
    participant.risk_factors.set(RiskFactor.objects.all()[: min(size, 13)])
    project = ParticipationProjectFactory()
    kinds = list(ProjectCriterion.Kind)
    for index in range(size):
        ProjectCriterionFactory(project=project, kind=kinds[index % len(kinds)], value="Wejherowo; 30; poverty")
    participation = participation_in(Status.APPLIED, participant=participant, project=project)
    client.force_login(social_worker)

    # SIGNED_IN + the participation with its project and participant + the person's risk factors +
    # the project's criteria.
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.get(f"/activities/participations/{participation.pk}/decide/")

    assert response.status_code == 200
    assert len(response.context["checks"]) == size


@pytest.mark.parametrize("size", SIZES)
def test_the_participant_page_makes_the_same_queries_for_1_and_20_participations(
    client, social_worker, participant, size, django_assert_num_queries
):
    for _index in range(size):
        participation_in(Status.APPLIED, participant=participant)
    client.force_login(social_worker)

    # SIGNED_IN + the participant with worker and location + risk factors + household members +
    # stand-ins with their workers + consents + contracts + participations with their projects +
    # individual support + internships + volunteering agreements (whether the user may edit the
    # person is known from the scope the person was reached through) + the audit INSERT + who has
    # seen the record (the latest audit rows) + the enrollments with their attendance counts (the
    # programme's template tag; no dependant needs care, so no query for that) + the person's
    # referrals (activities' referral tag) + their links to municipal programmes (programmes' tag).
    with django_assert_num_queries(SIGNED_IN + 15):
        response = client.get(f"/participants/{participant.pk}/")

    assert response.status_code == 200
    assert len(re.findall(r'href="/activities/participations/\d+/"', response.content.decode())) == size


# --- Project counts ------------------------------------------------------------------------------


def test_recruited_counts_everyone_who_started_and_completed_those_who_completed(django_assert_num_queries):
    project = ParticipationProjectFactory()
    other = ParticipationProjectFactory()
    for status in (
        Status.APPLIED,
        Status.RESERVE,
        Status.REJECTED,
        Status.QUALIFIED,
        Status.ACTIVE,
        Status.ACTIVE,
        Status.COMPLETED,
        Status.COMPLETED,
        Status.COMPLETED,
        Status.DROPPED_OUT,  # after starting: recruited
    ):
        participation_in(status, project=project)
    # Qualified, then dropped out before the first support: never recruited.
    participation = participation_in(Status.QUALIFIED, project=project)
    services.participation_drop_out(
        participation_id=participation.pk,
        user=participation.participant.social_worker,
        end_date=timezone.localdate(),
        reason="resigned",
    )
    participation_in(Status.COMPLETED, project=other)

    # One query, whatever the number of projects and participations.
    with django_assert_num_queries(1):
        counts = {p.pk: (p.recruited, p.completed) for p in Project.objects.with_counts()}

    assert counts == {project.pk: (6, 3), other.pk: (1, 1)}
    assert ProjectParticipation.objects.filter(project=project).recruited().count() == 6


def test_a_project_without_participations_counts_zero():
    project = ParticipationProjectFactory()
    ParticipantFactory()

    annotated = Project.objects.with_counts().get(pk=project.pk)

    assert (annotated.recruited, annotated.completed) == (0, 0)
