from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KisConfig(AppConfig):
    name = "kis"
    verbose_name = _("Social Integration Club")

    def ready(self):
        from kis import audit, preferences  # noqa: F401  (connect the sign-in signal receivers)
