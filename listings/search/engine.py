"""Evaluating criteria over the catalogue: masks, facet counts, sorting and the page.

Only keywords (PostgreSQL full-text search) and a page's postings come from the database;
the page is read back through `open()`, so a posting that closed a moment ago is never
shown even before this process's catalogue has caught up.
"""

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import numpy as np
from django.core.paginator import Page, Paginator
from django.utils import timezone

from listings.geo import EARTH_RADIUS_MILES, Place
from listings.models import JobPosting
from listings.search.catalogue import Catalogue, current_catalogue
from listings.search.criteria import (
    FACETS,
    NEW_GRAD,
    NO_DRIVING,
    TOGGLES,
    Criteria,
    Facet,
    Sort,
)
from listings.search.keywords import keyword_matches
from listings.search.qualified import forget_qualified, qualified_digest, qualified_positions

PAGE_SIZE = 20
_BIT_FACETS = frozenset({"ages", "licensure"})  # a posting may carry several of these values
QUALIFIED = "qualified"  # the narrowing of `Criteria.qualified`


@dataclass(slots=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    facet: Facet
    options: list[Option]

    @property
    def name(self) -> str:
        return self.facet.name

    @property
    def label(self) -> str:
        return self.facet.label

    @property
    def selected(self) -> list[Option]:
        return [o for o in self.options if o.selected]


@dataclass
class Result:
    """A search's answer: the total, one page of posting ids and, if asked, facet counts.

    `postings` holds the page's postings once `hydrate()` has read them (`search()` does
    unless told not to).
    """

    criteria: Criteria
    total: int
    page: Page | None
    ids: list[int]
    distances: list[float | None]
    facets: list[FacetCounts] = field(default_factory=list)
    toggles: list[Option] = field(default_factory=list)  # the on/off filters, with counts
    toggle_counts: dict[str, int] = field(default_factory=dict)
    now: datetime.datetime | None = None
    postings: list[JobPosting] = field(default_factory=list)

    def facet(self, name: str) -> FacetCounts:
        return next(f for f in self.facets if f.name == name)

    def hydrate(self) -> "Result":
        """Read the page's postings (with their employers) through `open()`."""
        found = JobPosting.objects.open(now=self.now).with_employer().in_bulk(self.ids)
        postings = []
        for posting_id, miles in zip(self.ids, self.distances, strict=True):
            posting = found.get(posting_id)
            if posting is not None:
                posting.distance = miles
                postings.append(posting)
        self.postings = postings
        return self


# Columns hold one byte a posting: a vocabulary index, or (multi-valued facets) a bit per
# value. Choices are compared in place (a table lookup over 100,000 bytes costs 30 times
# more); counts are one bincount over the matches' bytes, gathered by position (a boolean
# mask's gather costs four times more).
_BYTE = np.arange(256)
_BYTES_WITH_BIT = [np.flatnonzero(_BYTE & (1 << i)) for i in range(8)]


def _selection_mask(cat: Catalogue, facet: Facet, selected: tuple[str, ...]) -> np.ndarray:
    column = cat[facet.name]
    values = facet.values
    if facet.name in _BIT_FACETS:
        return (column & sum(1 << values.index(v) for v in selected)) != 0
    chosen = [values.index(v) for v in selected]
    if len(chosen) == 1:
        return column == chosen[0]
    return np.isin(column, chosen)


def _option_counts(cat: Catalogue, facet: Facet, positions: np.ndarray) -> list[int]:
    """Each of the facet's values' count among the postings at `positions`."""
    n = len(facet.values)
    bytes_seen = np.bincount(cat[facet.name].take(positions), minlength=256)
    if facet.name in _BIT_FACETS:
        return [int(bytes_seen[_BYTES_WITH_BIT[i]].sum()) for i in range(n)]
    return bytes_seen[:n].tolist()


def distances_miles(
    cat: Catalogue, place: Place, positions: np.ndarray | None = None
) -> np.ndarray:
    """Miles from `place` to each posting (or to those at `positions`); NaN where unknown."""
    lat0, lon0 = np.radians(place.latitude), np.radians(place.longitude)
    lat, lon = cat["lat"], cat["lon"]
    if positions is not None:
        lat, lon = lat[positions], lon[positions]
    a = np.sin((lat - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


RESULT_MEMO_ENTRIES = 256
PERSONAL_MEMO_ENTRIES = 64  # "jobs I qualify for": one person's, kept apart from the shared
_results: OrderedDict[tuple, Result] = OrderedDict()
_personal_results: OrderedDict[tuple, Result] = OrderedDict()
_results_lock = threading.Lock()


def search(
    criteria: Criteria,
    *,
    page_number: int | str | None = 1,
    page_size: int = PAGE_SIZE,
    now: datetime.datetime | None = None,
    exclude_ids: tuple[int, ...] = (),
    with_counts: bool = True,
    hydrate: bool = True,
    catalogue: Catalogue | None = None,
) -> Result:
    """Open postings matching `criteria`: the total, one page of them and facet counts.

    Pass `catalogue` to run several searches in one request against one index snapshot;
    `hydrate=False` leaves the page's postings unread (their ids are in the result).
    The same search against the same catalogue state is answered from memory.
    """
    now = now or timezone.now()
    cat = catalogue or current_catalogue()
    key = (
        criteria.query(),
        (criteria.place.latitude, criteria.place.longitude) if criteria.place else None,
        criteria.radius,
        criteria.employer_id,
        qualified_digest(criteria, cat, now),
        str(page_number),
        page_size,
        exclude_ids,
        with_counts,
        cat.state(now.timestamp()),
        # "Posted within" moves with the clock, credentials expire by the day.
        int(now.timestamp() // 60) if criteria.posted else 0,
        timezone.localdate(now) if criteria.qualified else None,
    )
    memo, entries = (
        (_results, RESULT_MEMO_ENTRIES)
        if criteria.qualified is None
        else (_personal_results, PERSONAL_MEMO_ENTRIES)
    )
    with _results_lock:
        remembered = memo.get(key)
        if remembered is not None:
            memo.move_to_end(key)
    if remembered is not None:
        result = replace(remembered, criteria=criteria, now=now, postings=[])
    else:
        result = _evaluate(criteria, cat, page_number, page_size, now, exclude_ids, with_counts)
        with _results_lock:
            memo[key] = result
            while len(memo) > entries:
                memo.popitem(last=False)
    return result.hydrate() if hydrate and page_size else result


def forget_results() -> None:
    with _results_lock:
        _results.clear()
        _personal_results.clear()
    forget_qualified()


def _evaluate(
    criteria: Criteria,
    cat: Catalogue,
    page_number: int | str | None,
    page_size: int,
    now: datetime.datetime,
    exclude_ids: tuple[int, ...],
    with_counts: bool,
) -> Result:
    now_ts = now.timestamp()
    base = (cat["opens"] <= now_ts) & (cat["closes"] > now_ts)
    if exclude_ids:
        base[cat.locate(exclude_ids)[0]] = False
    if criteria.employer_id is not None:
        base &= cat["employer"] == criteria.employer_id

    ranks = None
    if criteria.q:
        ranked = criteria.sort == Sort.RELEVANCE and page_size > 0
        ids, scores = keyword_matches(criteria.q, with_rank=ranked, catalogue=cat)
        positions, found = cat.locate(ids)
        keyword = np.zeros(len(cat), dtype=bool)
        keyword[positions] = True
        base &= keyword
        if scores is not None:
            ranks = np.zeros(len(cat), dtype=np.float64)
            ranks[positions] = np.asarray(scores, dtype=np.float64)[found]
    distance = None
    if criteria.place and criteria.radius is not None:
        # Miles only for the postings in the band of latitudes the radius reaches (a
        # great-circle distance is never shorter than the latitudes' difference).
        band = criteria.radius / EARTH_RADIUS_MILES * (1 + 1e-9)
        north_south = np.abs(cat["lat"] - np.radians(criteria.place.latitude))
        nearby = np.flatnonzero(base & (north_south <= band))
        distance = np.full(len(cat), np.nan)
        distance[nearby] = distances_miles(cat, criteria.place, nearby)
        base &= distance <= criteria.radius  # NaN (unknown ZIP, or far) compares False
    if criteria.pay_min is not None:
        base &= cat["pay"] >= criteria.pay_min
    if criteria.posted:
        base &= cat["opens"] >= now_ts - criteria.posted * 86_400

    # Facets and toggles narrow the results; each one's counts leave its own choice out.
    toggles = {
        NEW_GRAD.name: cat["new_grad"],
        NO_DRIVING.name: ~cat["driving"],
    }
    if criteria.qualified is not None:
        toggles[QUALIFIED] = qualified_positions(cat, criteria.qualified, timezone.localdate(now))
    narrowing = {
        facet.name: _selection_mask(cat, facet, criteria.selected(facet.name))
        for facet in FACETS
        if criteria.selected(facet.name)
    }
    for name, mask in toggles.items():
        if name == QUALIFIED or getattr(criteria, name):
            narrowing[name] = mask

    def without(left_out: str) -> np.ndarray:
        mask = base.copy()
        for name, narrowed in narrowing.items():
            if name != left_out:
                mask &= narrowed
        return mask

    final = without("")
    matched = np.flatnonzero(final)  # newest first
    facets: list[FacetCounts] = []
    toggle_counts: dict[str, int] = {}
    toggle_options: list[Option] = []
    if with_counts:
        for facet in FACETS:
            counts = _option_counts(
                cat,
                facet,
                np.flatnonzero(without(facet.name)) if facet.name in narrowing else matched,
            )
            selected = set(criteria.selected(facet.name))
            options = [
                Option(value, facet.option_label(value), count, value in selected)
                for value, count in zip(facet.values, counts, strict=True)
            ]
            facets.append(FacetCounts(facet, options))
        toggle_counts = {
            name: int(np.count_nonzero(without(name) & mask)) for name, mask in toggles.items()
        }
        toggle_options = [
            Option(t.name, t.label, toggle_counts[t.name], criteria.toggled(t)) for t in TOGGLES
        ]

    total = len(matched)
    if criteria.place and distance is None:
        # No radius: distances only for the matches (similar postings: one role's).
        distance = np.full(len(cat), np.nan)
        distance[matched] = distances_miles(cat, criteria.place, matched)
    # Paged over a range, so a page (kept in the memo below) holds no array of the matches.
    page = paged(len(matched), page_number, page_size) if page_size else None
    shown = page.end_index() if page is not None and page.paginator.count else 0
    if criteria.sort == Sort.PAY:
        matched = _first_in_order(matched, -cat["pay"][matched], shown)
    elif criteria.sort == Sort.DISTANCE and distance is not None:
        matched = _first_in_order(matched, distance[matched], shown)
    elif criteria.sort == Sort.RELEVANCE and ranks is not None:
        matched = _first_in_order(matched, -ranks[matched], shown)

    if page is not None:
        start = page.start_index() - 1 if page.paginator.count else 0
        positions = matched[start : start + len(page.object_list)]
    else:
        positions = np.empty(0, dtype=np.int64)
    result = Result(
        criteria=criteria,
        total=total,
        page=page,
        ids=[int(i) for i in cat.ids[positions]],
        distances=[float(distance[p]) for p in positions]
        if distance is not None
        else [None] * len(positions),
        facets=facets,
        toggles=toggle_options,
        toggle_counts=toggle_counts,
        now=now,
    )
    return result


def paged(total: int, page_number: int | str | None, page_size: int = PAGE_SIZE) -> Page:
    """The page of `total` results a page number asks for (the last for one past it)."""
    return Paginator(range(total), page_size).get_page(page_number)


def _first_in_order(matched: np.ndarray, keys: np.ndarray, count: int) -> np.ndarray:
    """`matched` ordered by `keys` (ascending; ties keep matched's order, newest first), as
    far as its first `count`: exactly what a stable argsort gives there, without sorting
    every match when a page needs a few (four similar postings among 25,000, page 1 of
    a pay sort). NaN keys (no distance) come last, as argsort puts them."""
    if not 0 < count < len(matched) // 8:
        return matched[np.argsort(keys, kind="stable")]
    kth = np.partition(keys, count - 1)[count - 1]
    if np.isnan(kth):
        return matched[np.argsort(keys, kind="stable")]
    contenders = np.flatnonzero(keys <= kth)  # the first `count` and every tie, in order
    return matched[contenders[np.argsort(keys[contenders], kind="stable")]]
