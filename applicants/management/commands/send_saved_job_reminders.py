"""`manage.py send_saved_job_reminders`: tell applicants a saved job closes within 3 days.

Run daily; safe to run twice at once (each saved job is reminded once)."""

from django.core.management.base import BaseCommand

from applicants.alerts import send_reminders


class Command(BaseCommand):
    help = "Email reminders for saved jobs that close within three days."

    def handle(self, *args, verbosity, **options):
        sent = send_reminders()
        if verbosity:
            self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
