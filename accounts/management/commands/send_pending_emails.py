"""`manage.py send_pending_emails`: send messages a killed worker left unsent (cron, every
few minutes; safe to run twice at once)."""

from django.core.management.base import BaseCommand

from accounts.mail import send_pending_emails


class Command(BaseCommand):
    help = "Send recorded emails still unsent after five minutes."

    def handle(self, *args, verbosity, **options):
        sent = send_pending_emails()
        if verbosity:
            self.stdout.write(f"Sent {sent} pending email{'s' if sent != 1 else ''}.")
