"""Projects and partner organisations: lists, details, and the forms managers use to keep them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from kis.audit import log_event
from kis.idempotency import IdempotentCreateMixin, record_submission
from kis.locking import EditedMeanwhile, add_edited_meanwhile_error, claim_version
from kis.models import AuditEvent
from kis.numbers import percent as percentage
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from projects.filters import PartnerFilter, ProjectFilter
from projects.forms import (
    PartnerForm,
    ProjectCriterionFormSet,
    ProjectForm,
    ProjectIndicatorFormSet,
    ProjectPartnerFormSet,
)
from projects.models import Partner, Project, ProjectPartner

# The leader first, then partners, then cooperating organisations (the stored values sort otherwise).
ROLE_ORDER = Case(
    *[When(role=role, then=Value(i)) for i, role in enumerate(ProjectPartner.Role.values)],
    output_field=IntegerField(),
)


def progress(done: int, target: int) -> dict:
    """A figure against its target, for the text ("12 / 145 (8%)") and the width of the bar."""
    percent = percentage(done, target)
    return {"done": done, "target": target, "percent": percent, "bar": min(percent or 0, 100)}


class ListContextMixin(KeepFiltersMixin):
    """Keeps the filters in the pagination links and says whether the user may add."""

    add_permission = ""

    def action_flags(self):
        return {**super().action_flags(), "add": self.request.user.has_perm(self.add_permission)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context


# --- Projects -----------------------------------------------------------------------------------


class ProjectListView(ListContextMixin, RoleRequiredMixin, FilterView):
    permission_required = "projects.view_project"
    add_permission = "projects.add_project"
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        # Meta.ordering is not applied to a grouped (annotated) query, so it is spelt out.
        return Project.objects.with_counts().order_by("-start_date", "title", "pk")


PARTICIPATIONS_PER_PAGE = 50


class ProjectDetailView(ScopedObjectMixin, DetailView):
    permission_required = "projects.view_project"
    action_permissions = {
        "edit": "projects.change_project",
        "view_partners": "projects.view_partner",
        "recruit": "participation.add_projectparticipation",
    }
    model = Project
    template_name = "projects/project_detail.html"

    def get_base_queryset(self):
        return Project.objects.with_counts().prefetch_related(
            "locations",
            "indicators",
            "criteria",
            Prefetch(
                "project_partners",
                queryset=ProjectPartner.objects.select_related("partner").order_by(ROLE_ORDER, "partner__name"),
            ),
        )

    def action_flags(self):
        can = super().action_flags()
        can["recruit"] = can["recruit"] and self.object.status != Project.Status.CLOSED  # nobody joins a closed project
        return can

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["recruitment"] = progress(project.recruited, project.target_recruited)
        context["completion"] = progress(project.completed, project.target_completed)
        user = self.request.user
        if user.has_perm("participation.view_projectparticipation"):
            # Participation lives in `activities`; it is reached through the reverse relation only,
            # and its own scope (need to know: the people whose record the user may read) names
            # the people — the others are a count.
            everyone = project.participations
            participations = (
                everyone.model.objects.visible_to(user)
                .filter(project=project)
                .select_related("participant")
                .order_by("participant__last_name", "participant__first_name", "id")
            )
            page = Paginator(participations, PARTICIPATIONS_PER_PAGE).get_page(self.request.GET.get("page"))
            context["participations_page"] = page
            context["participations_not_listed"] = (
                0 if user.has_perm("participants.view_any_participant") else everyone.count() - page.paginator.count
            )
        return context


class ProjectFormMixin:
    action_permissions = {"add_partner": "projects.add_partner"}

    """Saves the project with its partners, indicators and criteria together, all or nothing."""

    form_class = ProjectForm
    template_name = "projects/project_form.html"
    formset_classes = {
        "partners": ProjectPartnerFormSet,
        "indicators": ProjectIndicatorFormSet,
        "criteria": ProjectCriterionFormSet,
    }

    def get_formsets(self, instance, data=None):
        return {name: cls(data, instance=instance, prefix=name) for name, cls in self.formset_classes.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "formsets" not in context:
            context["formsets"] = self.get_formsets(self.object or Project())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.is_update else None
        form = self.get_form()
        formsets = self.get_formsets(form.instance, request.POST)
        # Validate everything (no short-circuit) so that all errors are marked in one round.
        valid = [form.is_valid(), *(formset.is_valid() for formset in formsets.values())]
        if all(valid):
            return self.save_all(form, formsets)
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def save_all(self, form, formsets):
        try:
            with transaction.atomic():
                return self.save_all_or_nothing(form, formsets)
        except EditedMeanwhile:
            add_edited_meanwhile_error(form)
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def save_all_or_nothing(self, form, formsets):
        if self.is_update:
            claim_version(form.instance, form.cleaned_data.get("version"))
        self.object = form.save()
        for formset in formsets.values():
            formset.instance = self.object
            formset.save()
        if not self.is_update:
            record_submission(self.request, self.object)  # the same form sent again creates nothing
        log_event(
            request=self.request,
            action=AuditEvent.Action.UPDATE if self.is_update else AuditEvent.Action.CREATE,
            obj=self.object,
            details={
                "fields": sorted(form.changed_data),
                "related": sorted(name for name, formset in formsets.items() if formset.has_changed()),
            },
        )
        messages.success(self.request, _("Saved %(name)s.") % {"name": self.object.title})
        return HttpResponseRedirect(self.object.get_absolute_url())


class ProjectCreateView(IdempotentCreateMixin, RoleRequiredMixin, ProjectFormMixin, CreateView):
    permission_required = "projects.add_project"
    is_update = False


class ProjectUpdateView(ScopedObjectMixin, ProjectFormMixin, UpdateView):
    permission_required = "projects.change_project"
    model = Project
    scope = "editable_by"
    is_update = True


# --- Partners -----------------------------------------------------------------------------------


class PartnerListView(ListContextMixin, RoleRequiredMixin, FilterView):
    permission_required = "projects.view_partner"
    add_permission = "projects.add_partner"
    filterset_class = PartnerFilter
    template_name = "projects/partner_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return Partner.objects.annotate(project_count=Count("project_roles")).order_by("name", "pk")


class PartnerDetailView(ScopedObjectMixin, DetailView):
    permission_required = "projects.view_partner"
    action_permissions = {"edit": "projects.change_partner", "view_projects": "projects.view_project"}
    model = Partner
    template_name = "projects/partner_detail.html"

    def get_base_queryset(self):
        return Partner.objects.prefetch_related(
            Prefetch(
                "project_roles",
                queryset=ProjectPartner.objects.select_related("project").order_by(
                    "-project__start_date", "project__title"
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context


class PartnerFormMixin:
    form_class = PartnerForm
    template_name = "projects/partner_form.html"

    def form_valid(self, form):
        try:
            with transaction.atomic():
                if self.is_update:
                    claim_version(form.instance, form.cleaned_data.get("version"))
                self.object = form.save()
                self.log_saved(form)
        except EditedMeanwhile:
            add_edited_meanwhile_error(form)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved %(name)s.") % {"name": self.object.name})
        return HttpResponseRedirect(self.object.get_absolute_url())

    def log_saved(self, form):
        log_event(
            request=self.request,
            action=AuditEvent.Action.UPDATE if self.is_update else AuditEvent.Action.CREATE,
            obj=self.object,
            details={"fields": sorted(form.changed_data)},
        )

    def form_invalid(self, form):
        messages.error(self.request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return super().form_invalid(form)


class PartnerCreateView(IdempotentCreateMixin, RoleRequiredMixin, PartnerFormMixin, CreateView):
    permission_required = "projects.add_partner"
    is_update = False


class PartnerUpdateView(ScopedObjectMixin, PartnerFormMixin, UpdateView):
    permission_required = "projects.change_partner"
    model = Partner
    scope = "editable_by"
    is_update = True
