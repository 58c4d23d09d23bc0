"""Read-only pages: the home page (each role's starting point)."""

from django.views.generic import TemplateView

from kis.roles import Role, user_roles
from participants.models import Participant


class HomeView(TemplateView):
    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["is_social_worker"] = Role.SOCIAL_WORKER in user_roles(user)
        if user.has_perm("participants.view_participant"):
            caseload = Participant.objects.caseload_of(user)
            context["caseload_count"] = caseload.count()
            context["recent_caseload"] = caseload.select_related("location").order_by("-updated_at")[:8]
            context["participant_count"] = Participant.objects.count()
        return context
