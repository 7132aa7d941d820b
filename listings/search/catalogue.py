"""The search index: the listable postings' facts as NumPy columns, one array per column.

Why: every facet option shows how many postings it would give with the *other* selections
applied, which in SQL is one aggregate per facet over the whole catalogue (the browsing
issue measured that at 0.25% of a bare view at 100,000 postings). Each process instead
keeps a few small columns of the listable postings (about 60 bytes a posting) and answers
counts, radius, pay, recency and sorting with masks and bincounts in milliseconds.

Each column is declared once in `COLUMNS`: what it reads from a posting and how it turns
that into the stored value. The build reads the declared fields for every listable posting
(`JobPostingQuerySet.listable()`) and evaluates each declaration a chunk at a time.

Keeping it current: database triggers write a `CatalogueChange` for every posting that
changes, in commit order. At most every `SEARCH_VERSION_CHECK_SECONDS` a process reads the
changes past its catalogue's `position` and re-reads just those postings (a few
milliseconds); only a bulk write (more than `MAX_INCREMENTAL` postings at once) or a
TRUNCATE makes it read everything again. Each posting carries a `stamp`, the id of its last
change, so caches of what a posting looks like are keyed by (posting, stamp).
"""

import ctypes
import datetime
import gc
import logging
import math
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from listings import requirements, vocab
from listings.models import CatalogueChange, JobPosting
from listings.search.columns import (
    COLUMNS,
    ORDER,
    READS,
    REQUIREMENT_FIELDS,
    Column,
    encoded_requirements,
    slug_hash,
)

log = logging.getLogger(__name__)
MAX_INCREMENTAL = 2000  # more changed postings than this at once: rebuild
_CHUNK = 5000  # rows read from the database at a time


@dataclass(frozen=True)
class Listed:
    """What the index knows of one open posting: enough to key its page's caches."""

    id: int
    stamp: int
    role: str
    latitude: float | None
    longitude: float | None


@dataclass
class Catalogue:
    """One process's snapshot of the listable postings, newest first; never changed in
    place (a refresh makes a new one), so threads can share it."""

    position: int  # the last change (CatalogueChange.id) this snapshot reflects
    ids: np.ndarray
    columns: dict[str, np.ndarray]
    stamps: np.ndarray  # per posting: the id of its last change (0: none recorded)
    # Postings changed by each refresh since the last full build, newest last:
    # (position after, posting ids); lets keyword results catch up instead of re-querying.
    history: tuple[tuple[int, frozenset[int]], ...] = ()
    built_at: int = 0  # the position of the last full build
    id_order: np.ndarray = field(init=False, repr=False)
    sorted_ids: np.ndarray = field(init=False, repr=False)
    slug_order: np.ndarray = field(init=False, repr=False)
    sorted_slugs: np.ndarray = field(init=False, repr=False)
    transitions: np.ndarray = field(init=False, repr=False)  # opening and closing times

    def __post_init__(self) -> None:
        self.id_order = np.argsort(self.ids, kind="stable").astype(np.int32)
        self.sorted_ids = self.ids[self.id_order]
        self.slug_order = np.argsort(self.columns["slug"], kind="stable").astype(np.int32)
        self.sorted_slugs = self.columns["slug"][self.slug_order]
        self.transitions = np.sort(np.concatenate([self.columns["opens"], self.columns["closes"]]))

    def find(self, slug: str, now_ts: float) -> "Listed | None":
        """The posting with this slug if it is open in this snapshot (no database read)."""
        wanted = slug_hash(slug)
        i = int(np.searchsorted(self.sorted_slugs, wanted))
        if i >= len(self.sorted_slugs) or self.sorted_slugs[i] != wanted:
            return None
        p = int(self.slug_order[i])
        if not self.columns["opens"][p] <= now_ts < self.columns["closes"][p]:
            return None
        lat, lon = float(self.columns["lat"][p]), float(self.columns["lon"][p])
        return Listed(
            id=int(self.ids[p]),
            stamp=int(self.stamps[p]),
            role=vocab.Role.values[self.columns["role"][p]],
            latitude=None if math.isnan(lat) else math.degrees(lat),
            longitude=None if math.isnan(lon) else math.degrees(lon),
        )

    def state(self, now_ts: float) -> str:
        """Moves with every change and every posting that opens or closes by the clock:
        equal states show the same postings (cache keys use it)."""
        passed = int(np.searchsorted(self.transitions, now_ts, side="right"))
        return f"{self.position}.{passed}"

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def locate(self, ids: Iterable[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the posting ids found here, and which of the given ids were found."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(self.ids) or not len(ids):
            return np.empty(0, dtype=np.int64), np.zeros(len(ids), dtype=bool)
        idx = np.clip(np.searchsorted(self.sorted_ids, ids), 0, len(self.sorted_ids) - 1)
        found = self.sorted_ids[idx] == ids
        return self.id_order[idx[found]], found

    def stamps_of(self, ids: Sequence[int]) -> list[int]:
        """Each posting's stamp (0 for one not here)."""
        positions, found = self.locate(ids)
        stamps = np.zeros(len(ids), dtype=np.int64)
        stamps[found] = self.stamps[positions]
        return stamps.tolist()

    def qualifying(
        self, ids: Sequence[int], q: requirements.Qualifications, *, today: datetime.date
    ) -> list[int]:
        """Those of `ids` (in their order) whose every requirement `q` meets: the engine's
        `qualified` narrowing for a few postings rather than all of them."""
        positions, found = self.locate(ids)
        columns = {name: column[positions] for name, column in self.requirement_columns().items()}
        met = requirements.qualified_mask(columns, q, today=today)
        present = [pk for pk, here in zip(ids, found, strict=True) if here]
        return [pk for pk, ok in zip(present, met, strict=True) if ok]

    def requirement_columns(self) -> dict[str, np.ndarray]:
        return {name: self.columns[f"req_{name}"] for name in REQUIREMENT_FIELDS}

    @cached_property
    def requirement_groups(self) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """The distinct sets of requirements here and each posting's set
        (`requirements.requirement_groups`), made once per snapshot when first asked."""
        return requirements.requirement_groups(self.requirement_columns())

    def changed_since(self, position: int) -> frozenset[int] | None:
        """Postings changed after `position`, or None when this snapshot can't tell (it
        was rebuilt since)."""
        if position == self.position:
            return frozenset()
        if position < self.built_at:
            return None
        changed: set[int] = set()
        for after, ids in self.history:
            if after > position:
                changed |= ids
        return frozenset(changed)

    def patched(self, changes: Mapping[int, int], position: int, now_ts: float) -> "Catalogue":
        """A new snapshot with the `changes` (posting id -> change id) re-read, and without
        postings that have closed since."""
        ids, columns = arrays_from_rows(
            _rows(JobPosting.objects.listable().filter(id__in=list(changes)))
        )
        stamps = np.fromiter((changes[int(i)] for i in ids), dtype=np.int64, count=len(ids))
        keep = self.columns["closes"] > now_ts
        keep[self.locate(list(changes))[0]] = False
        all_ids = np.concatenate([self.ids[keep], ids])
        merged = {
            name: np.concatenate([self.columns[name][keep], columns[name]]) for name in self.columns
        }
        order = np.lexsort((-all_ids, -merged["opens"]))  # newest first, as ORDER
        history = (*self.history, (position, frozenset(changes)))[-HISTORY:]
        return Catalogue(
            position=position,
            ids=all_ids[order],
            columns={name: column[order] for name, column in merged.items()},
            stamps=np.concatenate([self.stamps[keep], stamps])[order],
            history=history,
            built_at=self.built_at,
        )


HISTORY = 64  # refreshes remembered for keyword catch-up


def _rows(queryset) -> Iterator[tuple]:
    """The `READS` of each posting, as the database driver gives them: the ORM's per-value
    converters would cost more than the rest of the build (a server-side cursor on
    PostgreSQL, so the rows arrive a chunk at a time)."""
    query = (
        queryset.order_by(*ORDER)
        .annotate(**{f"_{name}": expression for name, expression in READS.items()})
        .values_list(*(f"_{name}" for name in READS))
    )
    sql, params = query.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_CHUNK):
            yield from rows


def _dtypes(column: Column) -> Sequence[Any]:
    return column.dtype if len(column.names) > 1 else (column.dtype,)


def arrays_from_rows(rows: Iterable[tuple]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Evaluate every column declaration over rows of `READS` values, a chunk at a time."""
    position = {name: i for i, name in enumerate(READS)}
    ids_parts: list[np.ndarray] = []
    parts: dict[str, list[np.ndarray]] = {n: [] for c in COLUMNS for n in c.names}
    rows = iter(rows)
    while chunk := list(islice(rows, _CHUNK)):
        fields = list(zip(*chunk, strict=True))
        n = len(chunk)
        ids_parts.append(np.fromiter(fields[position["id"]], dtype=np.int64, count=n))
        for column in COLUMNS:
            values = map(column.value, *(fields[position[r]] for r in column.reads))
            if len(column.names) == 1:
                parts[column.names[0]].append(np.fromiter(values, dtype=column.dtype, count=n))
            else:
                for name, dtype, got in zip(
                    column.names, column.dtype, zip(*values, strict=True), strict=True
                ):
                    parts[name].append(np.fromiter(got, dtype=dtype, count=n))
    ids = np.concatenate(ids_parts) if ids_parts else np.empty(0, dtype=np.int64)
    columns = {}
    for column in COLUMNS:
        for name, dtype in zip(column.names, _dtypes(column), strict=True):
            chunks = parts[name]
            columns[name] = np.concatenate(chunks) if chunks else np.empty(0, dtype=dtype)
    return ids, columns


def build_catalogue() -> Catalogue:
    """Read every listable posting's columns (low peak memory: a chunk at a time).

    The position is read first: a change that commits during the build is read again by
    the next refresh, which is harmless (re-reading a posting is idempotent).
    """
    started = time.perf_counter()
    position = CatalogueChange.objects.aggregate(last=Max("id"))["last"] or 0
    ids, columns = arrays_from_rows(_rows(JobPosting.objects.listable()))
    last_change = dict(
        CatalogueChange.objects.filter(posting_id__isnull=False)
        .values_list("posting_id")
        .annotate(last=Max("id"))
        .values_list("posting_id", "last")
        .order_by()
    )
    stamps = np.fromiter((last_change.get(int(i), 0) for i in ids), np.int64, count=len(ids))
    del last_change
    encoded_requirements.cache_clear()  # its entries would pin the build's freed memory
    catalogue = Catalogue(
        position=position, ids=ids, columns=columns, stamps=stamps, built_at=position
    )
    _stats["full_builds"] += 1
    log.info(
        "search index: full rebuild of %d postings at change %d in %.0f ms",
        len(ids),
        position,
        (time.perf_counter() - started) * 1000,
    )
    return catalogue


# Keeping current ----------------------------------------------------------------------------
def _poll(position: int) -> dict[int, int] | None:
    """Changes after `position` as {posting id: its last change id}; None when everything
    may have changed (rebuild).

    One query, by primary key: the changes past `position`, and the last change (to see a
    table that was emptied or whose ids started again).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, posting_id FROM listings_cataloguechange "
            "WHERE id > %s OR id = (SELECT max(id) FROM listings_cataloguechange) "
            "ORDER BY id LIMIT %s",
            [position, MAX_INCREMENTAL + 2],
        )
        rows = cursor.fetchall()
    if not rows:
        return None if position else {}
    if rows[-1][0] < position or len(rows) > MAX_INCREMENTAL:
        return None
    changes: dict[int, int] = {}
    for change_id, posting_id in rows:
        if change_id <= position:
            continue
        if posting_id is None:
            return None
        changes[posting_id] = change_id
    return changes


_lock = threading.Lock()
_current: Catalogue | None = None
_checked_at = float("-inf")
_stats = {"full_builds": 0, "refreshes": 0}


def current_catalogue() -> Catalogue:
    """This process's catalogue, brought up to date at most every
    `SEARCH_VERSION_CHECK_SECONDS` by the postings that changed."""
    global _current, _checked_at
    held = _current
    max_age = settings.SEARCH_VERSION_CHECK_SECONDS
    if held is not None and time.monotonic() - _checked_at < max_age:
        return held
    with _lock:
        held = _current
        if held is not None and time.monotonic() - _checked_at < max_age:
            return held
        checked = time.monotonic()
        changes = _poll(held.position) if held is not None else None
        if held is None or changes is None:
            fresh = build_catalogue()
            _release_freed_memory()
        elif changes:
            position = max(changes.values())
            fresh = held.patched(changes, position, timezone.now().timestamp())
            _stats["refreshes"] += 1
            log.debug("search index: %d postings re-read at change %d", len(changes), position)
        else:
            fresh = held
        _current, _checked_at = fresh, checked
        return fresh


def search_stats() -> dict[str, int]:
    """How often this process rebuilt its index in full, and refreshed it by changes."""
    return dict(_stats)


def forget_catalogue() -> None:
    """Forget this process's index (tests)."""
    global _current, _checked_at
    with _lock:
        _current = None
        _checked_at = float("-inf")


def _release_freed_memory() -> None:
    """Hand the build's garbage back to the OS (about 15 MB at 100,000 postings)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
