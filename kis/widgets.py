"""Form building blocks shared by every app."""

from crispy_forms.layout import Div
from django import forms


class DateInput(forms.DateInput):
    """A native date picker; its value is ISO, so what is shown can always be typed back."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def row(*fields, cols=None):
    """A Bootstrap row of equal columns for a crispy layout."""
    return Div(*[Div(f, css_class=f"col-md-{cols or 12 // len(fields)}") for f in fields], css_class="row")
