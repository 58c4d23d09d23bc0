"""``as_filter_field`` renders a field as crispy-forms does (the HTML the accessibility of the forms
was checked on), whatever its state: plain, required, with help, with errors; other kinds of field
go to crispy itself."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms

from kis.templatetags.fields import as_filter_field
from kis.widgets import DateInput


class Filters(forms.Form):
    q = forms.CharField(label="Szukaj", required=False, max_length=20)
    status = forms.ChoiceField(label="Status", choices=[("", "—"), ("a", "aktywny"), ("z", "zamknięty")])
    since = forms.DateField(label="Od", required=False, widget=DateInput(), help_text="Dzień rozpoczęcia")
    mine = forms.BooleanField(label="Tylko moje", required=False)
    kinds = forms.MultipleChoiceField(
        label="Rodzaje", required=False, choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )


def squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", str(html)))).strip()


@pytest.mark.parametrize("data", [None, {"q": "x" * 30, "status": "?", "since": "jutro"}, {"status": "a"}])
@pytest.mark.parametrize("name", ["q", "status", "since", "mine", "kinds"])
def test_a_filter_field_is_the_html_crispy_forms_makes(name, data):
    form = Filters(data)
    form.is_valid()

    assert squeezed(as_filter_field(form[name])) == squeezed(as_crispy_field(form[name]))


def test_errors_are_tied_to_the_field():
    form = Filters({"q": "x" * 30, "status": "a"})
    form.is_valid()

    html = as_filter_field(form["q"])

    assert 'aria-invalid="true"' in html and 'aria-describedby="id_q_error"' in html
    assert 'id="id_q_error" class="invalid-feedback"' in html and "form-control is-invalid" in html


def test_filter_data_is_a_query_dict_naming_every_value():
    from django.http import QueryDict

    from kis.filters import filter_data

    empty = filter_data(None)
    empty["scope"] = "mine"  # a default added by a filter set
    assert empty.urlencode() == "scope=mine"
    given = QueryDict("status=active&risk_factor=1&risk_factor=2")
    copied = filter_data(given)
    copied["scope"] = "all"
    assert copied.urlencode() == "status=active&risk_factor=1&risk_factor=2&scope=all"
    assert "scope" not in given  # the request's own data is left alone
    assert (
        filter_data({"ordering": "town", "risk_factor": [3, 4]}).urlencode()
        == "ordering=town&risk_factor=3&risk_factor=4"
    )
