"""``manage.py anonymise_expired [--dry-run] [--date YYYY-MM-DD]``: anonymise the people whose
projects' retention periods have all passed (``reports.retention``), in one transaction."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contracts.exceptions import ContractError
from reports import retention


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Give the date as YYYY-MM-DD.")) from None


class Command(BaseCommand):
    @property
    def help(self):  # worded when asked, in the language of the moment
        return _(
            "Anonymise the personal data of every person all of whose project participations are in projects "
            "whose retention date has passed and none of which is on legal hold; the figures of the reports stay "
            "the same. People with no participation in any project, and people with a social contract in force "
            "or an open programme, are not touched. Prints the number of people per project."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Only count the people who would be anonymised; change nothing.")
        )
        parser.add_argument(
            "--date", type=day, default=None, help=_("The day to judge the retention dates on (default: today).")
        )

    def handle(self, *args, dry_run: bool = False, date: datetime.date | None = None, **options):
        on = date or timezone.localdate()
        try:
            outcome = retention.anonymise_expired(on=on, dry_run=dry_run)
        except ContractError as error:
            raise CommandError(str(error)) from None
        for project, count in retention.projects_counted(outcome):
            if dry_run:
                line = ngettext(
                    "%(code)s: %(count)d person would be anonymised",
                    "%(code)s: %(count)d people would be anonymised",
                    count,
                )
            else:
                line = ngettext("%(code)s: %(count)d person anonymised", "%(code)s: %(count)d people anonymised", count)
            self.stdout.write(line % {"code": project.code, "count": count})
        total = len(outcome.people)
        if dry_run:
            summary = ngettext(
                "In all: %(count)d person would be anonymised (dry run: nothing was changed).",
                "In all: %(count)d people would be anonymised (dry run: nothing was changed).",
                total,
            )
        else:
            summary = ngettext("In all: %(count)d person anonymised.", "In all: %(count)d people anonymised.", total)
        self.stdout.write(summary % {"count": total})
