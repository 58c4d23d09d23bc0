from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        # The programme counts the support recorded since a participation's start, and lists the
        # support received on its certificate (their receivers).
        from activities import certificates, services  # noqa: F401
