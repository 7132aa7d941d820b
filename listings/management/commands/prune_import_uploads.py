"""`manage.py prune_import_uploads`: delete uploaded spreadsheets whose import was previewed
but never confirmed (run it daily, e.g. cron). A confirmed import deletes its own file."""

import datetime

from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.utils import timezone

from listings.spreadsheets import UPLOAD_FOLDER as FOLDER


class Command(BaseCommand):
    help = "Delete previewed import uploads older than --hours (default 24) from private storage."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours: int, verbosity: int, **options):
        storage = storages["private"]
        cutoff = timezone.now() - datetime.timedelta(hours=hours)
        deleted = 0
        if storage.exists(FOLDER):
            for name in storage.listdir(FOLDER)[1]:
                path = f"{FOLDER}/{name}"
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
                    deleted += 1
        if verbosity:
            self.stdout.write(f"Deleted {deleted} import upload(s) older than {hours} hours.")
