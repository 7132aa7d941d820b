"""`manage.py send_job_alerts --frequency daily|weekly [--processes N]`: email saved
searches' new postings.

Run daily (and weekly for weekly alerts) from cron or a systemd timer; safe to run twice at
once, and to run again after a crash part-way. `--processes 2` runs two senders side by
side, which share the work through row locks (one per core)."""

import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError

from applicants.alerts import send_alerts
from applicants.vocab import AlertFrequency


class Command(BaseCommand):
    help = "Send job alert emails for saved searches that are due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=AlertFrequency.values, default=AlertFrequency.DAILY
        )
        parser.add_argument("--processes", type=int, default=1, help="Senders side by side.")

    def handle(self, *args, frequency, processes, verbosity, **options):
        if not 1 <= processes <= 16:
            raise CommandError("--processes must be between 1 and 16.")
        command = [sys.executable, "-m", "django", "send_job_alerts", "--frequency", frequency]
        command += ["-v", str(verbosity)]
        helpers = [subprocess.Popen(command) for _ in range(processes - 1)]  # noqa: S603
        emails, told = send_alerts(frequency)
        if any([helper.wait() for helper in helpers]):  # noqa: C419 - wait for every one
            raise CommandError("A sender running beside this one failed; run again to finish.")
        if verbosity:  # each helper prints its own counts
            self.stdout.write(f"{frequency} alerts: {emails} emails, {told} postings.")
