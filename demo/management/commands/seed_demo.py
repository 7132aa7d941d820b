"""`manage.py seed_demo --postings N`: fill the board with realistic demo employers and postings."""

import argparse
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.generator import generate
from demo.loading import insert_employers, insert_postings
from listings.models import Employer, JobPosting

MAX_POSTINGS = 1_000_000


def posting_count(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None
    if not 1 <= value <= MAX_POSTINGS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_POSTINGS:,}, not {value}")
    return value


def seed_value(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None


class Progress:
    """A one-line progress bar, redrawn in place: "Postings 4,000/10,000 [####......] 40%"."""

    WIDTH = 30

    def __init__(self, stream, total: int, *, enabled: bool):
        self.stream, self.total, self.enabled = stream, total, enabled

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = f"\rPostings {done:,}/{self.total:,} [{bar}] {100 * done // self.total}%"
        self.stream.write(line, style_func=str, ending="")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("", style_func=str)


class Command(BaseCommand):
    help = (
        "Create realistic demo employers and job postings. The same --seed gives the same "
        "data. Refuses a database that already has employers or postings unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--postings",
            type=posting_count,
            required=True,
            metavar="N",
            help="How many postings to create (about one employer per 11 postings).",
        )
        parser.add_argument("--seed", type=seed_value, default=1, help="Random seed (default 1).")
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even when the database already has employers or postings.",
        )
        existing.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the database already has data.",
        )

    def handle(self, *args, postings, seed, force, if_empty, verbosity, **options):
        if force and if_empty:
            raise CommandError("--force and --if-empty cannot be used together.")
        started = time.monotonic()
        now = timezone.now()
        with transaction.atomic():
            existing_postings = JobPosting.objects.count()
            existing_employers = Employer.objects.count()
            has_data = bool(existing_postings or existing_employers)
            if has_data and if_empty:
                if verbosity:
                    self.stdout.write(
                        f"The database already has {existing_postings:,} postings and "
                        f"{existing_employers:,} employers; --if-empty: nothing to do."
                    )
                return
            if has_data and not force:
                raise CommandError(
                    f"The database already has {existing_postings:,} postings and "
                    f"{existing_employers:,} employers; use --force to add demo data anyway, "
                    "or --if-empty to skip."
                )
            generated = generate(postings=postings, seed=seed, now=now)
            employers = [Employer(**employer.fields) for employer in generated.employers]
            insert_employers(employers)
            employer_ids = [employer.pk for employer in employers]
            progress = Progress(self.stderr, postings, enabled=verbosity >= 1)
            insert_postings(
                (
                    JobPosting(employer_id=employer_ids[index], **fields)
                    for index, fields in generated.postings
                ),
                progress=progress.update,
            )
            progress.finish()
        # Cached pages and cards of earlier data may share ids with the new rows.
        cache.clear()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {len(employers):,} employers and {postings:,} postings "
                    f"({generated.plan.open:,} open) with seed {seed} in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )
