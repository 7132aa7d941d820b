"""`manage.py retire_postings [--dry-run]`: the daily ghost-job and expiry run.

In order: ask recruiters to confirm postings unconfirmed for 30 days, close those
unconfirmed for 45 days (telling their recruiters), close expired postings, and remind
recruiters of postings that expire within a week (`listings.lifecycle`; the periods are
`listings.querysets.CONFIRM_FLAG_AFTER`, `CONFIRM_CLOSE_AFTER` and `EXPIRY_NOTICE`).
Run it daily from cron or a systemd timer; safe to run twice at once, and again after a
crash part-way.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from listings import lifecycle
from listings.querysets import CONFIRM_CLOSE_AFTER, CONFIRM_FLAG_AFTER, EXPIRY_NOTICE

# Each step: its function in listings.lifecycle, what its postings are, the emails it sends.
STEPS = (
    ("flag_unconfirmed", "{n} {postings} {need} confirmation", "still open?"),
    ("retire_unconfirmed", "{n} {postings} {would}closed as unconfirmed", "closed"),
    ("expire_postings", "{n} {postings} {would}closed as expired", ""),
    ("remind_expiring", "{n} {postings} {expire} within a week", "expiry reminder"),
)


class Command(BaseCommand):
    help = (
        f"Ask recruiters to confirm postings unconfirmed for {CONFIRM_FLAG_AFTER.days} days, "
        f"close postings unconfirmed for {CONFIRM_CLOSE_AFTER.days} days and expired ones, "
        f"and remind recruiters {EXPIRY_NOTICE.days} days before expiry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be done (postings and emails) and change nothing.",
        )

    def handle(self, *args, dry_run, verbosity, **options):
        now = timezone.now()
        would = "would be " if dry_run else ""
        for name, done, email in STEPS:
            outcome = getattr(lifecycle, name)(now=now, dry_run=dry_run)
            if not verbosity:
                continue
            n = len(outcome.postings)
            line = done.format(
                n=n,
                postings="posting" if n == 1 else "postings",
                need="needs" if n == 1 else "need",
                expire="expires" if n == 1 else "expire",
                would=would,
            )
            if email:
                sent = outcome.emails
                line += f"; {sent} {email} email{'s' if sent != 1 else ''} {would}queued"
            if outcome.other:
                line += f"; {len(outcome.other)} more {would}closed as expired (expired first)"
            self.stdout.write(line + ".")
            if dry_run or verbosity > 1:
                for item in [*outcome.postings, *outcome.other]:
                    self.stdout.write(f"  {item}")
