"""`manage.py invite_recruiter EMAIL --employer SLUG [--employer SLUG] [--role ROLE]`: invite a
recruiter from the shell, as site staff (or, with --invited-by, as that user, under the
rules the admin page follows)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.invitations import InvitationRefused, Outcome, invitation_timeout, invite_recruiter
from accounts.models import User
from listings.models import Employer
from listings.vocab import MembershipRole


class Command(BaseCommand):
    help = "Invite a recruiter by email to one or more employers (named by slug)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--employer",
            dest="employers",
            action="append",
            required=True,
            metavar="SLUG",
            help="An employer's slug; repeat for several.",
        )
        parser.add_argument(
            "--role", choices=MembershipRole.values, default=MembershipRole.RECRUITER.value
        )
        parser.add_argument(
            "--invited-by",
            metavar="EMAIL",
            help="Invite as this user (their name goes in the email; their rights apply). "
            "Without it the invitation comes from site staff.",
        )

    def handle(self, *args, email, employers, role, invited_by, verbosity, **options):
        slugs = list(dict.fromkeys(employers))
        found = {employer.slug: employer for employer in Employer.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise CommandError(f"No employer with the slug {', '.join(map(repr, unknown))}.")
        inviter = None
        if invited_by:
            inviter = User.objects.filter(email__iexact=invited_by, is_active=True).first()
            if inviter is None:
                raise CommandError(f"No active user {invited_by!r}.")
        try:
            invitation = invite_recruiter(
                email=email,
                employers=[found[slug] for slug in slugs],
                role=role,
                invited_by=inviter,
            )
        except InvitationRefused as refused:
            raise CommandError(refused.message) from None
        if verbosity:
            self.stdout.write(_report(invitation.outcome, invitation.user.email))


def _report(outcome: Outcome, email: str) -> str:
    if outcome == Outcome.INVITED:
        days = invitation_timeout() / 86_400
        return f"Invited {email}: a link to set a password (valid {days:g} days) is on its way."
    if outcome == Outcome.ADDED:
        return f"{email} has an account already: added to the employers and emailed a note."
    return f"{email} is already a member of every employer named: nothing was sent."
