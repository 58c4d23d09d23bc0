"""Form building blocks shared by every app."""

from crispy_forms.layout import Div
from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d.%m.%Y"


class DateInput(forms.DateInput):
    """A date typed and shown as DD.MM.RRRR, whatever language the browser or tablet is set to.

    A native date picker (``type="date"``) shows the device's own format — mm/dd/yyyy on a tablet
    set to English — so it is a text field with the Polish format; ISO dates are accepted as well
    (see ``kis/formats``).
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("DD.MM.YYYY"), "inputmode": "numeric", "autocomplete": "off", "maxlength": "10"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


def row(*fields, cols=None):
    """A Bootstrap row of equal columns for a crispy layout."""
    return Div(*[Div(f, css_class=f"col-md-{cols or 12 // len(fields)}") for f in fields], css_class="row")
