"""The empty choice of a select in words — "— wybierz —" on a form, "— wszystkie —" on a list's
filters — instead of Django's "---------", which a screen reader reads as ten dashes.

Django writes that label in two places, used by every form: the default ``empty_label`` of
``ModelChoiceField`` (a foreign key) and the blank choice that model fields with choices start
with (``BLANK_CHOICE_DASH``, the list their ``get_choices`` adds). ``name_the_empty_choice`` gives
both the words once, when the apps are loaded; django-filter's label is a setting
(``FILTERS_EMPTY_CHOICE_LABEL``)."""

from django.utils.translation import gettext_lazy as _

CHOOSE = _("— choose —")


def name_the_empty_choice() -> None:
    from django.db.models import fields
    from django.forms import models

    fields.BLANK_CHOICE_DASH[:] = [("", CHOOSE)]
    models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = CHOOSE
