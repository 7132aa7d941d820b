"""Postings over time: ghost-job controls and expiry, run daily by `manage.py retire_postings`.

- `flag_unconfirmed`: recruiters are asked to confirm open postings that nobody has
  confirmed for CONFIRM_FLAG_AFTER days: one email per recruiter naming all of theirs
  (a posting never confirmed counts from its publication day: `confirmation_day()`).
- `retire_unconfirmed`: postings unconfirmed for CONFIRM_CLOSE_AFTER days are closed as
  unconfirmed, and their recruiters told. Seekers stop seeing them at the end of that day
  anyway (`listings.querysets.open_condition`): closing them records why.
- `expire_postings`: published postings past their expiry are closed as expired.
- `remind_expiring`: EXPIRY_NOTICE before a posting expires, each of its recruiters gets
  one email about it (per expiry date: an extension re-arms the reminder).

Safe to run twice at once: postings are closed by batch under their row locks (locked
rows are skipped, and the UPDATE keeps the `status='published'` condition), with their
emails queued in the same transaction; every email has a key (`accounts.mail.queue_email`)
that names what it tells of, so a second run finds it queued and sends nothing. Reads are
a few queries a run whatever the number of postings (no query per posting or recruiter).
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_email, queue_emails
from accounts.models import OutgoingEmail
from listings.links import absolute_url
from listings.models import JobPosting, Membership
from listings.querysets import (
    CONFIRM_CLOSE_AFTER,
    CONFIRM_FLAG_AFTER,
    EXPIRY_NOTICE,
    closing_time,
    confirmation_day,
    confirmed_since,
)
from listings.vocab import ClosedReason, PostingStatus

BATCH = 1000  # postings closed in one transaction
EMAIL_BATCH = 500  # emails recorded in one statement
ONE_DAY = datetime.timedelta(days=1)
NEEDS_CONFIRMATION = "confirmation=needed"  # the postings changelist's filter (admin)
EXPIRING_SOON = "expiring=soon"


@dataclass(frozen=True)
class Item:
    """A posting as the emails and the command's report name it."""

    id: int
    title: str
    employer_id: int
    employer: str
    city: str
    state: str
    confirmed: datetime.date | None  # `confirmation_day()`
    expires_at: datetime.datetime | None

    @property
    def change_url(self) -> str:
        return absolute_url(reverse("admin:listings_jobposting_change", args=[self.id]))

    @property
    def confirmation_lapses(self) -> datetime.date | None:
        """The last day seekers see it unless it is confirmed again."""
        return self.confirmed + CONFIRM_CLOSE_AFTER if self.confirmed else None

    def __str__(self) -> str:
        return f"#{self.id} {self.title} ({self.employer}, {self.city}, {self.state})"


@dataclass
class Outcome:
    """What one step did (or, in a dry run, would do)."""

    postings: list[Item] = field(default_factory=list)
    emails: int = 0
    other: list[Item] = field(default_factory=list)  # closed for another reason (expired)


@dataclass(frozen=True)
class Recruiter:
    id: int
    email: str
    name: str


# The four steps ------------------------------------------------------------------------------
def flag_unconfirmed(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Outcome:
    """Ask the recruiters of every open posting last confirmed CONFIRM_FLAG_AFTER days ago
    or more (and not yet due for retirement) to confirm it: one email per recruiter naming
    all of their postings. The email's key is the set of (posting, confirmation day) it
    names: the same postings in the same confirmation periods are never told twice, however
    many runs; a recruiter hears again when that set changes (another posting falls due, or
    some are confirmed or closed while others still wait)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    postings = _items(
        JobPosting.objects.needs_confirmation(now).filter(
            confirmed_since(today - CONFIRM_CLOSE_AFTER + ONE_DAY)
        )
    )
    emails = [
        _email(
            recruiter,
            key=f"postings-unconfirmed-{recruiter.id}-{_digest(items)}",
            template="confirm_needed",
            context={
                "postings": items,
                "flag_days": CONFIRM_FLAG_AFTER.days,
                "close_days": CONFIRM_CLOSE_AFTER.days,
                "changelist_url": _changelist_url(NEEDS_CONFIRMATION),
            },
        )
        for recruiter, items in _by_recruiter(postings).items()
    ]
    return Outcome(postings, _queue_once(emails, dry_run=dry_run))


def retire_unconfirmed(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Outcome:
    """Close every published posting last confirmed CONFIRM_CLOSE_AFTER days ago or more
    (reason: unconfirmed), and tell each recruiter of theirs in one email. One that had
    expired before its confirmation lapsed (a run missed) is closed as expired, untold."""
    now = now or timezone.now()

    def reason(item: Item) -> ClosedReason:
        return ClosedReason.EXPIRED if _expired_first(item, now) else ClosedReason.UNCONFIRMED

    return _close(
        JobPosting.objects.unconfirmed(now),
        reason,
        ClosedReason.UNCONFIRMED,
        now=now,
        dry_run=dry_run,
        template="retired_unconfirmed",
    )


def expire_postings(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Outcome:
    """Close every published posting past its expiry (reason: expired). Its recruiters were
    reminded EXPIRY_NOTICE before (`remind_expiring`); closing it sends nothing."""
    now = now or timezone.now()
    return _close(
        JobPosting.objects.expired(now),
        lambda item: ClosedReason.EXPIRED,
        ClosedReason.EXPIRED,
        now=now,
        dry_run=dry_run,
    )


def _expired_first(item: Item, now: datetime.datetime) -> bool:
    """Whether the posting had expired by `now`, before its confirmation lapsed."""
    if item.expires_at is None or item.expires_at > now:
        return False
    if item.confirmed is None:  # published postings always have a confirmation day
        return True
    return closing_time(item.expires_at, None, item.confirmed) == item.expires_at


def remind_expiring(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Outcome:
    """Tell the recruiters of every open posting that expires within EXPIRY_NOTICE, one
    email per posting and expiry date (extending it re-arms the reminder)."""
    now = now or timezone.now()
    postings = _items(JobPosting.objects.expiring_soon(now))
    recruiters = _recruiters({item.employer_id for item in postings})
    emails = [
        _email(
            recruiter,
            key=f"posting-{item.id}-expires-{_local_day(item.expires_at)}-to-{recruiter.id}",
            template="expiring",
            context={"posting": item, "notice_days": EXPIRY_NOTICE.days},
        )
        for item in postings
        for recruiter in recruiters.get(item.employer_id, ())
    ]
    return Outcome(postings, _queue_once(emails, dry_run=dry_run))


# Closing ------------------------------------------------------------------------------------
def _close(
    due,
    reason_of: Callable[[Item], ClosedReason],
    step: ClosedReason,
    *,
    now: datetime.datetime,
    dry_run: bool,
    template: str | None = None,
) -> Outcome:
    """Close the postings of `due` a batch per transaction, under their row locks (rows
    another run holds are skipped: that run closes them), each with its `reason_of`. Those
    closed for this `step`'s reason are the outcome, and with a `template` their recruiters
    are emailed in the same transaction; the others are `Outcome.other`."""
    if dry_run:
        items = _items(due)
        mine = [item for item in items if reason_of(item) == step]
        told = len(_by_recruiter(mine)) if template else 0
        return Outcome(mine, told, [item for item in items if reason_of(item) != step])
    outcome = Outcome()
    while True:
        with transaction.atomic():
            ids = list(
                due.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                break
            by_reason: dict[ClosedReason, list[Item]] = defaultdict(list)
            for item in _items(JobPosting.objects.filter(pk__in=ids)):
                by_reason[reason_of(item)].append(item)
            for reason, items in by_reason.items():
                # Conditional, so that nothing is closed twice even where rows are not locked.
                JobPosting.objects.filter(
                    pk__in=[item.id for item in items], status=PostingStatus.PUBLISHED
                ).update(
                    status=PostingStatus.CLOSED,
                    closed_reason=reason,
                    closed_at=now,
                    updated_at=now,
                )
            mine = by_reason.pop(step, [])
            outcome.postings += mine
            outcome.other += [item for items in by_reason.values() for item in items]
            if template and mine:
                emails = [
                    _email(
                        recruiter,
                        key=f"postings-closed-{step}-{recruiter.id}-{_digest(theirs)}"
                        f"-{now:%Y%m%d%H%M%S}",
                        template=template,
                        context={"postings": theirs, "close_days": CONFIRM_CLOSE_AFTER.days},
                    )
                    for recruiter, theirs in _by_recruiter(mine).items()
                ]
                outcome.emails += _queue_once(emails, dry_run=False)
        if len(ids) < BATCH:
            break
    return outcome


# Reading ------------------------------------------------------------------------------------
def _items(queryset) -> list[Item]:
    """The postings of `queryset` with what the emails name: one query."""
    rows = queryset.order_by("employer__name", "title", "pk").values_list(
        "pk", "title", "employer_id", "employer__name", "city", "state",
        "last_confirmed_open", "published_at", "expires_at",
    )  # fmt: skip
    return [
        Item(pk, title, employer_id, employer, city, state,
             confirmation_day(confirmed, published), expires)
        for pk, title, employer_id, employer, city, state, confirmed, published, expires in rows
    ]  # fmt: skip


def _recruiters(employer_ids: Iterable[int]) -> dict[int, list[Recruiter]]:
    """Each employer's active members (every membership role manages the postings)."""
    found: dict[int, list[Recruiter]] = defaultdict(list)
    ids = sorted(employer_ids)
    for start in range(0, len(ids), BATCH):
        members = (
            Membership.objects.filter(employer_id__in=ids[start : start + BATCH])
            .filter(user__is_active=True)
            .order_by("employer_id", "user_id")
            .values_list("employer_id", "user_id", "user__email", "user__full_name")
        )
        for employer_id, user_id, email, name in members:
            found[employer_id].append(Recruiter(user_id, email, name))
    return found


def _by_recruiter(items: list[Item]) -> dict[Recruiter, list[Item]]:
    """The postings each recruiter manages, across all their employers."""
    recruiters = _recruiters({item.employer_id for item in items})
    mine: dict[Recruiter, list[Item]] = defaultdict(list)
    for item in items:
        for recruiter in recruiters.get(item.employer_id, ()):
            mine[recruiter].append(item)
    return mine


# Email --------------------------------------------------------------------------------------
def _email(recruiter: Recruiter, *, key: str, template: str, context: dict) -> OutgoingEmail:
    context = {"recruiter": recruiter, **context}
    subject = render_to_string(f"listings/email/{template}_subject.txt", context)
    body = render_to_string(f"listings/email/{template}_body.txt", context)
    return OutgoingEmail(
        key=key, to=recruiter.email, subject=" ".join(subject.split()), body=body.strip() + "\n"
    )


def _queue_once(emails: list[OutgoingEmail], *, dry_run: bool) -> int:
    """Queue the emails whose keys were never queued; returns how many were (or would be)."""
    queued = 0
    for start in range(0, len(emails), EMAIL_BATCH):
        chunk = emails[start : start + EMAIL_BATCH]
        known = set(
            OutgoingEmail.objects.filter(key__in=[email.key for email in chunk]).values_list(
                "key", flat=True
            )
        )
        fresh = [email for email in chunk if email.key not in known]
        if fresh and not dry_run:
            try:
                with transaction.atomic():
                    queue_emails(fresh)
            except IntegrityError:  # a run beside this one queued some of them meanwhile
                for email in fresh:
                    queue_email(email.key, email.to, email.subject, email.body)
        queued += len(fresh)
    return queued


def _digest(items: list[Item]) -> str:
    """A short name for a set of postings, each in its confirmation period."""
    named = "|".join(sorted(f"{item.id}:{item.confirmed}" for item in items))
    return hashlib.sha256(named.encode()).hexdigest()[:24]


def _local_day(moment: datetime.datetime | None) -> str:
    return timezone.localdate(moment).isoformat() if moment else "never"


def _changelist_url(query: str) -> str:
    return absolute_url(f"{reverse('admin:listings_jobposting_changelist')}?{query}")
