"""`manage.py prune_catalogue_changes`: keep the change log small (run it daily, e.g. cron)."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Max

from listings.models import CatalogueChange
from listings.search.catalogue import MAX_INCREMENTAL

KEEP = 10 * MAX_INCREMENTAL  # a process this far behind rebuilds its index anyway


class Command(BaseCommand):
    help = (
        "Delete catalogue changes no search index still needs: all but each posting's last "
        f"change, once more than {KEEP:,} newer changes follow them. Each posting keeps its "
        "last change, the stamp its cached cards are keyed by."
    )

    def handle(self, *args, verbosity, **options):
        last = CatalogueChange.objects.aggregate(last=Max("id"))["last"] or 0
        cutoff = last - KEEP
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM listings_cataloguechange AS old WHERE old.id < %s AND ("
                "old.posting_id IS NULL OR EXISTS (SELECT 1 FROM listings_cataloguechange AS new "
                "WHERE new.posting_id = old.posting_id AND new.id > old.id))",
                [cutoff],
            )
            deleted = cursor.rowcount
        if verbosity:
            self.stdout.write(
                f"Deleted {deleted:,} catalogue changes older than change {cutoff:,}."
            )
