"""Forms of the programme: activities with their schedule, sessions, finishing an enrolment; the
catalogue; individual support, internships and volunteer agreements."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from activities.models import (
    Activity,
    Enrollment,
    IndividualSupport,
    Internship,
    Referral,
    ServiceType,
    Session,
    VolunteerAgreement,
)
from kis.locking import VersionedFormMixin
from kis.widgets import DateInput
from participation.models import ProjectParticipation
from projects.models import Partner, Project

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "name",
            "service_type",
            "project",
            "provider",
            "trainer",
            "location",
            "start_date",
            "end_date",
            "capacity",
            "planned_hours",
            "completion_attendance",
            "certificate_body",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        # Withdrawn services are not offered for new activities; an existing one keeps its own.
        current = self.instance.service_type_id if self.instance.pk else None
        self.fields["service_type"].queryset = ServiceType.objects.filter(Q(is_active=True) | Q(pk=current)).order_by(
            "track", "name"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        elif start and end and self.instance.pk:
            outside = self.instance.sessions.exclude(date__gte=start, date__lte=end).order_by("date").first()
            if outside is not None:
                self.add_error(
                    "start_date" if outside.date < start else "end_date",
                    _("A session on %(date)s would fall outside these dates: move or delete it first.")
                    % {"date": outside.date.strftime("%d.%m.%Y")},
                )
        percent = cleaned.get("completion_attendance")
        if percent is not None and percent > 100:
            self.add_error("completion_attendance", _("A percentage cannot exceed 100."))
        return cleaned


class ScheduleForm(forms.Form):
    """Optional weekly schedule that creates all sessions at once."""

    prefix = "schedule"
    weekday = forms.TypedChoiceField(
        label=_("every"), choices=[("", "—"), *WEEKDAYS], coerce=int, empty_value=None, required=False
    )
    start_time = forms.TimeField(label=_("from"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("until"), widget=TimeInput(), required=False)
    weeks = forms.IntegerField(label=_("for how many weeks"), min_value=1, max_value=104, required=False)

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(name) for name in ("weekday", "start_time", "end_time", "weeks")]
        if any(v is not None for v in values) and not all(v is not None for v in values):
            raise forms.ValidationError(_("Fill in the whole schedule (day, hours and weeks), or none of it."))
        if cleaned.get("start_time") and cleaned.get("end_time") and cleaned["end_time"] <= cleaned["start_time"]:
            self.add_error("end_time", _("A session must end after it starts."))
        return cleaned

    @property
    def has_schedule(self) -> bool:
        return self.cleaned_data.get("weekday") is not None


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "topic", "trainer"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}


class EnrollForm(forms.Form):
    enrolled_on = forms.DateField(
        label=_("enrolled on"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: today. An earlier date records an enrolment after the fact."),
    )


class FinishForm(forms.Form):
    status = forms.ChoiceField(
        label=_("result"),
        choices=[
            (Enrollment.Status.COMPLETED, Enrollment.Status.COMPLETED.label),
            (Enrollment.Status.DROPPED, Enrollment.Status.DROPPED.label),
        ],
    )
    finished_on = forms.DateField(label=_("date"), widget=DateInput())
    certificate_number = forms.CharField(label=_("certificate number"), required=False, max_length=60)


MAX_SUPPORT_HOURS = Decimal("12")

# Participations in which support counts towards the project: the person was admitted to it.
ADMITTED = [
    ProjectParticipation.Status.QUALIFIED,
    ProjectParticipation.Status.ACTIVE,
    ProjectParticipation.Status.COMPLETED,
    ProjectParticipation.Status.DROPPED_OUT,
]
# Where an internship can take place: employers, and social co-operatives, which employ too.
INTERNSHIP_HOSTS = [Partner.Kind.EMPLOYER, Partner.Kind.SOCIAL_COOPERATIVE]


def admitted_projects(participant, current_id: int | None = None):
    """The projects a record of ``participant`` may count towards (and the one it already does)."""
    projects = Project.objects.filter(participations__participant=participant, participations__status__in=ADMITTED)
    if current_id is not None:
        projects = projects | Project.objects.filter(pk=current_id)
    return projects.distinct()


def end_not_before_start(form, cleaned):
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end and end < start:
        form.add_error("end_date", _("The end cannot be before the start."))


class ServiceTypeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = ["name", "track", "mode", "counts_hours", "is_active", "support_kind", "by_referral_only"]
        error_messages = {"name": {"unique": _("This service is already in the catalogue.")}}
        help_texts = {"is_active": _("Untick to stop offering it for new activities; past ones keep it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()


class IndividualSupportForm(forms.ModelForm):
    hours = forms.DecimalField(
        label=capfirst(_("hours")),
        max_digits=4,
        decimal_places=1,
        initial=1,
        validators=[
            MinValueValidator(Decimal("0.1"), message=_("Enter the length of the meeting: more than 0 hours.")),
            MaxValueValidator(MAX_SUPPORT_HOURS, message=_("One meeting lasts at most 12 hours.")),
        ],
    )

    class Meta:
        model = IndividualSupport
        fields = ["kind", "date", "specialist", "hours", "project", "confidential_note"]
        widgets = {"date": DateInput(), "confidential_note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"project": _("Only projects the person was admitted to. Leave empty for support outside them.")}

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = self.instance.participant = participant
        self.fields["project"].queryset = admitted_projects(participant)
        self.fields["date"].initial = timezone.localdate

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("A meeting cannot be recorded in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        self.check_referral(cleaned.get("kind"), cleaned.get("date"))
        duplicate = IndividualSupport.objects.filter(
            participant=self.participant,
            kind=cleaned.get("kind"),
            date=cleaned.get("date"),
            specialist__iexact=(cleaned.get("specialist") or "").strip(),
            hours=cleaned.get("hours"),
        )
        if not self.errors and duplicate.exists():
            # Most likely the same form sent twice (a double click, the back button).
            raise forms.ValidationError(_("This meeting is already recorded."))
        return cleaned

    def check_referral(self, kind, day) -> None:
        """A service given by referral only is recorded only under an open referral of the person."""
        service = ServiceType.objects.filter(support_kind=kind, by_referral_only=True).first() if kind else None
        if service is None or day is None:
            return
        if not Referral.objects.covering(participant=self.participant, service=service, on=day).exists():
            self.add_error(
                "kind",
                _(
                    "%(service)s is given by referral only, and %(name)s has no open referral to it on "
                    "%(date)s: refer the person first."
                )
                % {"service": service.name, "name": self.participant.full_name, "date": day.strftime("%d.%m.%Y")},
            )


class ProgrammeRecordForm(VersionedFormMixin, forms.ModelForm):
    """Common rules of internships and volunteering agreements."""

    hours = forms.DecimalField(
        label=capfirst(_("hours")),
        max_digits=6,
        decimal_places=1,
        initial=0,
        validators=[MinValueValidator(Decimal("0"), message=_("Hours cannot be negative."))],
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = self.instance.participant = participant
        self.add_version_field()

    def clean(self):
        cleaned = super().clean()
        end_not_before_start(self, cleaned)
        return cleaned


class InternshipForm(ProgrammeRecordForm):
    class Meta:
        model = Internship
        fields = ["employer", "position", "project", "start_date", "end_date", "hours", "completed"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {
            "employer": _("Employers and social co-operatives among the partners; add a new one on the partners page."),
            "project": _("Only projects the person was admitted to."),
            "completed": _("Tick when the person completed the internship as agreed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hosts = Partner.objects.filter(kind__in=INTERNSHIP_HOSTS)
        if self.instance.employer_id:
            # An internship recorded with another kind of partner stays editable.
            hosts = hosts | Partner.objects.filter(pk=self.instance.employer_id)
        self.fields["employer"].queryset = hosts.order_by("name")
        self.fields["project"].queryset = admitted_projects(self.participant, self.instance.project_id)

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("end_date")
        if cleaned.get("completed") and end and end > timezone.localdate():
            self.add_error("completed", _("An internship can be marked completed only once it has ended."))
        if not self.instance.pk and not self.errors:
            duplicate = Internship.objects.filter(
                participant=self.participant, employer=cleaned.get("employer"), start_date=cleaned.get("start_date")
            )
            if duplicate.exists():
                raise forms.ValidationError(_("This internship is already recorded."))
        return cleaned


class VolunteerAgreementForm(ProgrammeRecordForm):
    class Meta:
        model = VolunteerAgreement
        fields = ["organisation", "number", "start_date", "end_date", "scope", "hours"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        labels = {"start_date": capfirst(_("valid from")), "end_date": capfirst(_("valid until"))}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Partner.objects.order_by("name")
        self.fields["organisation"].empty_label = _("the club itself")

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not self.errors:
            duplicate = VolunteerAgreement.objects.filter(
                participant=self.participant,
                organisation=cleaned.get("organisation"),
                start_date=cleaned.get("start_date"),
                scope__iexact=(cleaned.get("scope") or "").strip(),
            )
            if duplicate.exists():
                raise forms.ValidationError(_("This volunteering agreement is already recorded."))
        return cleaned
