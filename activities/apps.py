from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        # The programme counts the support recorded since a participation's start (its receiver).
        from activities import services  # noqa: F401
