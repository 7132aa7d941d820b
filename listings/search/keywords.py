"""Keyword matching: PostgreSQL full-text search, and a plainer fallback on SQLite.

PostgreSQL: `websearch_to_tsquery` syntax ("sensory -NICU", quoted phrases, or), English
stemming, title weighted above employer above description, ranked, over the GIN-indexed
`PostingSearch` vectors that triggers keep current (migrations 0002, 0003). SQLite:
every word (or quoted phrase) must appear in the title, employer name, description or
requirements, and a leading minus excludes a word; titles rank above employers above text.

Recent results are kept per process for the same catalogue version (paging through one
search asks the database once); a shared cache would cost more to pickle and compress
70,000 ids than the query itself.
"""

import re
import threading
from collections import OrderedDict

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from listings.models import JobPosting

KEYWORD_CACHE_ENTRIES = 8
_recent: OrderedDict[tuple, tuple[np.ndarray, np.ndarray | None]] = OrderedDict()
_recent_lock = threading.Lock()
_TOKEN_RE = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')
_TEXT_FIELDS = ("title", "employer__name", "description", "requirements")


def keyword_matches(q: str, *, with_rank: bool, version) -> tuple[np.ndarray, np.ndarray | None]:
    """Ids of listable postings matching `q` (PostgreSQL: of any posting; the caller keeps
    those in its catalogue) and, if asked, their relevance scores."""
    key = (connection.vendor, version, with_rank, q.lower())
    with _recent_lock:
        hit = _recent.get(key)
        if hit is not None:
            _recent.move_to_end(key)
            return hit
    if connection.vendor == "postgresql":
        result = _postgres(q, with_rank)
    else:
        result = _fallback(JobPosting.objects.listable(), q, with_rank)
    with _recent_lock:
        _recent[key] = result
        while len(_recent) > KEYWORD_CACHE_ENTRIES:
            _recent.popitem(last=False)
    return result


def forget_recent_keywords() -> None:
    with _recent_lock:
        _recent.clear()


def _postgres(q: str, with_rank: bool):
    # Matches may include closed postings: the caller intersects them with the open ones.
    # The database function (migration 0003) returns one row of arrays, not 70,000 rows,
    # and ranks on the small title/employer headline: title above employer, text-only
    # matches after both (ties keep newest first).
    with connection.cursor() as cursor:
        cursor.execute("SELECT ids, ranks FROM listings_keyword_matches(%s, %s)", [q, with_rank])
        ids, ranks = cursor.fetchone()
    return (
        np.asarray(ids or [], dtype=np.int64),
        np.asarray(ranks or [], dtype=np.float64) if with_rank else None,
    )


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
