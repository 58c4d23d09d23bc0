"""Forms of referrals: issuing one, its moves (accepted, declined, closed), a specialist's weekly
slot, booking an appointment in it and what became of the appointment.

The forms read what was typed; the rules of a move (dates, states, free places, clashes) are the
services', whose refusal the page shows next to the field it is about."""

from __future__ import annotations

from django import forms
from django.db.models import Count
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from activities.forms import TimeInput, admitted_projects
from activities.models import Appointment, ServiceType, SpecialistSlot
from kis.locking import VersionedFormMixin
from kis.widgets import DateInput
from projects.models import Partner, Project


def specialist_services():
    """The services people are referred to: the catalogue's specialists' services still offered."""
    return ServiceType.objects.filter(is_active=True).exclude(support_kind="").order_by("name")


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(label=capfirst(_("service")), queryset=ServiceType.objects.none())
    specialist = forms.CharField(
        label=capfirst(_("specialist")),
        max_length=150,
        required=False,
        help_text=_("The specialist's name, when the person is referred to someone in particular."),
    )
    partner = forms.ModelChoiceField(
        label=capfirst(_("partner organisation")),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("For a referral to another institution: the labour office, OHP, a counselling centre."),
    )
    issued_on = forms.DateField(label=capfirst(_("issued on")), widget=DateInput(), initial=timezone.localdate)
    project = forms.ModelChoiceField(
        label=capfirst(_("project")),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("Only projects the person was admitted to; its emblems are printed on the letter."),
    )
    reason = forms.CharField(
        label=capfirst(_("reason")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Confidential: seen only by the assigned social worker and coordinators, never printed."),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["service"].queryset = specialist_services()
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["project"].queryset = admitted_projects(participant)


class AcceptForm(forms.Form):
    prefix = "accept"
    on = forms.DateField(label=capfirst(_("accepted on")), widget=DateInput(), initial=timezone.localdate)


class DeclineForm(forms.Form):
    prefix = "decline"
    on = forms.DateField(label=capfirst(_("declined on")), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=capfirst(_("reason for declining")), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    prefix = "close"
    on = forms.DateField(label=capfirst(_("closed on")), widget=DateInput(), initial=timezone.localdate)
    outcome = forms.CharField(
        label=capfirst(_("outcome")),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the help achieved, or why it ended; printed nowhere, seen with the referral."),
    )


class AppointmentForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Specialist's hours"), queryset=SpecialistSlot.objects.none())
    date = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    booked_on = forms.DateField(
        label=capfirst(_("booked on")),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: today. An earlier date enters a booking made before, e.g. in the paper calendar."),
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = SpecialistSlot.objects.filter(
            service_id=referral.service_id, is_active=True
        ).order_by("weekday", "start_time", "specialist")


class AppointmentMarkForm(forms.Form):
    # Labelled as the buttons of the appointment's row say what they do.
    status = forms.ChoiceField(
        choices=[
            (Appointment.Status.ATTENDED, _("the person came")),
            (Appointment.Status.MISSED, _("did not come")),
            (Appointment.Status.CANCELLED, _("cancel the appointment")),
        ]
    )


class SpecialistSlotForm(VersionedFormMixin, forms.ModelForm):
    capacity = forms.IntegerField(
        label=capfirst(_("appointments per day")),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={"min_value": _("At least one person must fit in the hours.")},
        help_text=_("How many people the specialist sees in these hours."),
    )

    class Meta:
        model = SpecialistSlot
        fields = [
            "service",
            "specialist",
            "partner",
            "location",
            "weekday",
            "start_time",
            "end_time",
            "capacity",
            "is_active",
        ]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        services = specialist_services()
        if self.instance.pk:
            services = services | ServiceType.objects.filter(pk=self.instance.service_id)
        self.fields["service"].queryset = services.distinct().order_by("name")
        self.fields["partner"].queryset = Partner.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The hours must end after they start."))
        if self.instance.pk and not self.errors:
            self.keep_the_appointments_booked(cleaned)
        return cleaned

    def keep_the_appointments_booked(self, cleaned):
        """Appointments booked from today on keep their day, hours and place."""
        booked = self.instance.appointments.filter(status=Appointment.Status.BOOKED, date__gte=timezone.localdate())
        moved = {"service", "weekday", "start_time", "end_time"} & set(self.changed_data)
        first = booked.order_by("date").first() if moved else None
        if first is not None:
            self.add_error(
                sorted(moved)[0] if len(moved) == 1 else None,
                _(
                    "Appointments are booked in these hours from %(date)s: cancel them first, or add new "
                    "hours and withdraw these."
                )
                % {"date": first.date.strftime("%d.%m.%Y")},
            )
        elif "capacity" in self.changed_data and cleaned.get("capacity") is not None:
            fullest = (
                self.instance.appointments.holding_a_place()
                .filter(date__gte=timezone.localdate())
                .values("date")
                .annotate(n=Count("pk"))
                .order_by("-n")
                .values_list("n", flat=True)
                .first()
            )
            if fullest and cleaned["capacity"] < fullest:
                self.add_error(
                    "capacity",
                    _("%(n)s people are already booked on one of its days: keep at least that many places.")
                    % {"n": fullest},
                )
