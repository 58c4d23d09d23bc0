"""Helpers for tests that submit a page's form the way a browser would, and read its errors back."""

import datetime
import html
import re

from django.forms import BaseFormSet, Form

# The queries of every signed-in page before its own: the session, the user, and the user's roles
# and permissions (one query, kis.backends).
SIGNED_IN = 3

# The request headers of a browser (or a centre's tablet) set to English.
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def _field_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _add_form(data: dict, form: Form) -> None:
    for bound_field in form:
        value = bound_field.value()
        if bound_field.field.show_hidden_initial:
            # Fields with a callable default also render their initial value in a hidden input.
            data[bound_field.html_initial_name] = _field_value(bound_field.initial)
        if isinstance(value, bool):
            # An unticked checkbox is not submitted at all.
            if value:
                data[bound_field.html_name] = "on"
            continue
        data[bound_field.html_name] = _field_value(value)


def submitted_data(form: Form, formset: BaseFormSet | None = None, **changes) -> dict:
    """What the browser would POST for a page's form (and formset) as loaded, with ``changes``."""
    data: dict = {}
    _add_form(data, form)
    if formset is not None:
        _add_form(data, formset.management_form)
        for subform in formset:
            _add_form(data, subform)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def field_error_text(response, field: str) -> str:
    """The error text the page shows under one field (crispy's ``id_<field>_error`` block)."""
    content = response.content.decode()
    match = re.search(rf'<div id="id_{re.escape(field)}_error"[^>]*>(.*?)</div>', content, re.S)
    assert match, f"no error shown next to the field {field!r}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())
