"""``{% error_summary %}``: after a refused submit, the page's errors listed at the top of the page,
each a link to its field, the list focused when the page loads (static/js/kis.js).

The tag finds the forms and formsets itself among the template's context (every view puts them
there under a name of its own: ``form``, ``household``, ``tasks``…), so base.html shows the summary
on every page, including pages written later. Messages not tied to a field (a form's or a
formset's own) are listed without a link; the field's own message stays next to it, where
crispy-forms writes it and the input's ``aria-describedby`` names it.
"""

from dataclasses import dataclass

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""
    target: str = ""  # the id of the field's input, for the link


def _form_problems(form: forms.BaseForm, row: int | None = None) -> list[Problem]:
    problems = [Problem(str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        label = str(field.label or name)
        if row is not None:
            label = _("%(label)s (row %(row)d)") % {"label": label, "row": row}
        # A choice of radio buttons or check boxes has no one input its label is for: its first.
        target = "" if field.is_hidden else field.id_for_label or (field.auto_id and f"{field.auto_id}_0")
        problems += [Problem(str(message), label, target or "") for message in errors]
    return problems


def _formset_problems(formset: forms.BaseFormSet) -> list[Problem]:
    problems = [Problem(str(message)) for message in formset.non_form_errors()]
    for index, form in enumerate(formset.forms, start=1):
        problems += _form_problems(form, row=index)
    return problems


def _candidates(values):
    """The context's values, and those of its dicts and lists (``formsets`` of the project form)."""
    for value in values:
        yield value
        if isinstance(value, dict):
            yield from value.values()
        elif isinstance(value, list | tuple):
            yield from value


def page_problems(context) -> list[Problem]:
    """Every error of the bound forms and formsets in the context (or in a dict or list of it), in
    the order the view put them there."""
    problems, seen = [], set()
    for value in _candidates(context.flatten().values()):
        if id(value) in seen or not getattr(value, "is_bound", False):
            continue
        if isinstance(value, forms.BaseFormSet):
            seen.update(id(form) for form in value.forms)
            seen.add(id(value))
            problems += _formset_problems(value)
        elif isinstance(value, forms.BaseForm):
            seen.add(id(value))
            problems += _form_problems(value)
    return problems


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context, title=""):
    """``title``: what did not happen ("The contract has not been signed:"), instead of the count."""
    return {"problems": page_problems(context), "title": title}
