"""Recruiter invitations: who may invite whom to which employer, the invitation itself, and
the link that lets a new recruiter set a password once.

A recruiter is a staff user in the Recruiters group with a membership in one or more
employers (accounts.roles). Site staff (superusers) may invite to any employer; an employer
admin (Membership role "admin") to the employers they administer, as a recruiter or as
another employer admin; nobody else may invite. `invitable_employers()` is the one home of
that rule: the admin page, its form, the resend action and the command go through it.

The link carries a token from `InvitationTokenGenerator`: Django's password-reset token
with its own salt and lifetime (settings.INVITATION_TIMEOUT). It hashes the password and
the last sign-in, so setting the password (or any later resend, which draws a fresh
unusable password) spends every earlier link.
"""

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from accounts.mail import queue_email
from accounts.models import User
from accounts.roles import ensure_recruiters_group
from listings.links import absolute_url
from listings.models import Employer, Membership
from listings.querysets import EmployerQuerySet
from listings.vocab import MembershipRole

DEFAULT_TIMEOUT = 7 * 24 * 60 * 60  # seconds, when settings.INVITATION_TIMEOUT is not set


def invitation_timeout() -> int:
    """Seconds an invitation link works."""
    return int(getattr(settings, "INVITATION_TIMEOUT", DEFAULT_TIMEOUT))


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset tokens under another salt (neither kind opens the other's door) and
    the invitation's own lifetime. `now` fixes the clock, for tokens made "back then"."""

    key_salt = "accounts.invitations.InvitationTokenGenerator"

    def __init__(self, now: datetime.datetime | None = None) -> None:
        super().__init__()
        self.fixed_now = now

    def _now(self) -> datetime.datetime:
        # Naive UTC, as _num_seconds() counts from a naive 2001-01-01: no daylight-saving
        # change moves a link's expiry.
        now = self.fixed_now or timezone.now()
        return now.astimezone(datetime.UTC).replace(tzinfo=None)

    def check_token(self, user, token) -> bool:
        """Django's check (constant-time, SECRET_KEY_FALLBACKS honoured) against
        INVITATION_TIMEOUT instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        try:
            timestamp_b36, _ = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            expected = self._make_token_with_timestamp(user, timestamp, secret)
            if constant_time_compare(expected, token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= invitation_timeout()


class InvitationRefused(ValidationError):
    """An invitation that may not be made; the message says why, for the inviter."""


class Outcome(enum.StrEnum):
    INVITED = "invited"  # a new or not yet activated account: emailed a link to set a password
    ADDED = "added"  # an account with a password: added to employers, and told so
    ALREADY_MEMBER = "already_member"  # an account with a password, already in every employer


@dataclass(frozen=True)
class Invitation:
    user: User
    outcome: Outcome
    added: list[Employer] = field(default_factory=list)  # memberships this call created


# Who may invite ------------------------------------------------------------------------------
def invitable_employers(user: "AbstractBaseUser | AnonymousUser | None") -> EmployerQuerySet:
    """Employers `user` may invite recruiters to: every employer for an active superuser; for
    anyone else, those of Employer.objects.managed_by(user) where they are an employer admin.
    The one home of that decision."""
    managed = Employer.objects.managed_by(user)
    if user is None or user.pk is None or getattr(user, "is_superuser", False):
        return managed  # all, or none (anonymous)
    administered = Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN)
    return managed.filter(pk__in=administered.values("employer_id"))


def _check_may_invite(invited_by: User | None, employers: list[Employer]) -> None:
    """`invited_by` None is the site's operator at the shell (manage.py invite_recruiter)."""
    if invited_by is None:
        return
    ids = {employer.pk for employer in employers}
    allowed = set(invitable_employers(invited_by).filter(pk__in=ids).values_list("pk", flat=True))
    refused = [employer.name for employer in employers if employer.pk not in allowed]
    if refused:
        raise InvitationRefused(
            f"You can't invite recruiters to {', '.join(refused)}: only site staff and that "
            "employer's admins can.",
            code="not_allowed",
        )


# Inviting -------------------------------------------------------------------------------------
@transaction.atomic
def invite_recruiter(
    *,
    email: str,
    employers: Iterable[Employer],
    role: str,
    invited_by: User | None,
    now: datetime.datetime | None = None,
) -> Invitation:
    """Make `email` a recruiter at `employers` (with `role`) and tell them.

    A new address becomes a staff user in the Recruiters group with an unusable password
    and is emailed a link to set one; so is an account that never set a password (an
    earlier invitation's link stops working). An active account with a password is added
    to the employers and emailed a note, no link. Memberships it already holds keep their
    role. InvitationRefused if `invited_by` may not invite to one of the employers, or the
    account is deactivated (site staff reactivate accounts).
    """
    now = now or timezone.now()
    employers = list(employers)
    email = User.objects.normalize_email(email.strip())
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationRefused("Enter a valid email address.", code="invalid_email") from None
    if not employers:
        raise InvitationRefused("Choose at least one employer.", code="no_employer")
    if role not in MembershipRole.values:
        raise InvitationRefused(f"“{role}” is not a membership role.", code="invalid_role")
    _check_may_invite(invited_by, employers)

    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise InvitationRefused(
            "That account is deactivated: ask site staff to reactivate it.", code="inactive"
        )
    if user is None:
        user = User.objects.create_user(email=email, password=None, is_staff=True)
    elif not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(_recruiters_group())
    added = []
    for employer in employers:
        _, created = Membership.objects.get_or_create(
            user=user, employer=employer, defaults={"role": role}
        )
        if created:
            added.append(employer)

    if not user.has_usable_password():
        _send_invitation(user, invited_by=invited_by, now=now)
        return Invitation(user, Outcome.INVITED, added)
    if added:
        _send_added_note(user, added, role=role, invited_by=invited_by)
        return Invitation(user, Outcome.ADDED, added)
    return Invitation(user, Outcome.ALREADY_MEMBER)


@transaction.atomic
def resend_invitation(
    *, user: User, invited_by: User | None, now: datetime.datetime | None = None
) -> Invitation:
    """Email `user` a new link to set their password; every earlier link stops working.

    InvitationRefused if they set a password already, are deactivated, belong to no
    employer, or `invited_by` may invite to none of their employers."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise InvitationRefused(f"{user.email}: the account is deactivated.", code="inactive")
    if user.has_usable_password():
        raise InvitationRefused(
            f"{user.email} has set a password already: they sign in at the admin.",
            code="accepted",
        )
    theirs = Membership.objects.filter(user=user).values("employer_id")
    if not theirs.exists():
        raise InvitationRefused(
            f"{user.email} belongs to no employer: invite them with “Invite a recruiter”.",
            code="no_employer",
        )
    if invited_by is not None:
        if not invitable_employers(invited_by).filter(pk__in=theirs).exists():
            raise InvitationRefused(
                f"{user.email}: you can resend invitations only to your employers' recruiters.",
                code="not_allowed",
            )
    _send_invitation(user, invited_by=invited_by, now=now or timezone.now())
    return Invitation(user, Outcome.INVITED)


def _recruiters_group():
    group = ensure_recruiters_group()
    if group is None:
        raise ImproperlyConfigured("The Recruiters group's permissions are missing: run migrate.")
    return group


def _inviter_name(invited_by: User | None) -> str:
    if invited_by is None or invited_by.is_superuser:
        return "OT Jobs staff"
    if invited_by.full_name:
        return f"{invited_by.full_name} ({invited_by.email})"
    return invited_by.email


def _send_invitation(user: User, *, invited_by: User | None, now: datetime.datetime) -> None:
    user.set_unusable_password()  # a fresh one: earlier links stop working
    user.save(update_fields=["password"])
    memberships = Membership.objects.filter(user=user).select_related("employer")
    context = {
        "user": user,
        "memberships": [(m.employer.name, m.get_role_display()) for m in memberships],
        "inviter": _inviter_name(invited_by),
        "url": absolute_url(invitation_path(user, now=now)),
        "expires_at": timezone.localtime(now + datetime.timedelta(seconds=invitation_timeout())),
        "admin_url": absolute_url(reverse("admin:index")),
    }
    _queue(f"recruiter-invitation-{user.pk}-{now:%Y%m%d%H%M%S%f}", user, "invitation", context)


def _send_added_note(
    user: User, added: list[Employer], *, role: str, invited_by: User | None
) -> None:
    memberships = Membership.objects.filter(user=user, employer__in=added).order_by("pk")
    context = {
        "user": user,
        "employers": [employer.name for employer in added],
        "role": MembershipRole(role).label,
        "inviter": _inviter_name(invited_by),
        "admin_url": absolute_url(reverse("admin:index")),
    }
    # Keyed by the first new membership: a new row, so a new key, and the same note never twice.
    _queue(f"recruiter-added-{memberships[0].pk}", user, "added", context)


def _queue(key: str, user: User, template: str, context: dict) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    body = render_to_string(f"accounts/email/{template}_body.txt", context)
    queue_email(key, user.email, " ".join(subject.split()), body.strip() + "\n")


# The link ---------------------------------------------------------------------------------------
def invitation_path(user: User, *, now: datetime.datetime | None = None) -> str:
    """/accounts/invitation/<uidb64>/<token>/ for `user` as they are now (password, sign-in)."""
    return reverse(
        "accounts:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": InvitationTokenGenerator(now).make_token(user),
        },
    )


def invited_user(uidb64: str, token: str, *, lock: bool = False) -> User | None:
    """The user a link invites, if it is theirs, unexpired and unused; otherwise None (the
    same None for an unknown user, a tampered token, a used or an expired link). `lock`
    (inside a transaction) holds the user's row, so two sends of the form use it once."""
    try:
        pk = User._meta.pk.to_python(force_str(urlsafe_base64_decode(uidb64)))
        users = User.objects.select_for_update() if lock else User.objects.all()
        user = users.filter(pk=pk, is_active=True).first()
    except (TypeError, ValueError, OverflowError, ValidationError):
        return None
    if user is None or user.has_usable_password():
        return None
    return user if InvitationTokenGenerator().check_token(user, token) else None


class InvitationInvalid(Exception):
    """The link expired, was used, or was never valid."""


@transaction.atomic
def accept_invitation(*, uidb64: str, token: str, password: str) -> User:
    """Set the invited user's password (spending the link) and mark their email address
    verified and primary for allauth. InvitationInvalid if the link no longer works."""
    user = invited_user(uidb64, token, lock=True)
    if user is None:
        raise InvitationInvalid
    user.set_password(password)
    user.save(update_fields=["password"])
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email.lower())
    EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
        primary=False
    )
    address.primary = True
    # Another account's verified copy of the address (allauth's unique_verified_email) would
    # make this fail: leave it unverified then; the admin's sign-in does not ask.
    address.verified = address.can_set_verified()
    address.save()
    return user
