"""``manage.py restore DIR [--sqlite-file PATH | --postgresql-database NAME]``: a backup of
``manage.py backup`` into an empty database and private media directory (``kis.backups``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kis import backups


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and private media directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("The directory of the backup."))
        parser.add_argument(
            "--sqlite-file",
            default=None,
            help=_("Restore into this new SQLite file instead of the configured database."),
        )
        parser.add_argument(
            "--postgresql-database",
            default=None,
            help=_("Restore into this empty PostgreSQL database instead of the configured one."),
        )

    def handle(self, *args, directory, sqlite_file=None, postgresql_database=None, **options):
        try:
            backups.restore(directory, sqlite_file=sqlite_file, postgresql_database=postgresql_database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Backup restored from %(directory)s.") % {"directory": directory})
