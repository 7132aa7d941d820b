"""`manage.py seed_demo --postings N [--applicants M]`: fill the board with realistic demo
employers, postings and applicants (with profiles, resumes and applications)."""

import argparse
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.applicants import (
    applicant_count,
    demo_applicant_password_hash,
    files_removed_on_failure,
    insert_applicants,
    next_applicant_number,
    open_on_site_postings,
)
from demo.generator import generate
from demo.generator.applicants import generate_applicants
from demo.generator.applications import plan_applications
from demo.loading import insert_employers, insert_postings
from listings.models import Employer, JobPosting

MAX_POSTINGS = 1_000_000
MAX_APPLICANTS = 200_000
POSTINGS_PER_APPLICANT = 10
MIN_APPLICANTS = 5  # by default, however few the postings


def bounded_count(most: int):
    def count(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None
        if not 0 <= value <= most:
            raise argparse.ArgumentTypeError(f"must be between 0 and {most:,}, not {value}")
        return value

    return count


posting_count = bounded_count(MAX_POSTINGS)
applicant_count_argument = bounded_count(MAX_APPLICANTS)


def default_applicants(postings: int) -> int:
    """About one applicant for every ten postings, and a handful on a small board."""
    return max(MIN_APPLICANTS, postings // POSTINGS_PER_APPLICANT)


def seed_value(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None


class Progress:
    """A one-line progress bar, redrawn in place: "Postings 4,000/10,000 [####......] 40%"."""

    WIDTH = 30

    def __init__(self, stream, total: int, *, enabled: bool, label: str = "Postings"):
        self.stream, self.total, self.enabled, self.label = stream, total, enabled, label

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = f"\r{self.label} {done:,}/{self.total:,} [{bar}] {100 * done // self.total}%"
        self.stream.write(line, style_func=str, ending="")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("", style_func=str)


class Command(BaseCommand):
    help = (
        "Create realistic demo employers, job postings and applicants (verified accounts with "
        "credential profiles, a few hundred PDF resumes, and applications to open postings). "
        "The same --seed gives the same data. Refuses a database that already has employers, "
        "postings or applicants unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--postings",
            type=posting_count,
            required=True,
            metavar="N",
            help="How many postings to create (about one employer per 11 postings); 0 adds "
            "only applicants, who apply to the postings already there.",
        )
        parser.add_argument(
            "--applicants",
            type=applicant_count_argument,
            metavar="N",
            help=f"How many applicants to create (default: one per {POSTINGS_PER_APPLICANT} "
            f"postings, at least {MIN_APPLICANTS}). They all sign in with the published demo "
            "password, so only with DEBUG=true.",
        )
        parser.add_argument("--seed", type=seed_value, default=1, help="Random seed (default 1).")
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even when the database already has employers, postings or "
            "applicants.",
        )
        existing.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the database already has data.",
        )

    def handle(self, *args, postings, applicants, seed, force, if_empty, verbosity, **options):
        if force and if_empty:
            raise CommandError("--force and --if-empty cannot be used together.")
        if applicants is None:
            applicants = default_applicants(postings) if postings else 0
        if not postings and not applicants:
            raise CommandError("Nothing to create: --postings 0 needs --applicants N (N > 0).")
        if applicants and not settings.DEBUG:
            raise CommandError(
                "Demo applicants sign in with a published password: only with DEBUG=true "
                "(or --applicants 0)."
            )
        started = time.monotonic()
        now = timezone.now()
        with files_removed_on_failure() as stored_files, transaction.atomic():
            existing_postings = JobPosting.objects.count()
            existing_employers = Employer.objects.count()
            existing_applicants = applicant_count()
            has_data = bool(existing_postings or existing_employers or existing_applicants)
            existing = (
                f"The database already has {existing_postings:,} postings, "
                f"{existing_employers:,} employers and {existing_applicants:,} applicants"
            )
            if has_data and if_empty:
                if verbosity:
                    self.stdout.write(f"{existing}; --if-empty: nothing to do.")
                return
            if has_data and not force:
                raise CommandError(
                    f"{existing}; use --force to add demo data anyway, or --if-empty to skip."
                )
            created = []
            if postings:
                created.append(self._postings(postings, seed, now, verbosity))
            if applicants:
                created.append(self._applicants(applicants, seed, now, stored_files, verbosity))
        # Cached pages and cards of earlier data may share ids with the new rows.
        cache.clear()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {', '.join(created)} with seed {seed} in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )

    def _postings(self, postings: int, seed: int, now, verbosity: int) -> str:
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
        return (
            f"{len(employers):,} employers and {postings:,} postings ({generated.plan.open:,} open)"
        )

    def _applicants(
        self, count: int, seed: int, now, stored_files: list[str], verbosity: int
    ) -> str:
        """Applicants who apply to the open on-site postings the database now has."""
        people = generate_applicants(
            count=count,
            seed=seed,
            now=now,
            today=timezone.localdate(now),
            first_number=next_applicant_number(),
        )
        plan_applications(people, open_on_site_postings(now), seed=seed, now=now)
        progress = Progress(self.stderr, count, enabled=verbosity >= 1, label="Applicants")
        loaded = insert_applicants(
            people,
            password_hash=demo_applicant_password_hash(),
            stored_files=stored_files,
            progress=progress.update,
        )
        progress.finish()
        return (
            f"{loaded.applicants:,} applicants with {loaded.applications:,} applications and "
            f"{loaded.resume_files:,} resume files"
        )
