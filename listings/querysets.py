import datetime

from django.db import models
from django.utils import timezone

from listings.vocab import PostingStatus


class JobPostingQuerySet(models.QuerySet):
    def open(self, now: datetime.datetime | None = None) -> "JobPostingQuerySet":
        """Postings a job seeker may see: published, already live, and not yet expired.

        Every public page, feed and sitemap starts here.
        """
        now = now or timezone.now()
        return self.filter(
            status=PostingStatus.PUBLISHED, published_at__lte=now, expires_at__gt=now
        )

    def for_employer(self, employer) -> "JobPostingQuerySet":
        return self.filter(employer=employer)

    def with_employer(self) -> "JobPostingQuerySet":
        return self.select_related("employer")
