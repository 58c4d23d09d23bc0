from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsefulWorkConfig(AppConfig):
    name = "usefulwork"
    verbose_name = _("Socially useful work")

    def ready(self):
        from usefulwork import background  # noqa: F401 - registers the settlement list of an organisation
