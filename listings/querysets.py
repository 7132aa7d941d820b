"""Reads of postings and employers, named for what they mean.

"Open" lives here, once: `open_condition()` in SQL and `closing_time()`/`is_open()` in
Python say the same thing, and every public page, feed, sitemap and admin count uses them
(the search index computes each posting's closing time with `closing_time()` too).
"""

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone

from listings.vocab import PostingStatus

# Honest postings: how long a published posting goes without its employer confirming that
# the job is still open before its recruiters are asked (flagged), and before it is closed
# as unconfirmed (seekers stop seeing it at the end of that day: `closing_time`); and how
# long before expiry they are reminded. Whole days in the site's time zone.
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


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def confirmation_day(
    last_confirmed_open: datetime.date | None, published_at: datetime.datetime | None
) -> datetime.date | None:
    """The day a posting was last confirmed open. A published posting never confirmed
    (`last_confirmed_open` empty: data from before `publish()` stamped it) counts as
    confirmed on its publication day, in the site's time zone; `open_condition()` reads it
    the same way."""
    if last_confirmed_open is not None:
        return last_confirmed_open
    return timezone.localdate(published_at) if published_at is not None else None


def closing_time(
    expires_at: datetime.datetime,
    apply_by: datetime.date | None,
    confirmed: datetime.date | None = None,
) -> datetime.datetime:
    """When a published posting stops being open: at its expiry, at the end of its apply-by
    day, or at the end of the day CONFIRM_CLOSE_AFTER after its last confirmation
    (`confirmation_day()`), whichever comes first; days end in the site's time zone."""
    closes = expires_at
    if apply_by is not None:
        closes = min(closes, start_of_day(apply_by + datetime.timedelta(days=1)))
    if confirmed is not None:
        last_day = confirmed + CONFIRM_CLOSE_AFTER
        closes = min(closes, start_of_day(last_day + datetime.timedelta(days=1)))
    return closes


def is_open(
    status: str,
    published_at: datetime.datetime | None,
    expires_at: datetime.datetime | None,
    apply_by: datetime.date | None,
    last_confirmed_open: datetime.date | None,
    now: datetime.datetime,
) -> bool:
    """The Python reading of `open_condition()`."""
    if status != PostingStatus.PUBLISHED or published_at is None or expires_at is None:
        return False
    confirmed = confirmation_day(last_confirmed_open, published_at)
    return published_at <= now < closing_time(expires_at, apply_by, confirmed)


def open_condition(now: datetime.datetime | None = None, *, prefix: str = "") -> Q:
    """Open: published, already live, not expired, not past its apply-by date, and
    confirmed open by its employer within CONFIRM_CLOSE_AFTER (`closing_time()`).

    `prefix` reaches postings through a relation (`prefix="postings__"` from employers).
    """
    now = now or timezone.now()
    today = _day(now)
    return (
        Q(
            **{
                f"{prefix}status": PostingStatus.PUBLISHED,
                f"{prefix}published_at__lte": now,
                f"{prefix}expires_at__gt": now,
            }
        )
        & (Q(**{f"{prefix}apply_by__isnull": True}) | Q(**{f"{prefix}apply_by__gte": today}))
        & confirmed_since(today - CONFIRM_CLOSE_AFTER, prefix=prefix)
    )


def confirmed_since(day: datetime.date, *, prefix: str = "") -> Q:
    """Last confirmed open on `day` or later (`confirmation_day()` in SQL; index-friendly:
    no function of a column)."""
    return Q(**{f"{prefix}last_confirmed_open__gte": day}) | Q(
        **{
            f"{prefix}last_confirmed_open__isnull": True,
            f"{prefix}published_at__gte": start_of_day(day),
        }
    )


def confirmed_by(day: datetime.date, *, prefix: str = "") -> Q:
    """Last confirmed open on `day` or earlier: the negation of `confirmed_since(day + 1)`
    for published postings."""
    return Q(**{f"{prefix}last_confirmed_open__lte": day}) | Q(
        **{
            f"{prefix}last_confirmed_open__isnull": True,
            f"{prefix}published_at__lt": start_of_day(day + datetime.timedelta(days=1)),
        }
    )


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
        today = _day(now)
        return (
            self.filter(status=PostingStatus.PUBLISHED, expires_at__gt=now)
            .exclude(apply_by__lt=today)
            .filter(confirmed_since(today - CONFIRM_CLOSE_AFTER))
        )

    def managed_by(self, user: "AbstractBaseUser | AnonymousUser | None") -> "JobPostingQuerySet":
        """Postings `user` may manage, in any status: those of Employer.objects.managed_by(user).

        With EmployerQuerySet.managed_by, the one home of "who may manage employer data":
        every admin, view, download and task decision about a posting goes through it.
        """
        return _managed_by(self, user, employer_id="employer_id")

    def closing_by(
        self, moment: datetime.datetime, now: datetime.datetime | None = None
    ) -> "JobPostingQuerySet":
        """Open now and, by the clock alone (expiry, apply-by, confirmation), no longer open
        at `moment`: what seekers who saved them should hear about."""
        return self.open(now).exclude(open_condition(moment))

    def needs_confirmation(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Open postings whose employer last confirmed them CONFIRM_FLAG_AFTER days ago or
        more (`confirmation_day()`: never confirmed counts from the publication day)."""
        now = now or timezone.now()
        return self.open(now).filter(confirmed_by(_day(now) - CONFIRM_FLAG_AFTER))

    def unconfirmed(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Published postings last confirmed CONFIRM_CLOSE_AFTER days ago or more: closed as
        unconfirmed (`listings.lifecycle.retire_unconfirmed`). Seekers stop seeing them at
        the end of that day whether or not they have been closed yet (`open_condition`)."""
        now = now or timezone.now()
        return self.filter(
            confirmed_by(_day(now) - CONFIRM_CLOSE_AFTER), status=PostingStatus.PUBLISHED
        )

    def expiring_soon(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Open postings that expire within EXPIRY_NOTICE."""
        now = now or timezone.now()
        return self.open(now).filter(expires_at__lte=now + EXPIRY_NOTICE)

    def expired(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Published postings past their expiry, not yet closed (`expire_postings`)."""
        now = now or timezone.now()
        return self.filter(status=PostingStatus.PUBLISHED, expires_at__lte=now)

    def for_employer(self, employer) -> "JobPostingQuerySet":
        return self.filter(employer=employer)

    def with_employer(self) -> "JobPostingQuerySet":
        return self.select_related("employer")
