"""Pages of referrals to specialists: the list of open referrals of a service or specialist (with
their appointments), issuing one for a person, its page with its moves (accepted, declined,
closed), booking an appointment in a specialist's weekly slot, and the letter (PDF); the
specialists' weekly slots.

Referrals are read by everyone who reads the registry, their reason only by whom may read the
person's confidential notes; they are changed by those who may edit the person (their social
worker, coordinators) — anyone else gets 404, which does not confirm that the person exists.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from activities import services as programme_services
from activities.models import Appointment, Referral, SpecialistSlot
from activities.referrals import services
from activities.referrals.documents import ReferralLetterPdf
from activities.referrals.filters import ReferralFilter
from activities.referrals.forms import (
    AcceptForm,
    AppointmentForm,
    AppointmentMarkForm,
    CloseForm,
    DeclineForm,
    ReferralForm,
    SpecialistSlotForm,
)
from activities.views.support import FORM_ERRORS
from kis.audit import log_event
from kis.bounds import parse_id
from kis.files import file_response
from kis.idempotency import TOKEN_FIELD, IdempotentCreateMixin, record_submission
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant

WEEKS_SHOWN = 4  # the days of each slot offered when booking
Status = Referral.Status


def refuse_on_form(form, error: services.ReferralError) -> None:
    """Show a service's refusal next to the field it is about (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


def open_appointments():
    return Prefetch(
        "appointments",
        queryset=Appointment.objects.holding_a_place().select_related("slot").order_by("date", "slot__start_time"),
    )


class ReferralListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    """The specialist's list: open referrals of a service or a specialist, with their appointments."""

    permission_required = "activities.view_referral"
    action_permissions = {"view_slots": "activities.view_specialistslot"}
    filterset_class = ReferralFilter
    template_name = "activities/referrals/referral_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .select_related("participant", "service", "partner")
            .prefetch_related(open_appointments())
            .order_by("issued_on", "pk")
        )


class ReferralCreateView(IdempotentCreateMixin, RoleRequiredMixin, FormView):
    """``?participant=<id>`` names the person (the form posts back to the same address)."""

    permission_required = "activities.add_referral"
    form_class = ReferralForm
    template_name = "activities/referrals/referral_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            if (participant_pk := parse_id(request.GET.get("participant"))) is None:
                raise Http404(_("Open this page from the participant's page."))
            self.participant = get_object_or_404(Participant.objects.editable_by(request.user), pk=participant_pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participant": self.participant}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.participant.confidential_notes_visible_to(self.request.user):
            del form.fields["reason"]  # who may not read the reason does not write it either
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            participant=self.participant,
            title=_("Refer to a specialist"),
            cancel_url=self.participant.get_absolute_url() + "#referrals",
        )
        return context

    def form_valid(self, form):
        data = {name: value for name, value in form.cleaned_data.items() if name != TOKEN_FIELD}
        try:
            with transaction.atomic():
                referral = services.referral_issue(
                    participant=self.participant, user=self.request.user, request=self.request, **data
                )
                record_submission(self.request, referral)  # the same form sent again refers once
        except services.ReferralError as error:
            refuse_on_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s referred to %(service)s.") % {"name": self.participant.full_name, "service": referral.service},
        )
        return HttpResponseRedirect(referral.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


class ReferralDetailView(ScopedObjectMixin, View):
    """One referral: the person, the service and to whom, its dates, the meetings recorded under it,
    its appointments, and the moves it may make next."""

    permission_required = "activities.view_referral"
    model = Referral
    template_name = "activities/referrals/referral_detail.html"

    def get_base_queryset(self):
        return Referral.objects.select_related(
            "participant__social_worker", "service", "partner", "project", "issued_by"
        ).prefetch_related(
            Prefetch("appointments", queryset=Appointment.objects.select_related("slot__location")),
            "support_records",
        )

    def actions(self, referral) -> dict[str, bool]:
        user = self.request.user
        edit = referral.participant.can_be_edited_by(user) and user.has_perm("activities.change_referral")
        return {
            "edit": edit,
            "accept": edit and referral.status == Status.ISSUED,
            "decline": edit and referral.status in (Status.ISSUED, Status.ACCEPTED),
            "close": edit and referral.status == Status.IN_PROGRESS,
            "book": edit and referral.is_open and user.has_perm("activities.add_appointment"),
            "mark": edit and user.has_perm("activities.change_appointment"),
            "letter": edit,
            "record": edit and referral.is_open and user.has_perm("activities.add_individualsupport"),
        }

    def page(self, referral, status=200, **forms):
        context = {
            "referral": referral,
            "participant": referral.participant,
            "show_reason": referral.participant.confidential_notes_visible_to(self.request.user),
            "can": self.actions(referral),
            "accept_form": forms.get("accept_form") or AcceptForm(),
            "decline_form": forms.get("decline_form") or DeclineForm(),
            "close_form": forms.get("close_form") or CloseForm(),
            "mark_choices": AppointmentMarkForm.base_fields["status"].choices,
            "today": timezone.localdate(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        referral = self.get_object()
        log_event(request=request, action=AuditEvent.Action.VIEW, obj=referral)
        return self.page(referral)


class ReferralMoveView(ReferralDetailView):
    """POST only: one move of a referral; a refusal is shown on its form on the referral's page."""

    permission_required = "activities.change_referral"
    scope = "editable_by"
    http_method_names = ["post"]
    form_class = None
    form_name = ""
    done = ""

    def move(self, referral, cleaned):
        raise NotImplementedError

    def post(self, request, pk):
        referral = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.move(referral, form.cleaned_data)
            except services.ReferralError as error:
                refuse_on_form(form, error)
            else:
                messages.success(request, self.done)
                return HttpResponseRedirect(referral.get_absolute_url())
        messages.error(request, FORM_ERRORS)
        return self.page(referral, **{self.form_name: form})


class ReferralAcceptView(ReferralMoveView):
    form_class = AcceptForm
    form_name = "accept_form"
    done = gettext_lazy("The referral is accepted.")

    def move(self, referral, cleaned):
        services.referral_accept(referral=referral, on=cleaned["on"], user=self.request.user, request=self.request)


class ReferralDeclineView(ReferralMoveView):
    form_class = DeclineForm
    form_name = "decline_form"
    done = gettext_lazy("The referral is declined.")

    def move(self, referral, cleaned):
        services.referral_decline(
            referral=referral, on=cleaned["on"], reason=cleaned["reason"], user=self.request.user, request=self.request
        )


class ReferralCloseView(ReferralMoveView):
    form_class = CloseForm
    form_name = "close_form"
    done = gettext_lazy("The referral is closed.")

    def move(self, referral, cleaned):
        services.referral_close(
            referral=referral,
            on=cleaned["on"],
            outcome=cleaned["outcome"],
            user=self.request.user,
            request=self.request,
        )


class ReferralLetterView(ScopedObjectMixin, View):
    """The referral letter (PDF) for the person to take along; printing it is audited."""

    permission_required = "activities.change_referral"
    model = Referral
    scope = "editable_by"

    def get_base_queryset(self):
        return Referral.objects.select_related("participant", "service", "partner", "project", "issued_by")

    def get(self, request, pk):
        referral = self.get_object()
        return file_response(
            request, ReferralLetterPdf(referral).render(), action=AuditEvent.Action.PRINT, obj=referral
        )


# --- Appointments -------------------------------------------------------------------------------


def next_days(slot: SpecialistSlot, today: datetime.date, weeks: int = WEEKS_SHOWN) -> list[datetime.date]:
    first = today + datetime.timedelta(days=(slot.weekday - today.weekday()) % 7)
    return [first + datetime.timedelta(weeks=week) for week in range(weeks)]


class AppointmentBookView(ScopedObjectMixin, FormView):
    """Book the person of a referral into one of the service's weekly slots; the page shows the
    places left on each slot's next days."""

    permission_required = "activities.add_appointment"
    model = Referral
    scope = "editable_by"
    form_class = AppointmentForm
    template_name = "activities/referrals/appointment_form.html"

    def get_base_queryset(self):
        return Referral.objects.select_related("participant", "service")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "referral": self.get_object()}

    def calendar(self, slots) -> list[tuple[SpecialistSlot, list[tuple[datetime.date, int]]]]:
        """Each slot with its next days and the places left on them (one query for the bookings)."""
        today = timezone.localdate()
        days = {slot.pk: next_days(slot, today) for slot in slots}
        last = max((day for dates in days.values() for day in dates), default=today)
        taken = {
            (row["slot_id"], row["date"]): row["n"]
            for row in Appointment.objects.holding_a_place()
            .filter(slot__in=slots, date__gte=today, date__lte=last)
            .values("slot_id", "date")
            .annotate(n=Count("pk"))
        }
        return [
            (slot, [(day, max(0, slot.capacity - taken.get((slot.pk, day), 0))) for day in days[slot.pk]])
            for slot in slots
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.get_object()
        slots = list(context["form"].fields["slot"].queryset.select_related("location", "partner"))
        context.update(referral=referral, participant=referral.participant, calendar=self.calendar(slots))
        return context

    def form_valid(self, form):
        referral = self.get_object()
        try:
            appointment = services.appointment_book(
                referral=referral,
                slot=form.cleaned_data["slot"],
                on=form.cleaned_data["date"],
                booked_on=form.cleaned_data["booked_on"],
                user=self.request.user,
                request=self.request,
            )
        except services.ReferralError as error:
            refuse_on_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Appointment booked for %(name)s on %(date)s, %(time)s.")
            % {
                "name": referral.participant.full_name,
                "date": appointment.date.strftime("%d.%m.%Y"),
                "time": appointment.slot.start_time.strftime("%H:%M"),
            },
        )
        return HttpResponseRedirect(referral.get_absolute_url() + "#appointments")

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


class AppointmentMarkView(ScopedObjectMixin, View):
    """POST only: the person came, did not come, or the appointment is cancelled."""

    permission_required = "activities.change_appointment"
    model = Appointment
    scope = "editable_by"
    http_method_names = ["post"]

    def get_base_queryset(self):
        return Appointment.objects.select_related("referral", "slot")

    def post(self, request, pk):
        appointment = self.get_object()
        form = AppointmentMarkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose attended, did not come or cancelled."))
        else:
            try:
                services.appointment_mark(
                    appointment=appointment, status=form.cleaned_data["status"], user=request.user, request=request
                )
            except services.ReferralError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Appointment saved."))
        return HttpResponseRedirect(appointment.referral.get_absolute_url() + "#appointments")


# --- The specialists' weekly slots ----------------------------------------------------------------


class SpecialistSlotListView(RoleRequiredMixin, ListView):
    permission_required = "activities.view_specialistslot"
    action_permissions = {
        "add": "activities.add_specialistslot",
        "change": "activities.change_specialistslot",
        "view_referrals": "activities.view_referral",
    }
    template_name = "activities/referrals/slot_list.html"
    context_object_name = "slots"

    def get_queryset(self):
        booked = Q(appointments__status=Appointment.Status.BOOKED, appointments__date__gte=timezone.localdate())
        return (
            SpecialistSlot.objects.visible_to(self.request.user)
            .select_related("service", "partner", "location")
            .annotate(upcoming=Count("appointments", filter=booked))
            .order_by("-is_active", "service__name", "weekday", "start_time", "specialist")
        )


class SpecialistSlotFormMixin(RoleRequiredMixin):
    model = SpecialistSlot
    form_class = SpecialistSlotForm
    template_name = "activities/referrals/slot_form.html"
    created = False

    def form_valid(self, form):
        if not programme_services.programme_record_save(
            form, user=self.request.user, created=self.created, request=self.request
        ):
            return self.form_invalid(form)
        messages.success(self.request, _("The specialist's hours are saved."))
        return HttpResponseRedirect(reverse("activities:slot_list"))

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


class SpecialistSlotCreateView(IdempotentCreateMixin, SpecialistSlotFormMixin, CreateView):
    permission_required = "activities.add_specialistslot"
    created = True


class SpecialistSlotUpdateView(ScopedObjectMixin, SpecialistSlotFormMixin, UpdateView):
    permission_required = "activities.change_specialistslot"
    model = SpecialistSlot
    scope = "editable_by"
