"""``manage.py prune_documents``: delete the documents made in the background (kis.background) that
are older than ``KIS_DOCUMENT_KEEP_DAYS`` days (or ``--days``), files and all. They hold personal
data and can be made again at any time; run it daily (docs/DEPLOY.md), next to
``prune_db_task_results`` for the task queue."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kis.models import GeneratedDocument


class Command(BaseCommand):
    help = "Delete documents made in the background that are older than KIS_DOCUMENT_KEEP_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Keep the documents of this many days.")

    def handle(self, *args, days=None, **options):
        days = settings.KIS_DOCUMENT_KEEP_DAYS if days is None else days
        old = GeneratedDocument.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=days))
        pruned = 0
        for document in old.iterator():
            if document.file:
                document.file.delete(save=False)
            document.delete()
            pruned += 1
        self.stdout.write(f"{pruned} documents older than {days} days deleted.")
