"""Keyword matching: PostgreSQL full-text search, and a plainer fallback on SQLite.

PostgreSQL: `websearch_to_tsquery` syntax ("sensory -NICU", quoted phrases, or), English
stemming, title weighted above employer above description, ranked, over the GIN-indexed
`PostingSearch` vectors that triggers keep current (migrations 0002, 0003). SQLite:
every word (or quoted phrase) must appear in the title, employer name, description or
requirements, and a leading minus excludes a word; titles rank above employers above text.

Recent results are kept per process (paging through one search asks the database once); a
shared cache would cost more to pickle and compress 70,000 ids than the query itself. When
postings change, a remembered result catches up by matching just the changed postings.
"""

import contextlib
import re
import threading
from collections import OrderedDict

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Expression, IntegerField, Q, Value, When

from listings.models import JobPosting

KEYWORD_CACHE_ENTRIES = 16
Matches = tuple[np.ndarray, np.ndarray | None]  # ids, and their ranks when asked for
# (vendor, with_rank, q) -> (catalogue position, matches)
_recent: OrderedDict[tuple, tuple[int, Matches]] = OrderedDict()
_recent_lock = threading.Lock()
_TOKEN_RE = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')
_TEXT_FIELDS = ("title", "employer__name", "description", "requirements")


def keyword_matches(q: str, *, with_rank: bool, catalogue) -> Matches:
    """Ids of postings matching `q` (PostgreSQL: of any posting; the caller keeps those in
    its catalogue) and, if asked, their relevance scores, as of `catalogue`."""
    key = (connection.vendor, with_rank, q.lower())
    with _recent_lock:
        hit = _recent.get(key)
    if hit is not None:
        position, matches = hit
        changed = catalogue.changed_since(position)
        if changed is not None:
            if changed:
                matches = _catch_up(matches, q, with_rank, changed)
            _remember(key, catalogue.position, matches)
            return matches
    if connection.vendor == "postgresql":
        matches = _postgres(q, with_rank)
    else:
        matches = _fallback(JobPosting.objects.listable(), q, with_rank)
    _remember(key, catalogue.position, matches)
    return matches


def _remember(key: tuple, position: int, matches: Matches) -> None:
    with _recent_lock:
        _recent[key] = (position, matches)
        _recent.move_to_end(key)
        while len(_recent) > KEYWORD_CACHE_ENTRIES:
            _recent.popitem(last=False)


def _catch_up(matches: Matches, q: str, with_rank: bool, changed: frozenset[int]) -> Matches:
    """`matches` with the changed postings matched again (and nothing else asked)."""
    ids, ranks = matches
    changed_ids = np.fromiter(changed, dtype=np.int64, count=len(changed))
    keep = ~np.isin(ids, changed_ids)
    if connection.vendor == "postgresql":
        new_ids, new_ranks = _postgres(q, with_rank, among=changed_ids)
    else:
        new_ids, new_ranks = _fallback(
            JobPosting.objects.listable().filter(id__in=changed_ids.tolist()), q, with_rank
        )
    merged_ids = np.concatenate([ids[keep], new_ids])
    if ranks is None or new_ranks is None:
        return merged_ids, None
    return merged_ids, np.concatenate([ranks[keep], new_ranks])


def forget_recent_keywords() -> None:
    with _recent_lock:
        _recent.clear()


_LONE_MINUS = re.compile(r"-(?![\w\"'])")  # a minus that excludes no term
_NOT_WORD = re.compile(r"[^\w\s]+")


def _postgres(q: str, with_rank: bool, *, among: np.ndarray | None = None) -> Matches:
    """Matches through `websearch_to_tsquery`. Minus signs that exclude no term are dropped
    (each is a NOT, and some 32 in a row overflow PostgreSQL's query stack); should
    PostgreSQL still refuse a query, its words alone are searched: typing never breaks a page."""
    query = _LONE_MINUS.sub(" ", q)
    try:
        return _postgres_query(query, with_rank, among)
    except DatabaseError:
        words = " ".join(_NOT_WORD.sub(" ", q).split())
        if not words:
            return np.empty(0, dtype=np.int64), (np.empty(0) if with_rank else None)
        return _postgres_query(words, with_rank, among)


def _postgres_query(q: str, with_rank: bool, among: np.ndarray | None) -> Matches:
    # Matches may include closed postings: the caller intersects them with its catalogue.
    # The database function (migration 0003) returns one row of arrays, not 70,000 rows,
    # and ranks on the small title/employer headline: title above employer, text-only
    # matches after both (ties keep newest first).
    params: list[str | bool | list[int]]
    if among is None:
        sql, params = "SELECT ids, ranks FROM listings_keyword_matches(%s, %s)", [q, with_rank]
    else:
        sql = (
            "SELECT array_agg(posting_id), array_agg(ts_rank(headline, query)) "
            "FROM listings_postingsearch, websearch_to_tsquery('english', %s) query "
            "WHERE posting_id = ANY(%s) AND document @@ query"
        )
        params = [q, among.tolist()]
    # A refused query must not spoil the transaction it runs in (tests, atomic requests).
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids, ranks = cursor.fetchone()
    return (
        np.asarray(ids or [], dtype=np.int64),
        np.asarray(ranks or [], dtype=np.float64) if with_rank else None,
    )


def parse_terms(q: str) -> tuple[list[str], list[str]]:
    """Words and quoted phrases to include, and those to exclude (leading minus)."""
    include: list[str] = []
    exclude: list[str] = []
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
    score: Expression = Value(0, output_field=IntegerField())
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
