"""The home page: each role's starting point, and the dashboard of coordinators and managers."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Window
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.generic import TemplateView

from activities.models import CONSECUTIVE_ABSENCES_FLAG
from contracts.models import SocialContract
from kis.bounds import parse_id
from kis.roles import Role, user_roles
from kis.templatetags.dates import day_month_year
from kis.views import ActionFlagsMixin
from participants.models import Participant
from projects.models import Project
from reports import dashboard, referrals, todo, usefulwork

REMINDER_ROWS = 5
# The columns the lists of people on the page show: a name and a link (the pk).
LISTED = ("first_name", "last_name")
URL_MARKER = 987654321987654321  # an id (kis.converters) found nowhere else in an address


def linked(objects: list, view_name: str) -> list:
    """``objects``, each with ``url``: the address of its ``view_name`` page (a route that takes the
    object's pk alone: what its ``get_absolute_url`` gives), reversed once for the whole list rather
    than once a row."""
    before, _marker, after = reverse(view_name, args=[URL_MARKER]).rpartition(str(URL_MARKER))
    for obj in objects:
        obj.url = f"{before}{obj.pk}{after}"
    return objects


def first_rows(queryset, view_name: str, rows: int = REMINDER_ROWS) -> tuple[list, int]:
    """Up to ``rows`` of the ordered ``queryset``, linked (``linked``), and how many there are in
    all: one query, whose window count is taken before the rows are cut."""
    shown = linked(list(queryset.annotate(listed_count=Window(Count("pk")))[:rows]), view_name)
    return shown, shown[0].listed_count if shown else 0


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
        people = todo.people_of(user, is_worker)
        # The lists below are read once each (as lists), with only the columns the page shows.
        can = context["can"]
        if can["view_participants"]:
            caseload = people if is_worker else Participant.objects.caseload_of(user)
            recent = caseload.select_related("location").only(*LISTED, "location__name")
            if is_worker:  # the size of the caseload is shown to a social worker only
                recent = recent.annotate(caseload_count=Window(Count("pk")))  # counted before the 8 are cut
            context["recent_caseload"] = linked(list(recent.order_by("-updated_at")[:8]), "participants:detail")
            if is_worker:
                first = context["recent_caseload"][:1]
                context["caseload_count"] = first[0].caseload_count if first else 0
            context["participant_count"] = Participant.objects.count()
        if can["view_contracts"]:
            contracts = self.reminder_contracts(people, is_worker).select_related("participant")
            contracts = contracts.only("next_review_on", "participant__first_name", "participant__last_name")
            context["reviews_overdue"], context["reviews_overdue_count"] = first_rows(
                contracts.review_overdue().order_by("next_review_on"), "contracts:detail"
            )
            context["reviews_due"], context["reviews_due_count"] = first_rows(
                contracts.review_due().order_by("next_review_on"), "contracts:detail"
            )
            for contract in (*context["reviews_overdue"], *context["reviews_due"]):
                contract.review_on = day_month_year(contract.next_review_on)
            context["contracts_with_overdue_tasks"], context["contracts_with_overdue_tasks_count"] = first_rows(
                contracts.with_overdue_tasks().filter(overdue_task_count__gt=0).order_by("participant__last_name"),
                "contracts:detail",
            )
            context["reminder_scope"] = "mine" if is_worker else "all"
        if can["view_contracts"] and can["view_participants"]:
            missing = todo.without_contract(people)
            if is_worker:  # their own caseload: the page does not name its worker
                missing = missing.only(*LISTED)
            else:
                missing = missing.select_related("social_worker").only(*LISTED, *todo.WORKER)
            context["without_contract"], context["without_contract_count"] = first_rows(missing, "participants:detail")
        if user.has_perm("reports.view_outcome_report"):
            self.add_dashboard(context, people)
        if todo.sees_absences(user):
            # A social worker is told about their caseload, a coordinator about their locations' people:
            # the first people flagged, each with their longest stored run (no mark is read).
            context["absent_in_a_row"], context["absent_in_a_row_count"] = first_rows(
                todo.absent_in_a_row(people).only(*LISTED), "participants:detail"
            )
            context["absences_flag"] = CONSECUTIVE_ABSENCES_FLAG
        return context

    def reminder_contracts(self, people, is_worker: bool):
        """The contracts of ``people`` the user may read (``SocialContract.objects.visible_to``).
        When ``people`` are within the user's reach (``Participant.objects.visible_to``) — a
        coordinator's or manager's, and a social worker's caseload unless the worker also
        coordinates a location (``ParticipantQuerySet.reach_of``) — every contract of theirs is
        one the user may read, and the contracts' own scope, which would only repeat the people's,
        is left out of the query. Everyone (a manager's people, unfiltered) needs no condition at all."""
        user = self.request.user
        contracts = SocialContract.objects.all()
        if people.query.has_filters():
            contracts = contracts.filter(participant__in=people)
        within_reach = not is_worker or (
            user.has_perm("participants.view_participant")
            and (
                user.has_perm("participants.view_any_participant")
                or not user.has_perm("participants.change_any_participant")
            )
        )
        return contracts if within_reach else contracts & SocialContract.objects.visible_to(user)

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
            **dashboard.recruitment_chart(project),
            "caseload_per_worker": dashboard.caseload_per_worker(people),
            "attendance_30": dashboard.attendance_rate(30, dashboard.sessions_seen_by(self.request.user)),
            "upcoming_sessions": list(dashboard.upcoming_sessions()),
            "under_filled": list(dashboard.under_filled_activities()),
            "referrals_waiting": referrals.waiting_count(people),
            "useful_work_hours": usefulwork.recent_hours(people=people),
        }
        return figures
