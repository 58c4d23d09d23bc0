from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo: ``seed_demo`` (the real clubs' programmes as data) and ``seed_scale`` (volume data
    for benchmarks). No models, no URLs; it stands right of every other app."""

    name = "demo"
    verbose_name = _("Demo data")
