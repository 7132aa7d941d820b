"""Saved jobs, saved searches and the emails they send: job alerts (daily or weekly digests
of new postings matching a saved search) and reminders before a saved job closes.

Both senders are safe to run twice at once and to rerun after a crash: each alert or saved
job is handled in its own transaction holding its row's lock, and what it told of is
recorded in the same transaction as the email (`AlertDelivery`, `SavedJob.reminded_at`),
so no posting reaches the same alert twice and nothing is skipped.
"""

import dataclasses
import datetime
from collections.abc import Iterable

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_email
from applicants.models import AlertDelivery, Profile, SavedJob, SavedSearch
from applicants.vocab import AlertFrequency
from listings.forms import ListingForm
from listings.links import absolute_url
from listings.models import JobPosting
from listings.presentation import pay_text
from listings.search import search
from listings.search.criteria import Criteria, Sort

UNSUBSCRIBE_SALT = "applicants.alert-unsubscribe"
LOOK_AHEAD = 200  # the newest matches an alert looks at each time
MOST_IN_ONE_EMAIL = 20
REMIND_BEFORE = datetime.timedelta(days=3)
PERIOD = {
    AlertFrequency.DAILY: datetime.timedelta(days=1),
    AlertFrequency.WEEKLY: datetime.timedelta(days=7),
}


# Saving ------------------------------------------------------------------------------------
def toggle_saved_job(*, user, posting: JobPosting) -> bool:
    """Save the posting, or unsave it if saved. Returns whether it is saved now."""
    deleted, _ = SavedJob.objects.filter(user=user, posting=posting).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            SavedJob.objects.create(user=user, posting=posting)
    except IntegrityError:  # saved by a second click at the same moment
        pass
    return True


def criteria_of(query: str, user) -> Criteria:
    """A saved query string as the listing reads it (qualified=1 with the user's profile)."""
    profile = Profile.objects.filter(user=user).prefetch_related("licenses").first()
    form = ListingForm(QueryDict(query))
    return form.criteria(profile.qualifications() if profile else None)


def save_search(*, user, query: str, frequency: str) -> SavedSearch:
    """Keep a listing's search (normalised, so the same search is saved once)."""
    criteria = criteria_of(query, user)
    canonical = criteria.query()
    saved, _ = SavedSearch.objects.update_or_create(
        user=user,
        query=canonical,
        defaults={"frequency": frequency, "summary": criteria.summary()[:300]},
    )
    return saved


def unsubscribe_token(saved: SavedSearch) -> str:
    return signing.dumps({"search": saved.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def search_of_token(token: str) -> SavedSearch | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return SavedSearch.objects.filter(pk=data.get("search")).first()


def unsubscribe_url(saved: SavedSearch) -> str:
    return absolute_url(reverse("alert_unsubscribe", kwargs={"token": unsubscribe_token(saved)}))


# Job alerts --------------------------------------------------------------------------------
def new_matches(saved: SavedSearch, *, now: datetime.datetime) -> list[JobPosting]:
    """Open postings matching the search, published since it was saved, not told of yet."""
    criteria = dataclasses.replace(
        criteria_of(saved.query, saved.user), sort=Sort.NEWEST, sort_chosen=True
    )
    result = search(criteria, page_size=LOOK_AHEAD, with_counts=False, hydrate=False, now=now)
    told = AlertDelivery.objects.filter(search=saved).values("posting_id")
    return list(
        JobPosting.objects.open(now)
        .filter(pk__in=result.ids, published_at__gt=saved.created_at)
        .exclude(pk__in=told)
        .select_related("employer")
        .order_by("-published_at", "-pk")
    )


def send_alert(saved_id: int, *, now: datetime.datetime) -> int:
    """One alert's digest, if it has news. Returns how many postings it told of."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update(skip_locked=True)
            .select_related("user")
            .filter(pk=saved_id)
            .first()
        )
        if saved is None or not _due(saved, now):
            return 0
        postings = new_matches(saved, now=now)
        saved.last_sent_at = now
        saved.save(update_fields=["last_sent_at"])
        if not postings:
            return 0
        email = queue_email(
            f"alert-{saved.pk}-{now:%Y%m%d%H%M%S}",
            saved.user.email,
            _alert_subject(saved, postings),
            _alert_body(saved, postings),
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url(saved)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        AlertDelivery.objects.bulk_create(
            AlertDelivery(search=saved, posting=posting, email=email) for posting in postings
        )
        return len(postings)


def _due(saved: SavedSearch, now: datetime.datetime) -> bool:
    period = PERIOD[AlertFrequency(saved.frequency)]
    # A little slack, so that a daily run a few minutes early still counts.
    return saved.last_sent_at is None or now - saved.last_sent_at >= period - datetime.timedelta(
        hours=1
    )


def _alert_subject(saved: SavedSearch, postings: list[JobPosting]) -> str:
    count = len(postings)
    what = saved.summary or "pediatric OT jobs"
    return f"{count} new job{'s' if count != 1 else ''}: {what}"


def _alert_body(saved: SavedSearch, postings: list[JobPosting]) -> str:
    lines = [f"New postings for your search “{saved.summary or 'All jobs'}”:", ""]
    for posting in postings[:MOST_IN_ONE_EMAIL]:
        lines += [
            f"{posting.title}",
            f"  {posting.employer.name}, {posting.city}, {posting.state} · {pay_text(posting)}",
            f"  {absolute_url(posting.get_absolute_url())}",
            "",
        ]
    if len(postings) > MOST_IN_ONE_EMAIL:
        lines += [
            f"And {len(postings) - MOST_IN_ONE_EMAIL} more: {absolute_url(saved.listing_url())}",
            "",
        ]
    lines += [
        f"Change how often you hear of this search: {absolute_url(reverse('applicants:alerts'))}",
        f"Stop these emails: {unsubscribe_url(saved)}",
    ]
    return "\n".join(lines)


def send_alerts(frequency: str, *, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Every due alert of this frequency. Returns (emails, postings told of)."""
    now = now or timezone.now()
    emails = told = 0
    ids = (
        SavedSearch.objects.filter(frequency=frequency).order_by("pk").values_list("pk", flat=True)
    )
    for saved_id in list(ids):
        count = send_alert(saved_id, now=now)
        emails += bool(count)
        told += count
    return emails, told


# Reminders before a saved job closes ---------------------------------------------------------
def reminders_due(now: datetime.datetime) -> Iterable[int]:
    soon = now + REMIND_BEFORE
    closing = Q(posting__expires_at__lte=soon) | Q(posting__apply_by__lte=timezone.localdate(soon))
    return SavedJob.objects.filter(
        closing, reminded_at=None, posting__in=JobPosting.objects.open(now)
    ).values_list("pk", flat=True)


def send_reminder(saved_id: int, *, now: datetime.datetime) -> bool:
    with transaction.atomic():
        saved = (
            SavedJob.objects.select_for_update(skip_locked=True)
            .select_related("user", "posting__employer")
            .filter(pk=saved_id, reminded_at=None)
            .first()
        )
        if saved is None:
            return False
        posting = saved.posting
        closes = posting.closes_at
        when = timezone.localtime(closes).strftime("%A, %B %-d") if closes else "soon"
        queue_email(
            f"saved-job-{saved.pk}-closing",
            saved.user.email,
            f"Closing soon: {posting.title} at {posting.employer.name}",
            (
                f"A job you saved stops taking applications on {when}:\n\n"
                f"{posting.title}\n  {posting.employer.name}, {posting.city}, {posting.state}\n"
                f"  {absolute_url(posting.get_absolute_url())}\n\n"
                f"Your saved jobs: {absolute_url(reverse('applicants:saved_jobs'))}\n"
            ),
        )
        saved.reminded_at = now
        saved.save(update_fields=["reminded_at"])
        return True


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(send_reminder(pk, now=now) for pk in list(reminders_due(now)))
