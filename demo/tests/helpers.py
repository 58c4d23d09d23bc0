"""Seeding the demo and reading it back: the snapshot two seeds are compared by, and the rules the
demo rows must keep, checked against the database (used by the demo tests)."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from activities.models import (
    Activity,
    Attendance,
    Enrollment,
    IndividualSupport,
    Internship,
    Session,
    VolunteerAgreement,
)
from contracts.models import (
    ContractAmendment,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from demo import organisation
from kis.models import Location
from participants.models import HouseholdMember, Participant
from participation.models import ParticipationEvent, ProjectParticipation
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner

User = get_user_model()
DEMO_LOGINS = ["social_worker", "coordinator", "manager", "admin"]  # each in the group of the same name


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


def was_in_force(contract: SocialContract, day: datetime.date) -> bool:
    """Signed by that day, the day within its period, and not yet ended on it (it may have been
    completed or terminated since)."""
    return (
        contract.status != ContractStatus.DRAFT
        and contract.signed_on <= day
        and contract.period_start <= day <= contract.effective_period_end
        and (contract.ended_on is None or contract.ended_on > day)
    )


ZAWIERCIE_YEARS = (datetime.date(2016, 1, 1), datetime.date(2017, 12, 31))


def assert_programme_keeps_the_rules():
    """The programme's rules hold for the demo rows (checked here on the rows, whatever wrote them)."""
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
