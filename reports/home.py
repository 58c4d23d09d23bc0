"""The home page: each role's starting point, and the dashboard of coordinators and managers."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.generic import TemplateView

from activities.models import CONSECUTIVE_ABSENCES_FLAG, Enrollment
from contracts.models import SocialContract
from kis.bounds import parse_id
from kis.roles import Role, user_roles
from kis.views import ActionFlagsMixin
from participants.models import Participant
from projects.models import Project
from reports import dashboard, referrals, usefulwork

REMINDER_ROWS = 10


def absent_in_a_row(participants, rows: int = REMINDER_ROWS) -> tuple[list[Participant], int]:
    """Up to ``rows`` of ``participants`` with a running enrolment whose record ends with at least
    CONSECUTIVE_ABSENCES_FLAG unexcused absences in a row (``Enrollment.absent_in_a_row``; longest
    run first, each with ``absences``, a person's longest when several of their enrolments have
    one), and how many there are in all. From the enrolments' stored runs, no mark read: one query
    for the people shown, and one to count them only when there are more than ``rows``."""
    flagged = Enrollment.objects.absent_in_a_row()
    longest = flagged.filter(participant=OuterRef("pk")).order_by("-absence_streak").values("absence_streak")[:1]
    people = participants.filter(pk__in=flagged.values("participant_id")).annotate(absences=Subquery(longest))
    shown = list(people.order_by("-absences", "last_name", "first_name", "pk")[: rows + 1])
    count = len(shown) if len(shown) <= rows else people.count()
    return shown[:rows], count


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
        # locations, everyone for a manager. The dashboard's figures about people count the same
        # people (add_dashboard says which figures those are).
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
        """The coordinator's and manager's figures (``dashboard_figures``) as the dashboard's HTML,
        kept for ``KIS_DASHBOARD_CACHE_SECONDS`` per user, charted project and language: a home
        page opened again within that time reads none of them anew. The page says the time the
        figures were counted at; the to-do lists above them are counted at every request."""
        seconds = settings.KIS_DASHBOARD_CACHE_SECONDS
        user = self.request.user
        requested = parse_id(self.request.GET.get("project"))
        key = f"kis:dashboard:{user.pk}:{requested}:{translation.get_language()}"
        html = cache.get(key) if seconds > 0 else None
        if html is None:
            figures = self.dashboard_figures(people, requested)
            html = render_to_string("reports/includes/dashboard.html", figures)
            if seconds > 0:
                cache.set(key, html, seconds)
        context["dashboard"] = True
        context["dashboard_html"] = html

    def dashboard_figures(self, people, requested: int | None) -> dict:
        """Recruitment against target, caseloads, attendance, upcoming sessions and under-filled
        activities, referrals waiting and useful work.

        Figures about people (caseloads, referrals waiting, useful work) count only ``people``: a
        coordinator's are those of their locations. Attendance is counted by session (from the
        sessions' counters): for a coordinator the sessions of the activities held at their
        locations, whoever was marked there; for a manager every session. A project's recruitment
        is the project's own figure (as in its outcome report), and the upcoming sessions and
        under-filled activities are the programme's, not anyone's record: those are the whole club's."""
        project = dashboard.chart_project(requested)
        figures = {
            "figures_at": timezone.localtime(),
            "chart_project": project,
            "chart_projects": list(Project.objects.order_by("-start_date", "title").only("pk", "code", "title")),
            "chart": dashboard.recruitment_series(project) if project else None,
            "caseload_per_worker": dashboard.caseload_per_worker(people),
            "attendance_30": dashboard.attendance_rate(30, dashboard.sessions_seen_by(self.request.user)),
            "upcoming_sessions": list(dashboard.upcoming_sessions()),
            "under_filled": list(dashboard.under_filled_activities()),
            "referrals_waiting": referrals.waiting_count(people),
            "useful_work_hours": usefulwork.recent_hours(people=people),
        }
        if figures["chart"]:
            figures["chart_rows"] = list(zip(figures["chart"]["labels"], figures["chart"]["recruited"], strict=True))
        return figures
