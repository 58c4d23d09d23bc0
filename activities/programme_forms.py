"""Forms of the programme: activities with a weekly schedule, sessions, results, attendance extras."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Enrollment, ServiceType, Session
from kis.widgets import DateInput

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


class ActivityForm(forms.ModelForm):
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


class FinishForm(forms.Form):
    status = forms.ChoiceField(
        label=_("result"),
        choices=[(Enrollment.Status.COMPLETED, _("completed")), (Enrollment.Status.DROPPED, _("dropped out"))],
    )
    finished_on = forms.DateField(label=_("date"), widget=DateInput())
    certificate_number = forms.CharField(label=_("certificate number"), required=False, max_length=60)
