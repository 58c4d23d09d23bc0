"""``manage.py recount_attendance``: repair the attendance counters of every session and enrolment
(``activities.counters``) from the marks, and say how many were wrong."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities import counters


class Command(BaseCommand):
    @property
    def help(self):  # worded when asked, in the language of the moment
        return _(
            "Count again, from the attendance marks, each session's marks and each enrolment's run of "
            "absences and latest marked day; only the rows that differ are written. Prints how many changed."
        )

    def handle(self, *args, **options):
        sessions, enrollments = counters.recount_all()
        self.stdout.write(
            ngettext("%(count)d session corrected", "%(count)d sessions corrected", sessions) % {"count": sessions}
        )
        self.stdout.write(
            ngettext("%(count)d enrolment corrected", "%(count)d enrolments corrected", enrollments)
            % {"count": enrollments}
        )
