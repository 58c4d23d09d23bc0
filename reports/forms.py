"""The choices of an ESF participant sheet export: layout, period and who of it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kis.widgets import DateInput
from projects.models import Project
from reports.esf_columns import LAYOUTS
from reports.esf_sheet import Basis, Export
from reports.outcomes import Period


class SheetExportForm(forms.Form):
    """Read from the query string of the download (a GET form on the report page)."""

    layout = forms.ChoiceField(label=_("layout"), choices=Project.EsfLayout.choices)
    start = forms.DateField(label=pgettext_lazy("period", "From"), widget=DateInput())
    end = forms.DateField(label=pgettext_lazy("period", "To"), widget=DateInput())
    basis = forms.ChoiceField(label=_("people"), choices=Basis.CHOICES, initial=Basis.ACTIVE)

    def __init__(self, data=None, *, project: Project, period: Period):
        defaults = {"layout": project.esf_layout, "start": period.start, "end": period.end, "basis": Basis.ACTIVE}
        if data is not None:
            # What the link leaves out is the default; what it gives is checked.
            data = {**{key: str(value) for key, value in defaults.items()}, **data.dict()}
        super().__init__(data, initial=defaults)
        self.project = project
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return cleaned

    def export(self) -> Export:
        data = self.cleaned_data
        return Export(LAYOUTS[data["layout"]], Period(data["start"], data["end"]), data["basis"])
