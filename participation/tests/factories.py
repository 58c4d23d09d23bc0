"""Factories of the participation and programme tests, and ``participation_in``, which walks a
participation to a given status through the services (so every state has its events, dates and
audit entries)."""

import datetime

import factory
from django.utils import timezone

from contracts.tests.helpers import signed_contract
from participants.tests.factories import ParticipantFactory
from participation import services
from participation.models import ExitSituation, ProjectParticipation
from projects.models import Project
from projects.tests.factories import ProjectFactory

Status = ProjectParticipation.Status
DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


class ParticipationProjectFactory(ProjectFactory):
    """A project running around today, open to recruitment."""

    title = "Aktywna integracja w Wejherowie"
    code = factory.Sequence(lambda n: f"RPPM.06.01.00-22-{n:04d}/25")
    programme = "FEP 2021–2027, 5.11"
    funder = "Urząd Marszałkowski Województwa Pomorskiego"
    status = Project.Status.RUNNING
    start_date = factory.LazyFunction(lambda: today() - DAY * 200)
    end_date = factory.LazyFunction(lambda: today() + DAY * 300)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A bare application (no event rows): for tests of reads, not of moves."""

    class Meta:
        model = ProjectParticipation

    project = factory.SubFactory(ParticipationProjectFactory)
    participant = factory.SubFactory(ParticipantFactory)
    applied_on = factory.LazyFunction(lambda: today() - DAY * 60)


# The dates of a path walked by ``participation_in``.
def applied_on() -> datetime.date:
    return today() - DAY * 60


def decided_on() -> datetime.date:
    return today() - DAY * 50


def contract_from() -> datetime.date:
    return today() - DAY * 45


def started_on() -> datetime.date:
    return today() - DAY * 40


def ended_on() -> datetime.date:
    return today() - DAY * 5


def exit_situation(code: str = "employed") -> ExitSituation:
    """A situation on leaving from the reference list the data migration loads."""
    return ExitSituation.objects.get(code=code)


def participation_in(status: str, *, participant=None, project=None, user=None) -> ProjectParticipation:
    """A participation in ``status``, reached through the services by ``user`` (by default the
    participant's social worker). Active, completed and dropped-out ones started with a signed
    contract in force; a dropped-out one dropped out after starting."""
    participant = participant or ParticipantFactory()
    project = project or ParticipationProjectFactory()
    user = user or participant.social_worker
    participation = services.participation_recruit(
        project=project, participant=participant, user=user, applied_on=applied_on()
    )
    if status == Status.APPLIED:
        return participation
    decision = {Status.RESERVE: Status.RESERVE, Status.REJECTED: Status.REJECTED}.get(status, Status.QUALIFIED)
    participation = services.participation_decide(
        participation_id=participation.pk,
        user=user,
        decision=decision,
        on=decided_on(),
        categories=["long_term_unemployed"],
        exclusions=[],
        note="Osoba długotrwale bezrobotna, mieszka na terenie gminy.",
    )
    if status in (Status.QUALIFIED, Status.RESERVE, Status.REJECTED):
        return participation
    if not participant.contracts.filter(status="signed").exists():
        signed_contract(participant=participant, period_start=contract_from())
    participation = services.participation_activate(
        participation_id=participation.pk, user=user, start_date=started_on()
    )
    first_support(participation, started_on())
    if status == Status.ACTIVE:
        return participation
    if status == Status.COMPLETED:
        return services.participation_complete(
            participation_id=participation.pk,
            user=user,
            end_date=ended_on(),
            completed_as_planned=True,
            exit_situation=exit_situation(),
        )
    assert status == Status.DROPPED_OUT, status
    return services.participation_drop_out(
        participation_id=participation.pk,
        user=user,
        end_date=ended_on(),
        reason=ProjectParticipation.DropoutReason.FOUND_JOB,
        note="Podjął pracę w pełnym wymiarze.",
        exit_situation=exit_situation(),
    )


# --- The programme -----------------------------------------------------------------------------


def first_support(participation: ProjectParticipation, on: datetime.date) -> ProjectParticipation:
    """The first support recorded on ``on``, as the programme reports it (a session attended, an
    individual meeting, an internship): the participation's ESF start."""
    services.set_first_support({participation.pk: on})
    participation.refresh_from_db()
    return participation


def active_in(project, participant=None) -> ProjectParticipation:
    """A participation already active in ``project`` (made directly, without its path): what
    ``programme.enroll`` requires of everyone enrolled in the project's activities."""
    return ParticipationFactory(
        project=project,
        participant=participant or ParticipantFactory(),
        status=Status.ACTIVE,
        decided_on=decided_on(),
        planned_start=started_on(),
        start_date=started_on(),
    )
