"""Forms of recruitment and participation."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.widgets import DateInput
from participants.models import (
    DETAILS_OF_STATUS,
    AreaType,
    CitizenshipGroup,
    DisabilityDegree,
    Education,
    LabourMarketStatus,
    LabourStatusDetail,
    YesNoRefused,
)
from participation.eligibility import CATEGORIES, EXCLUSIONS
from participation.models import (
    SOCIAL_PROGRESS,
    EligibilityEvidence,
    EmploymentType,
    ExitSituation,
    ProjectParticipation,
)
from participation.results import Employment, FollowUp
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
        label=_("start of participation"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_(
            "By the ESF rules participation starts on the day of the first support recorded from this day "
            "(present at a session, an individual meeting, an internship); the age is fixed on that day and "
            "the labour-market status as it is now."
        ),
    )


YES_NO = [("", "—"), ("yes", _("yes")), ("no", _("no"))]


def yes_no(label, **kwargs) -> forms.TypedChoiceField:
    """A question answered yes or no, with no answer preselected."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        **kwargs,
    )


class ExitFields(forms.Form):
    """The situation on leaving: what, on which day, and for a qualification who certified it."""

    exit_situation = forms.ModelChoiceField(
        label=_("situation on leaving (within 4 weeks)"), queryset=ExitSituation.objects.all(), required=False
    )
    exit_on = forms.DateField(
        label=_("date of the situation on leaving"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: the day of leaving. Counted as a result only up to 4 weeks after leaving."),
    )
    qualification_certified = yes_no(
        _("qualification certified by an authorised body"),
        help_text=_("Only for a qualification: an internal course certificate does not count."),
    )
    qualification_body = forms.CharField(label=_("certified by"), required=False, max_length=200)

    def exit_data(self) -> dict:
        names = ("exit_situation", "exit_on", "qualification_certified", "qualification_body")
        return {name: self.cleaned_data[name] for name in names}


class CompleteForm(ExitFields):
    end_date = forms.DateField(label=_("end of participation"), widget=DateInput(), initial=timezone.localdate)
    completed_as_planned = yes_no(_("Completed the planned path"))
    field_order = ["end_date", "completed_as_planned"]


class DropOutForm(ExitFields):
    end_date = forms.DateField(label=_("date of dropping out"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(
        label=_("reason"),
        choices=[("", "—"), *ProjectParticipation.DropoutReason.choices],
        required=False,
        help_text=_("Leaving because the person took up a job counts with those who completed (effectiveness)."),
    )
    note = forms.CharField(label=_("note"), required=False, max_length=300)
    field_order = ["end_date", "reason", "note"]


class FollowUpForm(forms.Form):
    """The situation within 3 months after leaving. No date is proposed: an unticked form sent by
    mistake must not record "no progress" for anyone."""

    followup_on = forms.DateField(label=_("date of the follow-up"), widget=DateInput())
    social_progress = forms.MultipleChoiceField(
        label=_("Social progress"),
        choices=list(SOCIAL_PROGRESS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    looking_for_work = forms.BooleanField(label=_("looking for work"), required=False)
    qualification = forms.BooleanField(label=_("gained a certified qualification"), required=False)
    employment_type = forms.ChoiceField(
        label=_("type of employment"), choices=[("", _("no employment")), *EmploymentType.choices], required=False
    )
    employment_start = forms.DateField(label=_("employment from"), widget=DateInput(), required=False)
    employment_end = forms.DateField(
        label=_("employment until"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty for an open-ended contract."),
    )
    hours_per_week = forms.DecimalField(
        label=_("hours a week"), max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=80, required=False
    )
    minimum_wage = yes_no(_("pays at least the minimum wage"), help_text=_("For a civil-law contract."))
    evidence = forms.CharField(
        label=_("evidence"),
        required=False,
        max_length=200,
        help_text=_("E.g. a copy of the contract, an entry in CEIDG. Leaving the labour-office register is not proof."),
    )

    def follow_up(self) -> FollowUp:
        data = self.cleaned_data
        return FollowUp(
            on=data["followup_on"],
            social_progress=data["social_progress"],
            looking_for_work=data["looking_for_work"],
            qualification=data["qualification"],
            employment=Employment(
                type=data["employment_type"],
                start=data["employment_start"],
                end=data["employment_end"],
                hours_per_week=data["hours_per_week"],
                minimum_wage=data["minimum_wage"],
                evidence=data["evidence"],
            ),
        )


ENTRY_ANSWERS = (
    "education",
    "area_type",
    "labour_status_detail",
    "occupation",
    "employer",
    "citizenship_group",
    "foreign_origin",
    "third_country_national",
    "minority",
    "homeless",
    "other_disadvantage",
)


class EntryCorrectionForm(forms.Form):
    """The situation recorded at the start, corrected from the documents, with the reason."""

    labour_status_at_start = forms.ChoiceField(
        label=_("labour-market status at start"), choices=[("", "—"), *LabourMarketStatus.choices], required=False
    )
    unemployed_since_at_start = forms.DateField(label=_("unemployed since"), widget=DateInput(), required=False)
    labour_status_detail = forms.ChoiceField(
        label=_("in detail"), choices=[("", "—"), *LabourStatusDetail.choices], required=False
    )
    occupation = forms.CharField(label=_("occupation"), max_length=200, required=False)
    employer = forms.CharField(label=_("employer"), max_length=250, required=False)
    citizenship_group = forms.ChoiceField(label=_("citizenship (ESF)"), choices=CitizenshipGroup.choices)
    education = forms.TypedChoiceField(
        label=_("education"), choices=[("", "—"), *Education.choices], coerce=int, empty_value=None, required=False
    )
    disability_at_start = forms.ChoiceField(
        label=_("disability"), choices=[("", "—"), *DisabilityDegree.choices], required=False
    )
    disability_group_at_start = forms.BooleanField(
        label=_("a significant or moderate disability, an intellectual disability or multiple disabilities"),
        required=False,
    )
    area_type = forms.TypedChoiceField(label=_("area type (DEGURBA)"), choices=AreaType.choices, coerce=int)
    foreign_origin = forms.ChoiceField(
        label=_("of foreign origin (a migrant or of foreign descent)"), choices=YesNoRefused.choices
    )
    third_country_national = forms.ChoiceField(
        label=_("a national of a country outside the EU (or stateless)"), choices=YesNoRefused.choices
    )
    minority = forms.ChoiceField(
        label=_("belongs to a national or ethnic minority (incl. marginalised communities)"),
        choices=YesNoRefused.choices,
    )
    homeless = forms.ChoiceField(label=_("homeless or excluded from housing"), choices=YesNoRefused.choices)
    other_disadvantage = forms.ChoiceField(
        label=_("in another disadvantaged social situation"), choices=YesNoRefused.choices
    )
    reason = forms.CharField(
        label=_("reason for the correction"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the labour-office certificate of the start date shows another status."),
    )

    @classmethod
    def initial_of(cls, participation: ProjectParticipation) -> dict:
        entry = participation.entry
        return {
            "labour_status_at_start": participation.labour_status_at_start,
            "unemployed_since_at_start": participation.unemployed_since_at_start,
            "disability_at_start": participation.disability_at_start,
            "disability_group_at_start": participation.disability_group_at_start,
            **{name: entry.get(name) for name in ENTRY_ANSWERS},
        }

    def clean(self):
        cleaned = super().clean()
        status, detail = cleaned.get("labour_status_at_start"), cleaned.get("labour_status_detail")
        if detail and detail not in DETAILS_OF_STATUS.get(status, ()):
            self.add_error("labour_status_detail", _("This detail does not go with the labour-market status chosen."))
        if status != LabourMarketStatus.EMPLOYED:
            cleaned["occupation"] = cleaned["employer"] = ""  # kept for the employed only
        return cleaned

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "reason"}


class EvidenceForm(forms.ModelForm):
    """What shows one of the criteria that qualified the person."""

    scan_file = forms.FileField(label=_("scan (PDF, JPEG or PNG, at most 10 MB)"), required=False)

    class Meta:
        model = EligibilityEvidence
        fields = ["criterion", "kind", "number", "issued_on", "issued_by"]
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, participation: ProjectParticipation, **kwargs):
        super().__init__(*args, **kwargs)
        # The statutory categories ticked at the decision and the project's own criteria.
        options = [str(CATEGORIES.get(code, code)) for code in participation.eligibility_categories]
        options += [criterion.description for criterion in participation.project.criteria.all()]
        self.fields["criterion"] = forms.ChoiceField(
            label=_("criterion it shows"), choices=[("", "—"), *((option, option) for option in options)]
        )
