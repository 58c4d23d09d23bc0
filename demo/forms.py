"""Records the pages save from a form (a person's individual support, internships, volunteering
agreements), saved by the demo through that same form: the values as a browser would submit them,
the form's rules (dates, hours, duplicates, admitted projects), then the save the page makes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models

from activities import services


def submitted(value) -> str:
    """A value as the form's field receives it from the page."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal | int | float):
        return str(value)
    return str(value)


def save_through_form(form_class, *, participant, user, recorded_by=None, **values):
    """Fill ``form_class`` for ``participant`` with ``values`` and save it as its page would;
    a value the form refuses stops the demo (it would be refused on the page too)."""
    data = {name: submitted(value) for name, value in values.items() if value is not False}
    data = {name: ("on" if values[name] is True else value) for name, value in data.items()}
    form = form_class(data=data, participant=participant)
    if recorded_by is not None:
        form.instance.recorded_by = recorded_by
    if not form.is_valid():
        raise RuntimeError(f"Demo {form_class.__name__} for {participant}: {form.errors.get_json_data()}")
    services.programme_record_save(form, user=user, created=True)
    return form.instance
