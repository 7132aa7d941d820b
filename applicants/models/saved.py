"""Saved jobs, saved searches and what their alerts have told of."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from applicants.vocab import (
    AlertFrequency,
)


# Saved jobs and searches -----------------------------------------------------------------
class SavedJob(models.Model):
    """A posting an applicant keeps an eye on; reminded once before it closes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    posting = models.ForeignKey(
        "listings.JobPosting", on_delete=models.CASCADE, related_name="saved_by"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "posting"], name="save_a_job_once")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.posting}"


class SavedSearch(models.Model):
    """ "Email me new jobs like these": a listing query and how often to hear of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(max_length=1000, help_text="The listing's query string.")
    summary = models.CharField(max_length=300, blank=True)
    frequency = models.CharField(
        max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="save_a_search_once")]

    def __str__(self) -> str:
        return self.summary or "All jobs"

    @property
    def frequency_choices(self) -> list[tuple[str, str]]:
        return AlertFrequency.choices

    def listing_url(self, *, page: str | None = None) -> str:
        """The listing with this search (`page`: the listing's path, if known already)."""
        path = page or reverse("listings:posting_list")
        return f"{path}?{self.query}" if self.query else path


class AlertDelivery(models.Model):
    """A posting an alert has told of: no posting reaches the same alert twice."""

    # Found by search through the unique (search, posting) index: no index of its own to
    # keep up on each of the hundreds of thousands of rows a morning's run writes.
    search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    # No foreign key in the database: its check would lock each posting named (FOR KEY
    # SHARE, written into the posting's row) for a record seekers never see, a hundred
    # thousand a morning. A posting deleted through the ORM (a draft) still takes these.
    posting = models.ForeignKey(
        "listings.JobPosting", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    # Nor for the email, written in the same transaction a moment before (`_send_batch`):
    # its check was a deferred trigger a row, a tenth of a run's time. Deleting an email
    # through the ORM still empties this.
    email = models.ForeignKey(
        "accounts.OutgoingEmail",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "posting"], name="tell_of_a_posting_once")
        ]

    def __str__(self) -> str:
        return f"{self.search} told of {self.posting_id}"
