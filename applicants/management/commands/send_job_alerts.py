"""`manage.py send_job_alerts --frequency daily|weekly`: email saved searches' new postings.

Run daily (and weekly for weekly alerts) from cron or a systemd timer; safe to run twice at
once, and to run again after a crash part-way."""

from django.core.management.base import BaseCommand

from applicants.alerts import send_alerts
from applicants.vocab import AlertFrequency


class Command(BaseCommand):
    help = "Send job alert emails for saved searches that are due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=AlertFrequency.values, default=AlertFrequency.DAILY
        )

    def handle(self, *args, frequency, verbosity, **options):
        emails, told = send_alerts(frequency)
        if verbosity:
            self.stdout.write(f"{frequency} alerts: {emails} emails, {told} postings.")
