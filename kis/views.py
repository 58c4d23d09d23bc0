"""Views of the club's core: health check and the mixin every view uses to check permissions."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django_filters.views import FilterView

from kis.filters import AuditFilter
from kis.models import AuditEvent


class ActionFlagsMixin:
    """What a page offers to do is decided by its view, not its template: ``action_permissions``
    maps each action to its permission, ``action_flags()`` may narrow them (the object's state,
    the user's caseload), and the template asks ``can.<action>``."""

    action_permissions: dict[str, str] = {}

    def action_flags(self) -> dict[str, bool]:
        user = self.request.user
        return {action: user.has_perm(permission) for action, permission in self.action_permissions.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can"] = self.action_flags()
        return context


class RoleRequiredMixin(ActionFlagsMixin, PermissionRequiredMixin):
    """Login is required everywhere (middleware); this checks the permission in the view.

    A signed-in user without the permission gets 403. Views of one object add
    ``ScopedObjectMixin``, so that objects outside the user's scope give 404.
    """

    raise_exception = True


class ScopedObjectMixin(RoleRequiredMixin):
    """The one way a view reaches its object: the permission first (403 without it), then the
    object from ``Model.objects.<scope>(user)`` — the objects this user may reach — so that one
    outside it is a 404, which does not confirm that it exists.

    ``scope`` names the QuerySet method: ``visible_to`` to read, ``editable_by`` to change.
    ``get_base_queryset()`` adds what the page needs (``select_related``…).
    """

    model = None
    scope = "visible_to"
    pk_url_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        # The object is reached only once the permission is known to be there, and before any
        # handler runs: a view that sends the user elsewhere for this object says so in refusal().
        if not self.has_permission():
            return self.handle_no_permission()
        response = self.refusal(self.get_object())
        return response or super().dispatch(request, *args, **kwargs)

    def refusal(self, obj):
        """A response that sends the user elsewhere instead of this page (a signed contract's edit
        page goes back to the contract), or None."""
        return None

    def get_scope(self) -> str:
        return self.scope

    def get_base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        return getattr(self.get_base_queryset(), self.get_scope())(self.request.user)

    def get_object(self, queryset=None):
        if queryset is not None:
            return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])
        if not hasattr(self, "_scoped_object"):
            self._scoped_object = get_object_or_404(self.get_queryset(), pk=self.kwargs[self.pk_url_kwarg])
        return self._scoped_object


@never_cache
@login_not_required
def healthz(request):
    """200 "ok" when the database answers, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 — any database failure means "not healthy"
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def query_without_page(request) -> str:
    """The query string of a list without its page number, for the pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class KeepFiltersMixin:
    """Pagination links of a filtered list keep its filters (``query_without_page``)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query_without_page"] = query_without_page(self.request)
        return context


class AuditListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    """The audit trail, for managers and administrators: who did what to which record, when."""

    permission_required = "kis.view_auditevent"
    filterset_class = AuditFilter
    template_name = "kis/audit_list.html"
    paginate_by = 50
    strict = False

    def get_queryset(self):
        return AuditEvent.objects.all().order_by("-timestamp", "-id")
