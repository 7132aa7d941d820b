"""`manage.py demo_accounts`: the demo applicant and recruiter to sign in as (development
only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import (
    DEMO_APPLICANT_EMAIL,
    DEMO_APPLICANT_PASSWORD,
    DEMO_RECRUITER_EMAIL,
    DEMO_RECRUITER_PASSWORD,
    ensure_demo_applicant,
    ensure_demo_recruiter,
)


class Command(BaseCommand):
    help = (
        "Create or reset the demo applicant and the demo recruiter and print how to sign in "
        "(DEBUG only)."
    )

    def handle(self, *args, verbosity, **options):
        if not settings.DEBUG:
            raise CommandError("demo_accounts sets a published password: only with DEBUG=true.")
        ensure_demo_applicant()
        _, employers = ensure_demo_recruiter()
        if not verbosity:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo applicant: sign in at /accounts/login/ as {DEMO_APPLICANT_EMAIL} "
                f"with the password {DEMO_APPLICANT_PASSWORD}"
            )
        )
        at = "; ".join(employer.name for employer in employers) or "no employer yet"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo recruiter: sign in at /admin/ as {DEMO_RECRUITER_EMAIL} "
                f"with the password {DEMO_RECRUITER_PASSWORD} (recruits for {at})"
            )
        )
