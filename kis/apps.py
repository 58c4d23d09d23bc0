"""Configuration of the project's core app: what is set up once the apps are loaded."""

import sys

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class KisConfig(AppConfig):
    name = "kis"
    verbose_name = _("Social Integration Club")

    def ready(self):
        # accounts, audit and preferences connect the sign-in signal receivers (accounts' marks the
        # session renewed: connected here, not when the middleware is first loaded, so that a
        # sign-in before the first request of a process counts too).
        from kis import accounts, audit, blank, bounds, collation, converters, figures, preferences  # noqa: F401

        # Before any URL configuration is read, and before any form checks a submitted id.
        converters.register()
        connection_created.connect(collation.register, dispatch_uid="kis-polish-collation")
        figures.connect()
        bounds.bound_model_choice_fields()
        blank.name_the_empty_choice()
        if sys.argv[1:2] == ["db_worker"]:
            # The task worker makes the large documents: ready to lay out a PDF from the start.
            from kis import pdf

            pdf.warm_up()
