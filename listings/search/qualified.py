"""Who qualifies for which postings ("jobs I qualify for"), remembered per person.

The search engine narrows by it (`qualified_positions`); pages keep their answers under
its digest (`qualified_digest`).
"""

import datetime
import hashlib
import threading
from collections import OrderedDict

import numpy as np
from django.utils import timezone

from listings.requirements import Qualifications, qualified_mask
from listings.search.catalogue import Catalogue
from listings.search.criteria import Criteria

# Who qualifies for what depends on the person, the day and the postings, not on the page
# they look at: a person paging through "jobs I qualify for" or narrowing it by facets
# reuses their mask. Kept as bits (12.5 KB at 100,000 postings), with a digest that names
# it: people whose credentials admit the same postings share results and pages.
QUALIFIED_MEMO_ENTRIES = 256
_qualified_masks: OrderedDict[tuple, tuple[np.ndarray, str]] = OrderedDict()
_qualified_lock = threading.Lock()


def _qualified_bits(
    cat: Catalogue, q: Qualifications, today: datetime.date
) -> tuple[np.ndarray, str]:
    key = (cat.position, cat.built_at, len(cat), q, today)
    with _qualified_lock:
        found = _qualified_masks.get(key)
        if found is not None:
            _qualified_masks.move_to_end(key)
            return found
    groups, which = cat.requirement_groups  # each distinct set of requirements judged once
    packed = np.packbits(qualified_mask(groups, q, today=today)[which])
    found = (packed, hashlib.blake2b(packed.tobytes(), digest_size=16).hexdigest())
    with _qualified_lock:
        _qualified_masks[key] = found
        while len(_qualified_masks) > QUALIFIED_MEMO_ENTRIES:
            _qualified_masks.popitem(last=False)
    return found


def qualified_positions(cat: Catalogue, q: Qualifications, today: datetime.date) -> np.ndarray:
    """Which of the catalogue's postings `q` qualifies for, today (a boolean mask)."""
    return np.unpackbits(_qualified_bits(cat, q, today)[0], count=len(cat)).view(bool)


def qualified_digest(
    criteria: Criteria, catalogue: Catalogue, now: datetime.datetime | None = None
) -> str | None:
    """A digest of the postings `criteria.qualified` admits today in this catalogue (None
    without it): two searches by people with the same digest have the same answer."""
    if criteria.qualified is None:
        return None
    today = timezone.localdate(now or timezone.now())
    return _qualified_bits(catalogue, criteria.qualified, today)[1]


def forget_qualified() -> None:
    with _qualified_lock:
        _qualified_masks.clear()
