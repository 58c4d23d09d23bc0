import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from localflavor.pl.forms import PLNIPField, PLREGONField

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
    AmendmentStatus,
    ContractAmendment,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from demo import organisation
from demo.organisation import PASSWORD
from kis.models import Location
from participants import pesel as pesel_rules
from participants.models import HouseholdMember, Participant, RiskFactor, Sex
from participation.models import ParticipationEvent, ProjectParticipation
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner

User = get_user_model()
DEMO_LOGINS = ["social_worker", "coordinator", "manager", "admin"]  # each in the group of the same name


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The default demo (``make run``), seeded once for the tests of this module.

    It is seeded inside a transaction that is rolled back after the last test of the module, so
    no other test sees it; each test runs in a savepoint within it, as usual.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed(None)
        transaction.set_rollback(True)


def seed(participants: int | None = 40) -> str:
    out = StringIO()
    args = [] if participants is None else ["--participants", str(participants)]
    call_command("seed_demo", "--force", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "users": User.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "locations": Location.objects.count(),
        "participants": Participant.objects.count(),
        "household": HouseholdMember.objects.count(),
        "risk_links": Participant.risk_factors.through.objects.count(),
        "contracts": SocialContract.objects.count(),
        "contract_tasks": ContractTask.objects.count(),
        "amendments": ContractAmendment.objects.count(),
        "reviews": ContractReview.objects.count(),
        "partners": Partner.objects.count(),
        "projects": Project.objects.count(),
        "project_partners": ProjectPartner.objects.count(),
        "indicators": ProjectIndicator.objects.count(),
        "criteria": ProjectCriterion.objects.count(),
        "project_locations": Project.locations.through.objects.count(),
        "participations": ProjectParticipation.objects.count(),
        "participation_events": ParticipationEvent.objects.count(),
        "paths": list(
            # By the person, not their database id, so that two seeds of an emptied database compare.
            ProjectParticipation.objects.order_by(
                "project__code", "participant__pesel", "participant__last_name", "participant__first_name"
            ).values_list(
                "project__code",
                "participant__pesel",
                "participant__last_name",
                "participant__first_name",
                "status",
                "start_date",
                "end_date",
                "certificate_number",
            )
        ),
        "people": list(
            Participant.objects.order_by("last_name", "first_name", "date_of_birth", "pesel").values_list(
                "pesel", "first_name", "last_name", "date_of_birth", "town", "phone", "social_worker__username"
            )
        ),
        "activities": Activity.objects.count(),
        "sessions": Session.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "attendance": Attendance.objects.count(),
        "cared_dependants": Session.cared_dependants.through.objects.count(),
        "individual_support": IndividualSupport.objects.count(),
        "internships": Internship.objects.count(),
        "volunteer_agreements": VolunteerAgreement.objects.count(),
        "programme": programme_snapshot(),
    }


def programme_snapshot() -> list:
    """Who is in which activity with what result and attendance (no database ids, so two seeds of
    an emptied database compare equal)."""
    present = Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
    return list(
        Enrollment.objects.annotate(present=present, marks=Count("attendances"))
        .order_by("activity__name", "activity__project__code", "participant__pesel", "participant__last_name")
        .values_list(
            "activity__name",
            "activity__capacity",
            "participant__pesel",
            "participant__last_name",
            "status",
            "enrolled_on",
            "finished_on",
            "certificate_number",
            "present",
            "marks",
        )
    )


@pytest.mark.django_db
def test_demo_users_log_in_with_the_demo_password_and_have_their_roles(client, demo):
    assert PASSWORD in demo
    for username in DEMO_LOGINS:
        assert username in demo
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [username]
        assert user.is_staff == user.is_superuser == (username == "admin")
        response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()
    social_workers = User.objects.filter(groups__name="social_worker", is_active=True)
    assert social_workers.count() >= 5


@pytest.mark.django_db
def test_demo_locations_are_the_programmes_sites(demo):

    assert Location.objects.get(name="KIS „Śródmieście”").address == "ul. Kopernika 22, 84-200 Wejherowo"
    assert Location.objects.get(name="Centrum Wsparcia i Inicjatyw Społecznych").address == (
        "ul. Dworcowa 33, 44-190 Knurów"
    )
    assert Location.objects.get(name="Punkt Wsparcia MOPS Bielsko-Biała").address == (
        "ul. Karola Miarki 11, 43-300 Bielsko-Biała"
    )
    assert Location.objects.filter(town="Zawiercie").exists()


@pytest.mark.django_db
def test_every_demo_participant_is_valid_and_plausible(demo):
    people = list(Participant.objects.prefetch_related("risk_factors"))
    assert len(people) == 300

    for person in people:
        person.full_clean()
        if person.pesel:
            assert pesel_rules.validate(person.pesel) == person.date_of_birth
            assert pesel_rules.is_female(person.pesel) == (person.sex == Sex.FEMALE)
            assert person.no_pesel_reason == ""
        else:
            assert person.no_pesel_reason
        assert 1950 <= person.date_of_birth.year <= 2006
        assert person.registered_on <= datetime.date.today()
        assert 1 <= len(person.risk_factors.all()) <= 3
        assert re.fullmatch(r"\d{2}-\d{3}", person.postal_code)
        assert person.town and person.commune and person.county and person.house_number
        assert person.email == "" or person.email.endswith("@example.pl")
        assert person.phone == "" or re.fullmatch(r"[5-8]\d{2} \d{3} \d{3}", person.phone)
        if person.consent_data_processing:
            assert person.consent_data_processing_date and person.consent_data_processing_scope
        # Adjectival surnames agree with the person's sex: Kowalska, Kowalski.
        if person.sex == Sex.FEMALE:
            assert not person.last_name.endswith(("ski", "cki", "dzki")), person.last_name
        else:
            assert not person.last_name.endswith(("ska", "cka", "dzka")), person.last_name

    assert any(not person.pesel for person in people), "some demo people have no PESEL"
    assert any(any(c in person.last_name for c in "ąćęłńóśźż") for person in people), "Polish diacritics"
    assert any(person.last_name.endswith("ska") for person in people)
    assert any(person.last_name.endswith("ski") for person in people)


@pytest.mark.django_db
def test_demo_participants_are_spread_over_workers_and_locations_and_have_households(demo):

    assert Participant.objects.values("social_worker").distinct().count() >= 5
    assert Participant.objects.values("location").distinct().count() >= 4
    assert Participant.objects.values("location__town").distinct().count() >= 3
    assert HouseholdMember.objects.filter(needs_care=True).exists()
    assert HouseholdMember.objects.filter(relationship=HouseholdMember.Relationship.CHILD).exists()
    assert Participant.objects.exclude(confidential_notes="").exists()
    assert RiskFactor.objects.filter(participants__isnull=False).distinct().count() >= 5
    for member in HouseholdMember.objects.select_related("participant"):
        member.full_clean()
        if member.relationship == HouseholdMember.Relationship.CHILD:
            assert member.date_of_birth > member.participant.date_of_birth + datetime.timedelta(days=365 * 17)


@pytest.mark.django_db
def test_running_twice_creates_nothing_new(demo):
    first = snapshot()

    output = seed(None)

    assert snapshot() == first
    assert "(0 new)" in output
    assert "0 new enrollments, 0 new attendance marks" in output
    assert_programme_keeps_the_rules()


@pytest.mark.django_db
def test_default_demo_has_about_300_participants(demo):
    assert Participant.objects.count() == 300
    assert Participant.objects.filter(pesel__isnull=True).count() >= 5
    assert "300 in the demo (300 new)" in demo


@pytest.mark.django_db
def test_demo_has_contracts_in_every_state_with_tasks_reviews_and_an_amendment(demo):
    # Today's contracts (the 2016–2017 ones are all completed or terminated, with tasks).
    current = SocialContract.objects.filter(period_start__year__gt=2017)
    states = set(current.values_list("status", flat=True))
    assert states == {ContractStatus.DRAFT, ContractStatus.SIGNED, ContractStatus.COMPLETED, ContractStatus.TERMINATED}
    signed = SocialContract.objects.exclude(status=ContractStatus.DRAFT)
    assert all(contract.snapshot_matches_hash() for contract in signed)
    assert ContractTask.objects.filter(contract__in=current).exists()
    assert ContractReview.objects.filter(contract__in=current).exists()
    assert ContractAmendment.objects.filter(status=AmendmentStatus.SIGNED).exists()
    assert SocialContract.objects.review_overdue().exists()
    assert SocialContract.objects.review_due().exists()


def was_in_force(contract: SocialContract, day: datetime.date) -> bool:
    """Signed by that day, the day within its period, and not ended before it (it may have been
    completed or terminated since)."""
    return (
        contract.status != ContractStatus.DRAFT
        and contract.signed_on <= day
        and contract.period_start <= day <= contract.effective_period_end
        and (contract.ended_on is None or contract.ended_on >= day)
    )


@pytest.mark.django_db
def test_demo_partners_and_projects_are_the_real_programmes(demo):

    assert Partner.objects.count() == len(organisation.PARTNERS) >= 10
    for partner in Partner.objects.all():
        assert PLNIPField().clean(partner.nip) == partner.nip, partner.name
        assert PLREGONField().clean(partner.regon) == partner.regon, partner.name
        assert partner.email.endswith("@example.pl") and partner.contact_person and partner.phone
        partner.full_clean()
    for name in (
        "Wejherowska Spółdzielnia Socjalna „Dobrodziejki”",
        "Powiatowy Urząd Pracy w Wejherowie",
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        "Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach",
        "Powiatowy Urząd Pracy w Zawierciu",
    ):
        assert Partner.objects.filter(name=name).exists(), name
    kinds = set(Partner.objects.values_list("kind", flat=True))
    assert {Partner.Kind.TRAINING, Partner.Kind.EMPLOYER, Partner.Kind.HEALTH, Partner.Kind.OHP} <= kinds

    assert Project.objects.count() == 5
    for project in Project.objects.prefetch_related("project_partners", "locations", "indicators", "criteria"):
        project.full_clean()
        assert project.project_partners.all(), project.code
        assert project.locations.all(), project.code
        assert project.indicators.all() and project.criteria.all(), project.code
        assert project.retention_until and project.retention_until > project.end_date - datetime.timedelta(days=1)
        for link in project.project_partners.all():
            link.full_clean()
            assert link.agreement_number and link.agreement_start <= link.agreement_end
    roles = set(ProjectPartner.objects.values_list("role", flat=True))
    assert roles == set(ProjectPartner.Role.values)

    zawiercie = Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)
    assert zawiercie.title == "Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim"
    assert (zawiercie.start_date, zawiercie.end_date) == (datetime.date(2016, 1, 1), datetime.date(2017, 12, 31))
    assert zawiercie.status == Project.Status.CLOSED and zawiercie.legal_hold
    assert (zawiercie.target_recruited, zawiercie.target_completed) == (145, 96)
    assert list(zawiercie.locations.values_list("town", flat=True)) == ["Zawiercie"]
    assert zawiercie.indicators.filter(name__contains="ECDL Base", target=12).exists()
    assert zawiercie.indicators.filter(name__contains="staże", target=13).exists()
    assert set(zawiercie.partners.values_list("name", flat=True)) >= {
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        "Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach",
    }
    wejherowo = Project.objects.get(code=organisation.WEJHEROWO_PROJECT)
    assert wejherowo.criteria.filter(kind=ProjectCriterion.Kind.STREET, value__contains="Kopernika").exists()
    assert Project.objects.exclude(social_effectiveness_threshold=34).count() == 1
    assert Project.objects.filter(status=Project.Status.RUNNING).count() == 4


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


ZAWIERCIE_YEARS = (datetime.date(2016, 1, 1), datetime.date(2017, 12, 31))


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
    assert 1 <= running.under_filled().count() <= 2
    enrolled = Enrollment.objects.filter(activity__in=running).values_list("participant_id", flat=True)
    assert len(consecutive_absences(enrolled)) >= 2
    assert Enrollment.objects.filter(activity__in=running, status=Enrollment.Status.WAITING).exists()

    assert_programme_keeps_the_rules()


def assert_programme_keeps_the_rules():
    """The programme's rules hold for the demo rows, although they are written directly."""
    today = timezone.localdate()
    paths = {(p.project_id, p.participant_id): p for p in ProjectParticipation.objects.filter(start_date__isnull=False)}
    zawiercie = Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)
    # Only people recruited into the activity's project, enrolled while their path ran; in an
    # activity still running, people on the waiting list or enrolled are active in the project.
    for enrollment in Enrollment.objects.select_related("activity"):
        activity = enrollment.activity
        path = paths.get((activity.project_id, enrollment.participant_id))
        assert path is not None, enrollment
        assert path.start_date <= enrollment.enrolled_on <= (path.end_date or today), enrollment
        if enrollment.finished_on:
            assert enrollment.enrolled_on <= enrollment.finished_on <= (path.end_date or today), enrollment
        if activity.project_id == zawiercie.pk:
            assert ZAWIERCIE_YEARS[0] <= enrollment.enrolled_on <= ZAWIERCIE_YEARS[1]
        if enrollment.status in (Enrollment.Status.ENROLLED, Enrollment.Status.WAITING):
            assert path.status == ProjectParticipation.Status.ACTIVE, enrollment
            assert activity.end_date >= today, enrollment
    # Marks only for past sessions, for people enrolled (not waiting), while they took part.
    for mark in Attendance.objects.select_related("session", "enrollment"):
        enrollment, day = mark.enrollment, mark.session.date
        assert mark.session.activity_id == enrollment.activity_id
        assert enrollment.status != Enrollment.Status.WAITING
        assert enrollment.enrolled_on <= day < today
        assert enrollment.finished_on is None or day <= enrollment.finished_on
    # No trainer has two sessions at once.
    by_trainer = {}
    for session in Session.objects.select_related("activity"):
        trainer = (session.trainer or session.activity.trainer).strip().lower()
        by_trainer.setdefault((trainer, session.date), []).append((session.start_time, session.end_time))
    for meetings in by_trainer.values():
        meetings.sort()
        for (_start, end), (start, _end) in zip(meetings, meetings[1:], strict=False):
            assert end <= start
    # A dependant in care is one who needs care, of someone present at that session.
    Cared = Session.cared_dependants.through
    for link in Cared.objects.select_related("session", "householdmember"):
        member = link.householdmember
        assert member.needs_care
        assert Attendance.objects.filter(
            session=link.session, enrollment__participant_id=member.participant_id, status=Attendance.Status.PRESENT
        ).exists()
    # Individual support and internships within the person's path in that project.
    for meeting in IndividualSupport.objects.all():
        path = paths[meeting.project_id, meeting.participant_id]
        assert path.start_date <= meeting.date <= min(path.end_date or today, today)
    for internship in Internship.objects.all():
        path = paths[internship.project_id, internship.participant_id]
        assert path.start_date <= internship.start_date <= (path.end_date or today)
    for agreement in VolunteerAgreement.objects.all():
        assert agreement.start_date <= agreement.end_date
