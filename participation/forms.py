"""Forms of recruitment and participation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.widgets import DateInput
from participation.eligibility import CATEGORIES, EXCLUSIONS
from participation.models import ExitSituation, ProjectParticipation
from projects.models import Project

Status = ProjectParticipation.Status


class RecruitForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    applied_on = forms.DateField(label=_("applied on"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.exclude(status=Project.Status.CLOSED).order_by("title")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Status.QUALIFIED, _("qualified")),
            (Status.RESERVE, _("reserve list")),
            (Status.REJECTED, _("rejected")),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("date of the decision"), widget=DateInput(), initial=timezone.localdate)
    categories = forms.MultipleChoiceField(
        label=_("Eligibility categories that apply (art. 1 ust. 2)"),
        choices=list(CATEGORIES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    exclusions = forms.MultipleChoiceField(
        label=_("The person is entitled to (excludes from a KIS, art. 1 ust. 3)"),
        choices=list(EXCLUSIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A disability pension does not exclude."),
    )
    note = forms.CharField(label=_("justification"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ActivateForm(forms.Form):
    start_date = forms.DateField(
        label=_("date of the first form of support"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("Participation starts on this day; age and labour-market status are fixed on it."),
    )


class CompleteForm(forms.Form):
    end_date = forms.DateField(label=_("end of participation"), widget=DateInput(), initial=timezone.localdate)
    completed_as_planned = forms.TypedChoiceField(
        label=_("Completed the planned path"),
        choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )
    exit_situation = forms.ModelChoiceField(
        label=_("situation on leaving (within 4 weeks)"), queryset=ExitSituation.objects.all(), required=False
    )


class DropOutForm(forms.Form):
    end_date = forms.DateField(label=_("date of dropping out"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(
        label=_("reason"), choices=[("", "—"), *ProjectParticipation.DropoutReason.choices], required=False
    )
    note = forms.CharField(label=_("note"), required=False, max_length=300)
    exit_situation = forms.ModelChoiceField(
        label=_("situation on leaving (within 4 weeks)"), queryset=ExitSituation.objects.all(), required=False
    )


class FollowUpForm(forms.Form):
    followup_on = forms.DateField(label=_("follow-up date"), widget=DateInput(), initial=timezone.localdate)
    followup_employed = forms.BooleanField(label=_("employed at least half-time for at least 3 months"), required=False)
    followup_looking_for_work = forms.BooleanField(label=_("looking for work"), required=False)
    followup_in_education = forms.BooleanField(label=_("in education or training"), required=False)
    followup_qualification = forms.BooleanField(label=_("gained a certified qualification"), required=False)
    followup_social_progress = forms.BooleanField(label=_("social progress"), required=False)
