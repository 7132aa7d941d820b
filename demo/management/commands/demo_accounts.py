"""`manage.py demo_accounts`: the demo applicant to sign in as (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_APPLICANT_EMAIL, DEMO_APPLICANT_PASSWORD, ensure_demo_applicant


class Command(BaseCommand):
    help = "Create or reset the demo applicant and print how to sign in (DEBUG only)."

    def handle(self, *args, verbosity, **options):
        if not settings.DEBUG:
            raise CommandError("demo_accounts sets a published password: only with DEBUG=true.")
        ensure_demo_applicant()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo applicant: sign in at /accounts/login/ as {DEMO_APPLICANT_EMAIL} "
                    f"with the password {DEMO_APPLICANT_PASSWORD}"
                )
            )
