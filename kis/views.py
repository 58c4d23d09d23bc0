"""Views of the club's core: health check and the mixin every view uses to check permissions."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django_filters.views import FilterView

from kis.filters import AuditFilter
from kis.models import AuditEvent


class RoleRequiredMixin(PermissionRequiredMixin):
    """Login is required everywhere (middleware); this checks the permission in the view.

    A signed-in user without the permission gets 403; objects outside the user's scope are
    excluded by each view's queryset and so give 404.
    """

    raise_exception = True


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
