"""``manage.py backup DIR``: a consistent copy of the database and the private media (``kis.backups``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kis import backups


class Command(BaseCommand):
    help = "Copy the database (SQLite online backup or pg_dump) and the private media into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("A new directory for the backup."))

    def handle(self, *args, directory, **options):
        try:
            target = backups.backup(directory)
        except (FileExistsError, backups.BackupError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Backup written to %(directory)s.") % {"directory": target})
