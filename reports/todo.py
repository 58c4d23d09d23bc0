"""The home page's to-do lists in full: "see all N" opens the whole list, a page at a time, of the
same people the home page counts (a social worker's caseload, or the people the user may read)."""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from activities.models import CONSECUTIVE_ABSENCES_FLAG, Enrollment
from kis.roles import Role, user_roles
from kis.views import RoleRequiredMixin
from participants.models import Participant
from reports import dashboard

PER_PAGE = 50
WORKER = ("social_worker__first_name", "social_worker__last_name", "social_worker__username")


def people_of(user, is_worker: bool):
    """Whose names the home page's lists and these pages show: a social worker's caseload (with the
    cases they stand in for), for everyone else the people whose record they may read."""
    return Participant.objects.caseload_of(user) if is_worker else Participant.objects.visible_to(user)


def without_contract(people):
    return dashboard.without_contract(people).order_by("last_name", "first_name", "pk")


def sees_absences(user) -> bool:
    """Who is told about absences in a row: social workers and coordinators (a manager is not)."""
    roles = user_roles(user)
    return user.has_perm("activities.view_attendance") and bool(roles & {Role.SOCIAL_WORKER, Role.COORDINATOR})


def absent_in_a_row(people):
    """``people`` with a running enrolment whose record ends with at least CONSECUTIVE_ABSENCES_FLAG
    unexcused absences in a row (``Enrollment.absent_in_a_row``), each with ``absences``: their
    longest run, from the enrolments' stored runs; longest first."""
    flagged = Enrollment.objects.absent_in_a_row()
    longest = flagged.filter(participant=OuterRef("pk")).order_by("-absence_streak").values("absence_streak")[:1]
    people = people.filter(pk__in=flagged.values("participant_id")).annotate(absences=Subquery(longest))
    return people.order_by("-absences", "last_name", "first_name", "pk")


# kind → (title, the list, the permissions it needs)
LISTS = {
    "without-contract": (
        _("Participants without a signed contract in force"),
        without_contract,
        ("participants.view_participant", "contracts.view_socialcontract"),
    ),
    "absent-in-a-row": (
        _("Absent several times in a row"),
        absent_in_a_row,
        ("activities.view_attendance",),
    ),
}


class ToDoListView(RoleRequiredMixin, ListView):
    template_name = "reports/todo_list.html"
    context_object_name = "people"
    paginate_by = PER_PAGE

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in LISTS:
            raise Http404
        self.title, self.people_list, self.permission_required = LISTS[kwargs["kind"]]
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        if self.kwargs["kind"] == "absent-in-a-row" and not sees_absences(self.request.user):
            return False  # as on the home page
        return super().has_permission()

    def get_queryset(self):
        self.is_worker = Role.SOCIAL_WORKER in user_roles(self.request.user)
        people = self.people_list(people_of(self.request.user, self.is_worker))
        columns = ("first_name", "last_name", "location__name")
        people = people.select_related("location")
        if self.is_worker:  # their own caseload: the list does not name its worker
            return people.only(*columns)
        return people.select_related("social_worker").only(*columns, *WORKER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title, kind=self.kwargs["kind"], is_social_worker=self.is_worker, flag=CONSECUTIVE_ABSENCES_FLAG
        )
        return context
