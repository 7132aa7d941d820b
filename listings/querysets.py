"""Reads of postings and employers, named for what they mean.

"Open" lives here, once: `open_condition()` in SQL and `closing_time()`/`is_open()` in
Python say the same thing, and every public page, feed, sitemap and admin count uses them.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone

from listings.vocab import PostingStatus

# Honest postings: how long a published posting goes without its employer confirming that
# the job is still open before its recruiters are asked (flagged), and before it is closed
# as unconfirmed; and how long before expiry they are reminded.
CONFIRM_FLAG_AFTER = datetime.timedelta(days=30)
CONFIRM_CLOSE_AFTER = datetime.timedelta(days=45)
EXPIRY_NOTICE = datetime.timedelta(days=7)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def _managed_by[QS: models.QuerySet](
    queryset: QS, user: "AbstractBaseUser | AnonymousUser | None", *, employer_id: str
) -> QS:
    """`queryset` narrowed to the rows of the employers `user` may manage.

    The rule behind both managed_by methods, written once so they cannot drift apart:
    active superusers manage everything; anonymous, inactive or missing users nothing;
    everyone else the employers they hold a membership in (any role). Memberships are
    matched through an `IN (subquery)`, never a join, so no row comes back twice.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if getattr(user, "is_superuser", False):
        return queryset.all()
    from listings.models import Membership  # the models build on this module

    employers = Membership.objects.filter(user_id=user.pk).values("employer_id")
    return queryset.filter(**{f"{employer_id}__in": employers})


class EmployerQuerySet(models.QuerySet):
    def managed_by(self, user: "AbstractBaseUser | AnonymousUser | None") -> "EmployerQuerySet":
        """Employers whose data `user` may manage: the one home of that decision.

        Every admin, view, download and task that touches employer data goes through
        this method (or JobPostingQuerySet.managed_by), never a rule of its own. Active
        superusers: every employer; anonymous, inactive or None users: none; everyone
        else: the employers they hold a membership in, whatever its role.
        """
        return _managed_by(self, user, employer_id="id")


def closing_time(expires_at: datetime.datetime, apply_by: datetime.date | None):
    """When a published posting stops being open: at its expiry, or at the end of its
    apply-by day in the site's time zone, whichever comes first."""
    if apply_by is None:
        return expires_at
    day_after = datetime.datetime.combine(apply_by + datetime.timedelta(days=1), datetime.time())
    return min(expires_at, timezone.make_aware(day_after))


def is_open(
    status: str,
    published_at: datetime.datetime | None,
    expires_at: datetime.datetime | None,
    apply_by: datetime.date | None,
    now: datetime.datetime,
) -> bool:
    """The Python reading of `open_condition()`."""
    return (
        status == PostingStatus.PUBLISHED
        and published_at is not None
        and expires_at is not None
        and published_at <= now < closing_time(expires_at, apply_by)
    )


def open_condition(now: datetime.datetime | None = None, *, prefix: str = "") -> Q:
    """Open: published, already live, not expired, and not past its apply-by date.

    `prefix` reaches postings through a relation (`prefix="postings__"` from employers).
    """
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status": PostingStatus.PUBLISHED,
            f"{prefix}published_at__lte": now,
            f"{prefix}expires_at__gt": now,
        }
    ) & (Q(**{f"{prefix}apply_by__isnull": True}) | Q(**{f"{prefix}apply_by__gte": _day(now)}))


def _day(now: datetime.datetime) -> datetime.date:
    return timezone.localdate(now)


class JobPostingQuerySet(models.QuerySet):
    def open(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Postings a job seeker may see. Every public page, feed and sitemap starts here."""
        return self.filter(open_condition(now))

    def listable(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Published postings not yet closed, *including scheduled ones* (published for a
        time still to come). The search index reads these rather than `open()`, and
        compares each one's publication and closing times with the clock at every search,
        so that a scheduled posting goes live at its time without anyone rebuilding."""
        now = now or timezone.now()
        return self.filter(status=PostingStatus.PUBLISHED, expires_at__gt=now).exclude(
            apply_by__lt=_day(now)
        )

    def managed_by(self, user: "AbstractBaseUser | AnonymousUser | None") -> "JobPostingQuerySet":
        """Postings `user` may manage, in any status: those of Employer.objects.managed_by(user).

        With EmployerQuerySet.managed_by, the one home of "who may manage employer data":
        every admin, view, download and task decision about a posting goes through it.
        """
        return _managed_by(self, user, employer_id="employer_id")

    def needs_confirmation(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Open postings whose employer last confirmed them CONFIRM_FLAG_AFTER ago or more."""
        now = now or timezone.now()
        return self.open(now).filter(last_confirmed_open__lte=_day(now - CONFIRM_FLAG_AFTER))

    def expiring_soon(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Open postings that expire within EXPIRY_NOTICE."""
        now = now or timezone.now()
        return self.open(now).filter(expires_at__lte=now + EXPIRY_NOTICE)

    def for_employer(self, employer) -> "JobPostingQuerySet":
        return self.filter(employer=employer)

    def with_employer(self) -> "JobPostingQuerySet":
        return self.select_related("employer")
