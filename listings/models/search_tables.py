"""What the search keeps in the database: posting text vectors and the change log every
process's index follows."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from listings.models.postings import JobPosting


class PostingSearch(models.Model):
    """A posting's full-text search data (PostgreSQL), kept current by triggers.

    `document` (title A, employer name B, description and requirements C) answers `@@`
    through a GIN index; `headline` (title A, employer B) ranks matches cheaply and stays
    in the row. `text` is the searchable source text. The document and text are stored out
    of line (migration 0003), so the heap that a match visits holds little more than ids
    and headlines: 22 MB instead of 173 MB at 100,000 postings, which makes a word found
    in most postings a 10-30 ms query instead of 40-60 ms. PostgreSQL moves values out of
    line only once a row passes about 2 kB, which the text guarantees for any posting with
    real content. Migration 0002 installs the triggers on PostgreSQL; on SQLite this table
    stays empty and keywords use a fallback.
    """

    posting = models.OneToOneField(
        JobPosting, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    document = SearchVectorField(null=True)
    headline = SearchVectorField(null=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "posting search vectors"
        verbose_name_plural = "posting search vectors"

    def __str__(self) -> str:
        return f"search vectors of posting {self.posting_id}"


class CatalogueChange(models.Model):
    """A posting that changed (or, with no posting, possibly all of them).

    Written by database triggers (migration 0008) for every insert, update and delete of a
    posting, and for each posting of an updated employer, in commit order: a process that
    has read change N has read every change below it. Each process reads the changes past
    its own position to update its search index by just those postings; the page caches
    key on positions and per-posting stamps (the last change of each posting). A change
    with no posting (a TRUNCATE) makes every process rebuild.
    """

    id = models.BigAutoField(primary_key=True)
    posting_id = models.BigIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["posting_id", "id"], name="change_posting_id")]

    def __str__(self) -> str:
        return f"change {self.id}: posting {self.posting_id or 'all'}"
