"""Forms of the programmes: the centre's list, and a person's link with its end and correction.

The forms check what each field holds; the rules (dates, the responsible worker, overlapping links)
are the services', whose refusals the views put back on the fields they concern.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kis.locking import VersionedFormMixin
from kis.widgets import DateInput
from programmes.models import Programme, ProgrammeLink, responsible_workers


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ProgrammeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "kind", "location", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        if self.instance.pk:
            self.fields["kind"].help_text = _("The kind cannot change once the programme has participants.")


DATE_WIDGETS = {"started_on": DateInput(), "ended_on": DateInput(), "ipwb_date": DateInput()}


class LinkForm(forms.Form):
    """A form of a link's fields, taken from the model (labels, lengths), without the model's own
    validation: the rules are the services' (``ProgrammeLink.rule_errors``), and their refusals are
    put back on these fields."""

    link_fields: tuple[str, ...] = ()

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = forms.fields_for_model(ProgrammeLink, fields=self.link_fields, widgets=DATE_WIDGETS)
        fields["worker"] = WorkerChoiceField(
            queryset=workers if workers is not None else responsible_workers(),
            label=capfirst(ProgrammeLink._meta.get_field("worker").verbose_name),
            help_text=_(
                "A Niebieska Karta link is seen only by this worker and by coordinators, "
                "not by the person's other workers."
            ),
        )
        if "note" in fields:
            fields["note"].widget = forms.Textarea(attrs={"rows": 3})
        if "ipwb_number" in fields:
            fields["ipwb_number"].help_text = _("Only in a programme of leaving homelessness.")
        # The link's fields first, then those the form declares itself (the reason of a correction).
        self.fields = {**{name: fields[name] for name in self.link_fields}, **self.fields}

    def link_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.link_fields if name in self.cleaned_data}


class ProgrammeLinkForm(LinkForm):
    """A new link of ``participant``: the active programmes of the centre and of the person's site."""

    link_fields = ("programme", "worker", "started_on", "ended_on", "ipwb_number", "ipwb_date", "note")

    def __init__(self, *args, participant, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.open_to(participant).order_by("name")
        if not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())
            if responsible_workers().filter(pk=user.pk).exists():
                self.initial.setdefault("worker", user.pk)
            else:
                self.initial.setdefault("worker", participant.social_worker_id)


class ProgrammeLinkEndForm(VersionedFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for the end"), max_length=300, required=False)

    def __init__(self, *args, link: ProgrammeLink, **kwargs):
        self.instance = link  # the version is read from it
        super().__init__(*args, **kwargs)
        self.add_version_field()
        if not self.is_bound:
            self.initial.setdefault("ended_on", timezone.localdate())


class ProgrammeLinkCorrectForm(VersionedFormMixin, LinkForm):
    """What was recorded of a link, to be corrected with a reason (the programme and the person
    stay: a link to another programme is a new link). Loaded with the link's values."""

    link_fields = ("worker", "started_on", "ended_on", "end_reason", "ipwb_number", "ipwb_date", "note")
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)

    def __init__(self, *args, link: ProgrammeLink, **kwargs):
        self.instance = link
        if not link.programme.has_individual_programme:
            self.link_fields = tuple(name for name in self.link_fields if not name.startswith("ipwb_"))
        # A worker who has left stays selectable on the links they were responsible for.
        User = type(link.worker)
        workers = User.objects.filter(Q(pk__in=responsible_workers().values("pk")) | Q(pk=link.worker_id)).order_by(
            "last_name", "first_name", "username"
        )
        initial = {name: getattr(link, name) for name in self.link_fields}
        initial["worker"] = link.worker_id
        super().__init__(*args, workers=workers, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        self.add_version_field()


class PeriodForm(forms.Form):
    """The period of the counts of people in the programmes."""

    start = forms.DateField(label=pgettext_lazy("period", "From"), widget=DateInput())
    end = forms.DateField(label=pgettext_lazy("period", "To"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return cleaned
