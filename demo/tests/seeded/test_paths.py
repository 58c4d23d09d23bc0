"""The demo paths and programme: the Zawiercie outcome, the running projects, a second run."""

import datetime

import pytest
from django.utils import timezone

from activities.models import (
    Activity,
    Attendance,
    Enrollment,
    IndividualSupport,
    Internship,
    Session,
    Track,
    VolunteerAgreement,
)
from activities.services import consecutive_absences
from contracts.models import (
    ContractStatus,
    SocialContract,
)
from demo import organisation
from demo.tests.helpers import (
    ZAWIERCIE_YEARS,
    assert_programme_keeps_the_rules,
    seed,
    snapshot,
    was_in_force,
)
from participation.models import ProjectParticipation
from projects.models import Partner, Project
from reports import indicators
from reports.outcomes import Period


@pytest.mark.django_db
def test_running_twice_creates_nothing_new(demo):
    first = snapshot()

    output = seed(None)

    assert snapshot() == first
    assert "(0 new)" in output
    assert "0 new enrollments, 0 new attendance marks" in output
    assert_programme_keeps_the_rules()


@pytest.mark.django_db
def test_default_demo_holds_the_zawiercie_outcome_every_start_under_a_signed_contract(demo):

    zawiercie = Project.objects.with_counts().get(code=organisation.ZAWIERCIE_PROJECT)
    assert (zawiercie.recruited, zawiercie.completed) == (145, 96)
    paths = ProjectParticipation.objects.filter(project=zawiercie)
    assert paths.filter(status=ProjectParticipation.Status.DROPPED_OUT, start_date__isnull=False).count() == 49
    assert not paths.filter(status=ProjectParticipation.Status.ACTIVE).exists()
    dropped = paths.filter(status=ProjectParticipation.Status.DROPPED_OUT, start_date__isnull=False)
    assert {"found_job", "health", "moved", "resigned"} <= set(dropped.values_list("dropout_reason", flat=True))
    followed = paths.exclude(followup_on=None)
    assert followed.count() >= 80
    assert 0.15 <= followed.filter(followup_employed=True).count() / followed.count() <= 0.35
    assert 0.30 <= followed.filter(followup_social_progress=True).count() / followed.count() <= 0.50
    for participation in paths.recruited():
        assert zawiercie.start_date <= participation.start_date <= participation.end_date <= zawiercie.end_date
        assert participation.certificate_number.startswith(f"KIS/{participation.end_date.year}/")

    recruited = ProjectParticipation.objects.recruited().select_related("participant", "project")
    assert recruited.count() > 145  # the running projects have started people too
    contracts = {}
    for contract in SocialContract.objects.exclude(status=ContractStatus.DRAFT):
        contracts.setdefault(contract.participant_id, []).append(contract)
    for participation in recruited.prefetch_related("participant__risk_factors"):
        assert any(was_in_force(c, participation.start_date) for c in contracts[participation.participant_id]), (
            participation
        )
        assert participation.age_at_start == participation.participant.age_on(participation.start_date)
        assert participation.labour_status_at_start
        assert participation.eligibility_categories and participation.decided_on <= participation.start_date
    for participation in ProjectParticipation.objects.filter(status=ProjectParticipation.Status.ACTIVE):
        assert SocialContract.objects.in_force().filter(participant_id=participation.participant_id).exists()
    # The 2016–2017 contracts are frozen like any other, and never overlap one of the same kind.
    historical = SocialContract.objects.filter(period_start__year__lte=2017)
    assert historical.count() == 145
    assert all(contract.snapshot_matches_hash() for contract in historical)
    assert set(historical.values_list("status", flat=True)) == {ContractStatus.COMPLETED, ContractStatus.TERMINATED}
    for contract in historical:
        assert (
            not SocialContract.objects.filter(
                participant_id=contract.participant_id,
                kind=contract.kind,
                period_start__lte=contract.effective_period_end,
                effective_period_end__gte=contract.period_start,
            )
            .exclude(pk=contract.pk)
            .exists()
        )

    certificates = list(
        ProjectParticipation.objects.exclude(certificate_number="").values_list("certificate_number", flat=True)
    )
    assert len(certificates) == len(set(certificates))
    # Every move is a dated event, from the application to the present state.
    for participation in ProjectParticipation.objects.prefetch_related("events"):
        events = list(participation.events.all())
        assert (events[0].from_status, events[0].to_status) == ("", ProjectParticipation.Status.APPLIED)
        assert events[-1].to_status == participation.status
        for before, after in zip(events, events[1:], strict=False):
            assert before.to_status == after.from_status and before.date <= after.date
    statuses = set(ProjectParticipation.objects.values_list("status", flat=True))
    assert statuses == set(ProjectParticipation.Status.values)


@pytest.mark.django_db
def test_default_demo_runs_the_programme_of_every_track_and_the_zawiercie_results(demo):
    today = timezone.localdate()

    for track in Track.values:
        activities = Activity.objects.filter(service_type__track=track)
        assert activities.count() >= 5, track
        assert Session.objects.filter(activity__in=activities).exists(), track
        assert Attendance.objects.filter(session__activity__in=activities).exists(), track
    for activity in Activity.objects.prefetch_related("sessions"):
        sessions = list(activity.sessions.all())
        assert sessions, activity
        assert all(activity.start_date <= s.date <= activity.end_date for s in sessions), activity
        assert abs(float(activity.planned_hours) - sum(s.hours for s in sessions)) < 0.1, activity
        assert activity.provider_id or activity.trainer, activity
        assert activity.project.locations.filter(pk=activity.location_id).exists(), activity
    # Community work counts the others present; some sessions had participants' dependants in care.
    community_past = Session.objects.filter(activity__service_type__track=Track.COMMUNITY, date__lt=today)
    assert community_past.filter(headcount_others__gt=0).count() >= community_past.count() // 2
    assert Session.cared_dependants.through.objects.count() >= 20

    zawiercie = Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)
    ecdl = Activity.objects.get(project=zawiercie, name__contains="ECDL Base")
    assert ecdl.certificate_body and ecdl.service_type.track == Track.VOCATIONAL
    certified = ecdl.enrollments.filter(status=Enrollment.Status.COMPLETED)
    assert certified.count() == 12
    numbers = [e.certificate_number for e in certified]
    assert all(numbers) and len(set(numbers)) == 12
    assert all(e.certificate_body == ecdl.certificate_body for e in certified)
    qualified = ProjectParticipation.objects.filter(project=zawiercie, followup_qualification=True)
    assert set(certified.values_list("participant_id", flat=True)) == set(
        qualified.values_list("participant_id", flat=True)
    )
    assert (
        not Enrollment.objects.filter(activity__project=zawiercie, status=Enrollment.Status.COMPLETED)
        .exclude(activity=ecdl)
        .exclude(certificate_number="")
        .exists()
    )

    internships = Internship.objects.filter(project=zawiercie).select_related("employer")
    assert internships.filter(completed=True).count() == 13
    assert internships.filter(completed=False).exists()
    for internship in internships:
        assert internship.employer.kind == Partner.Kind.EMPLOYER
        assert internship.hours > 0
        path = ProjectParticipation.objects.get(project=zawiercie, participant_id=internship.participant_id)
        assert path.start_date <= internship.start_date <= internship.end_date <= path.end_date

    programmes = Activity.objects.filter(project=zawiercie, service_type__name="Program aktywności lokalnej")
    assert programmes.count() == 2
    names = sorted(programmes.values_list("name", flat=True))
    assert "osiedle Stary Rynek" in names[0] and "ul. Nowa w Kromołowie" in names[1]
    for programme in programmes:
        assert programme.service_type.track == Track.COMMUNITY
        assert programme.sessions.filter(headcount_others__gt=0).count() >= 20

    volunteers = Activity.objects.get(project=zawiercie, service_type__name="Wolontariat")
    group = set(volunteers.enrollments.values_list("participant_id", flat=True))
    assert 8 <= len(group) <= 12
    agreements = VolunteerAgreement.objects.filter(participant_id__in=group, start_date__lte=ZAWIERCIE_YEARS[1])
    assert set(agreements.values_list("participant_id", flat=True)) == group
    for agreement in agreements:
        assert agreement.number and agreement.scope and agreement.hours > 0
        assert ZAWIERCIE_YEARS[0] <= agreement.start_date <= agreement.end_date <= ZAWIERCIE_YEARS[1]

    support = IndividualSupport.objects.filter(project=zawiercie)
    kinds = set(support.values_list("kind", flat=True))
    assert {IndividualSupport.Kind.PSYCHOLOGIST, IndividualSupport.Kind.LAWYER} <= kinds
    assert IndividualSupport.Kind.FAMILY_ASSISTANT in kinds
    assert all(ZAWIERCIE_YEARS[0] <= day <= ZAWIERCIE_YEARS[1] for day in support.values_list("date", flat=True))
    for service in ("Grupa samopomocowa", "Trening kompetencji społecznych", "Dzień zdrowia"):
        assert Activity.objects.filter(project=zawiercie, service_type__name=service).exists(), service
    assert Activity.objects.filter(project=zawiercie, name__contains="Białe Soboty").exists()

    # The running projects: sessions in the coming week, attendance only for the past, a few people
    # who stopped coming, and one or two under-filled activities.
    running = Activity.objects.filter(project__status=Project.Status.RUNNING, end_date__gte=today)
    assert running.order_by().values("project").distinct().count() >= 3
    assert Session.objects.filter(
        activity__in=running, date__gte=today, date__lte=today + datetime.timedelta(days=7)
    ).exists()
    assert not Attendance.objects.filter(session__date__gte=today).exists()
    # The two activities meant to be under-filled show so; any other was filled until people left
    # (their places are free again).
    under = {activity.name: activity for activity in running.under_filled()}
    assert {
        "Warsztaty komputerowe – e-urząd i szukanie pracy w sieci",
        "Edukacja finansowa – jak wyjść z długów",
    } <= set(under)
    for name, activity in under.items():
        if name not in (
            "Warsztaty komputerowe – e-urząd i szukanie pracy w sieci",
            "Edukacja finansowa – jak wyjść z długów",
        ):
            taking_part = activity.enrollments.exclude(status=Enrollment.Status.WAITING).count()
            left = activity.enrollments.filter(status__in=[Enrollment.Status.COMPLETED, Enrollment.Status.DROPPED])
            assert left.exists() and taking_part >= 0.75 * activity.capacity, name
    enrolled = Enrollment.objects.filter(activity__in=running).values_list("participant_id", flat=True)
    assert len(consecutive_absences(enrolled)) >= 2
    assert Enrollment.objects.filter(activity__in=running, status=Enrollment.Status.WAITING).exists()

    assert_programme_keeps_the_rules()


@pytest.mark.django_db
def test_the_zawiercie_indicators_are_counted_as_the_project_reported_them(demo):
    zawiercie = Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)

    report = indicators.build(zawiercie, Period.of_project(zawiercie))

    counted = {row.indicator.name: row.total.value for row in report.indicators if row.total is not None}
    assert counted == {
        "Osoby zagrożone ubóstwem lub wykluczeniem społecznym objęte wsparciem": 145,
        "Osoby, które ukończyły ścieżkę reintegracji": 96,
        "Osoby z kwalifikacjami ECDL Base (certyfikat)": 12,
        "Ukończone staże zawodowe": 13,
    }
    assert report.individual_support_hours > 0
