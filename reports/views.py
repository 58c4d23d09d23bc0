"""Read-only pages: the home page (each role's starting point)."""

from django.views.generic import TemplateView

from contracts.models import SocialContract
from kis.roles import Role, user_roles
from participants.models import Participant

REMINDER_ROWS = 10


class HomeView(TemplateView):
    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        is_worker = Role.SOCIAL_WORKER in user_roles(user)
        context["is_social_worker"] = is_worker
        if user.has_perm("participants.view_participant"):
            caseload = Participant.objects.caseload_of(user)
            context["caseload_count"] = caseload.count()
            context["recent_caseload"] = caseload.select_related("location").order_by("-updated_at")[:8]
            context["participant_count"] = Participant.objects.count()
        if user.has_perm("contracts.view_socialcontract"):
            contracts = SocialContract.objects.visible_to(user).select_related("participant")
            if is_worker:
                contracts = contracts.filter(social_worker=user)
            context["reviews_overdue"] = contracts.review_overdue().order_by("next_review_on")[:REMINDER_ROWS]
            context["reviews_due"] = contracts.review_due().order_by("next_review_on")[:REMINDER_ROWS]
            context["contracts_with_overdue_tasks"] = (
                contracts.with_overdue_tasks()
                .filter(overdue_task_count__gt=0)
                .order_by("participant__last_name")[:REMINDER_ROWS]
            )
            context["reminder_scope"] = "mine" if is_worker else "all"
        return context
