"""Reminders a few days before a saved job closes, each sent once (`SavedJob.reminded_at`,
set in the same transaction as the email, under the saved job's lock)."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_email
from applicants.models import SavedJob
from listings.links import absolute_url
from listings.models import JobPosting

REMIND_BEFORE = datetime.timedelta(days=3)


def reminders_due(now: datetime.datetime) -> Iterable[int]:
    closing = JobPosting.objects.closing_by(now + REMIND_BEFORE, now)
    return SavedJob.objects.filter(reminded_at=None, posting__in=closing).values_list(
        "pk", flat=True
    )


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
