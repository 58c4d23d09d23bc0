"""``as_filter_field``: a filter form's field as crispy-forms renders it (``as_crispy_field``), from a
template of the one branch a list's filter needs — a label, the input or select, its errors and
help — in less time than crispy's template of every kind of field. A field of another kind (a
checkbox, radio buttons, a file, several inputs), or of a form with a crispy helper, is rendered by
crispy itself."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.template.loader import get_template

register = template.Library()

OTHER_KINDS = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
    forms.MultiWidget,
)


@register.filter
def as_filter_field(field):
    if field.is_hidden or isinstance(field.field.widget, OTHER_KINDS) or hasattr(field.form, "helper"):
        return as_crispy_field(field)
    context = {"field": field, "form_show_errors": True, "form_show_labels": True}
    return get_template("includes/filter_field.html").render(context)
