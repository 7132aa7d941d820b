"""Similar postings: open postings for the same role as a posting, nearest first, worked
out once per posting and catalogue state."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.utils import timezone

from listings.geo import Place
from listings.search.catalogue import Catalogue, current_catalogue
from listings.search.criteria import Criteria, Sort
from listings.search.engine import search

SIMILAR_SIZE = 4


@dataclass(frozen=True)
class Similar:
    ids: list[int]
    distances: list[float | None]


_similar: OrderedDict[tuple, Similar] = OrderedDict()
_similar_lock = threading.Lock()
SIMILAR_MEMO_ENTRIES = 4096


def similar_to(
    posting_id: int,
    role: str,
    latitude: float | None,
    longitude: float | None,
    catalogue: Catalogue | None = None,
) -> Similar:
    """Open postings for the same role as this posting, nearest first (newest first
    without a location): their ids and distances, worked out once per posting and
    catalogue state (a changed posting moves the state)."""
    cat = catalogue or current_catalogue()
    now = timezone.now()
    key = (posting_id, cat.state(now.timestamp()))
    with _similar_lock:
        hit = _similar.get(key)
    if hit is not None:
        return hit
    place = None
    if latitude is not None and longitude is not None:
        place = Place(label="", latitude=latitude, longitude=longitude, city="", state="")
    criteria = Criteria(
        place=place,
        sort=Sort.DISTANCE if place else Sort.NEWEST,
        sort_chosen=True,
        facets={"role": (role,)},
    )
    found = search(
        criteria,
        page_size=SIMILAR_SIZE,
        exclude_ids=(posting_id,),
        with_counts=False,
        hydrate=False,
        catalogue=cat,
        now=now,
    )
    result = Similar(found.ids, found.distances)
    with _similar_lock:
        _similar[key] = result
        while len(_similar) > SIMILAR_MEMO_ENTRIES:
            _similar.popitem(last=False)
    return result


def forget_similar() -> None:
    with _similar_lock:
        _similar.clear()
