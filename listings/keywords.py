"""Keyword matching: PostgreSQL full-text search, and a plainer fallback on SQLite.

PostgreSQL: `websearch_to_tsquery` syntax ("sensory -NICU", quoted phrases, or), English
stemming, title weighted above employer above description, ranked, over the GIN-indexed
`PostingSearch` vectors that triggers keep current (migration 0002). SQLite: every word (or quoted
phrase) must appear in the title, employer name, description or requirements, and a
leading minus excludes a word; titles rank above employers above the text.
"""

import hashlib
import re

import numpy as np
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from listings.models import JobPosting, PostingSearch
from listings.vocab import PostingStatus

KEYWORD_CACHE_SECONDS = 300
_TOKEN_RE = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')
_TEXT_FIELDS = ("title", "employer__name", "description", "requirements")


def keyword_matches(q: str, *, with_rank: bool, version) -> tuple[np.ndarray, np.ndarray | None]:
    """Ids of published postings matching `q` and, if asked, their relevance scores."""
    digest = hashlib.sha256(f"{version}|{with_rank}|{q.lower()}".encode()).hexdigest()
    key = f"kw:{connection.vendor}:{digest}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    if connection.vendor == "postgresql":
        result = _postgres(q, with_rank)
    else:
        queryset = JobPosting.objects.filter(
            status=PostingStatus.PUBLISHED, expires_at__gt=timezone.now()
        )
        result = _fallback(queryset, q, with_rank)
    cache.set(key, result, KEYWORD_CACHE_SECONDS)
    return result


def _postgres(q: str, with_rank: bool):
    # Matches may include closed postings: the caller intersects them with the open ones.
    # One row of arrays, not 70,000 rows: far less to transfer and to build in Python.
    query = SearchQuery(q, search_type="websearch", config="english")
    matches = PostingSearch.objects.filter(document=query)
    aggregates = {"ids": ArrayAgg("posting_id", default=Value([]))}
    if with_rank:
        # Rank on the small title/employer vector: title above employer, and text-only
        # matches after both (ties keep newest first); ranking the whole document would
        # read every matching posting's text.
        aggregates["ranks"] = ArrayAgg(SearchRank(F("headline"), query), default=Value([]))
    row = matches.aggregate(**aggregates)
    ids = np.asarray(row["ids"], dtype=np.int64)
    return ids, (np.asarray(row["ranks"], dtype=np.float64) if with_rank else None)


def parse_terms(q: str) -> tuple[list[str], list[str]]:
    """Words and quoted phrases to include, and those to exclude (leading minus)."""
    include, exclude = [], []
    for minus_phrase, phrase, minus_word, word in _TOKEN_RE.findall(q):
        text = (phrase or word).strip().strip('"')
        if not text or text.lower() == "or":
            continue
        if len(text) > 4 and text.lower().endswith("s") and not phrase:
            text = text[:-1]  # a crude plural stem: "therapists" finds "therapist"
        (exclude if (minus_phrase or minus_word) else include).append(text)
    return include, exclude


def _contains_any_field(term: str) -> Q:
    condition = Q()
    for field in _TEXT_FIELDS:
        condition |= Q(**{f"{field}__icontains": term})
    return condition


def _fallback(queryset, q: str, with_rank: bool):
    include, exclude = parse_terms(q)
    if not include and not exclude:
        return np.empty(0, dtype=np.int64), (np.empty(0) if with_rank else None)
    for term in include:
        queryset = queryset.filter(_contains_any_field(term))
    for term in exclude:
        queryset = queryset.exclude(_contains_any_field(term))
    if not with_rank:
        return np.fromiter(queryset.values_list("id", flat=True), dtype=np.int64), None
    score = Value(0, output_field=IntegerField())
    for term in include:
        score = score + Case(
            When(title__icontains=term, then=Value(3)),
            When(employer__name__icontains=term, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    rows = list(queryset.annotate(score=score).values_list("id", "score"))
    return (
        np.asarray([r[0] for r in rows], dtype=np.int64),
        np.asarray([r[1] for r in rows], dtype=np.float64),
    )
