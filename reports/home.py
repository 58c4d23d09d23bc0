"""The home page: each role's starting point, and the dashboard of coordinators and managers."""

import datetime

from django.db.models import Count
from django.utils import timezone
from django.views.generic import TemplateView

from activities.models import Attendance, Enrollment
from activities.services import CONSECUTIVE_ABSENCES_FLAG, consecutive_absences
from contracts.models import SocialContract
from kis.roles import Role, user_roles
from kis.views import ActionFlagsMixin
from participants.models import Participant
from projects.models import Project
from reports import dashboard, referrals, usefulwork

REMINDER_ROWS = 10
# The window programme.consecutive_absences looks back over.
ABSENCE_WINDOW = datetime.timedelta(days=90)


def absent_in_a_row(participants, rows: int = REMINDER_ROWS) -> tuple[list[Participant], int]:
    """Up to ``rows`` of ``participants`` whose latest marks are unexcused absences, at least
    CONSECUTIVE_ABSENCES_FLAG in a row (longest run first; each with ``absences``), and how many
    there are in all. Three queries: the people with enough absences lately to possibly have such a
    run, their runs, and the people shown."""
    since = timezone.localdate() - ABSENCE_WINDOW
    candidates = (
        Attendance.objects.filter(
            status=Attendance.Status.ABSENT,
            enrollment__status=Enrollment.Status.ENROLLED,
            enrollment__participant__in=participants,
            session__date__gte=since,
        )
        .values("enrollment__participant_id")
        .annotate(absences=Count("pk"))
        .filter(absences__gte=CONSECUTIVE_ABSENCES_FLAG)
        .values_list("enrollment__participant_id", flat=True)
    )
    runs = consecutive_absences(candidates)
    if not runs:
        return [], 0
    shown = sorted(runs, key=lambda pk: (-runs[pk], pk))[:rows]
    people = sorted(Participant.objects.filter(pk__in=shown), key=lambda p: (-runs[p.pk], p.last_name, p.first_name))
    for person in people:
        person.absences = runs[person.pk]
    return people, len(runs)


class HomeView(ActionFlagsMixin, TemplateView):
    template_name = "reports/home.html"
    # Every signed-in user has a home page; its parts follow what the user may see and do.
    action_permissions = {
        "view_participants": "participants.view_participant",
        "add_participant": "participants.add_participant",
        "view_contracts": "contracts.view_socialcontract",
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        is_worker = Role.SOCIAL_WORKER in user_roles(user)
        context["is_social_worker"] = is_worker
        # Whose names the reminders below may show: a social worker's caseload (with the cases they
        # stand in for), for everyone else the people whose record they may read — a coordinator's
        # locations, everyone for a manager. The dashboard's figures count the same people.
        people = Participant.objects.caseload_of(user) if is_worker else Participant.objects.visible_to(user)
        if user.has_perm("participants.view_participant"):
            caseload = Participant.objects.caseload_of(user)
            context["caseload_count"] = caseload.count()
            context["recent_caseload"] = caseload.select_related("location").order_by("-updated_at")[:8]
            context["participant_count"] = Participant.objects.count()
        if user.has_perm("contracts.view_socialcontract"):
            contracts = (
                SocialContract.objects.visible_to(user).filter(participant__in=people).select_related("participant")
            )
            context["reviews_overdue"] = contracts.review_overdue().order_by("next_review_on")[:REMINDER_ROWS]
            context["reviews_due"] = contracts.review_due().order_by("next_review_on")[:REMINDER_ROWS]
            context["contracts_with_overdue_tasks"] = (
                contracts.with_overdue_tasks()
                .filter(overdue_task_count__gt=0)
                .order_by("participant__last_name")[:REMINDER_ROWS]
            )
            context["reminder_scope"] = "mine" if is_worker else "all"
        if user.has_perm("contracts.view_socialcontract") and user.has_perm("participants.view_participant"):
            missing = dashboard.without_contract(people)
            context["without_contract_count"] = missing.count()
            context["without_contract"] = missing.select_related("social_worker").order_by("last_name", "first_name")[
                :REMINDER_ROWS
            ]
        if user.has_perm("reports.view_outcome_report"):
            self.add_dashboard(context, people)
        if user.has_perm("activities.view_attendance") and (is_worker or Role.COORDINATOR in user_roles(user)):
            # A social worker is told about their caseload, a coordinator about their locations' people.
            context["absent_in_a_row"], context["absent_in_a_row_count"] = absent_in_a_row(people)
            context["absences_flag"] = CONSECUTIVE_ABSENCES_FLAG
        return context

    def add_dashboard(self, context, people):
        """The coordinator's and manager's figures: recruitment against target, caseloads,
        attendance, upcoming sessions and under-filled activities.

        Figures about people (caseloads, attendance, referrals waiting, useful work) count only
        ``people``: a coordinator's are those of their locations. A project's recruitment is the
        project's own figure (as in its outcome report), and sessions and activities are the
        programme's, not anyone's record: those are the whole club's."""
        project = dashboard.chart_project(self.request.GET.get("project"))
        context["dashboard"] = True
        context["chart_project"] = project
        context["chart_projects"] = Project.objects.order_by("-start_date", "title").only("pk", "code", "title")
        context["chart"] = dashboard.recruitment_series(project) if project else None
        if context["chart"]:
            context["chart_rows"] = list(zip(context["chart"]["labels"], context["chart"]["recruited"], strict=True))
        context["caseload_per_worker"] = dashboard.caseload_per_worker(people)
        context["attendance_30"] = dashboard.attendance_rate(30, people)
        context["upcoming_sessions"] = dashboard.upcoming_sessions()
        context["under_filled"] = dashboard.under_filled_activities()
        context["referrals_waiting"] = referrals.waiting_count(people)
        context["useful_work_hours"] = usefulwork.recent_hours(people=people)
