"""Layer 3: one card's HTML per posting, stamp, day and variant (`posting_cards`), and the
signatures pages name their postings by."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from listings.caching.base import KEY_VERSION, Recent, digest
from listings.models import JobPosting
from listings.search.catalogue import Catalogue

_recent_cards = Recent(max_bytes=2 * 1024 * 1024)

CARD_TEMPLATE = "includes/posting_card.html"


def posting_cards(
    ids: Sequence[int],
    catalogue: Catalogue,
    *,
    distances: Sequence[float | None] | None = None,
    hide_employer: bool = False,
    distance_from: str = "away",
) -> list[SafeString]:
    """The cards of these postings, in order; a posting that is no longer open is left out.

    Cards still cached for the posting's stamp and today are read in one round trip; the
    others are read from the database (through `open()`) and rendered.
    """
    if not ids:
        return []
    distances = distances or [None] * len(ids)
    day = timezone.localdate()
    stamps = catalogue.stamps_of(ids)
    keys = [
        "card:" + KEY_VERSION + ":" + digest(i, s, day, d, hide_employer, distance_from)
        for i, s, d in zip(ids, stamps, distances, strict=True)
    ]
    found = {}
    for key in keys:
        card = _recent_cards.get(key)
        if card is not None:
            found[key] = card
    if len(found) < len(keys):
        shared = cache.get_many([key for key in keys if key not in found])
        for key, card in shared.items():
            _recent_cards.set(key, card)
        found.update(shared)
    missing = [i for i, key in zip(ids, keys, strict=True) if key not in found]
    if missing:
        postings = JobPosting.objects.open().with_employer().in_bulk(missing)
        rendered = {}
        for posting_id, key, miles in zip(ids, keys, distances, strict=True):
            posting = postings.get(posting_id)
            if key in found or posting is None:
                continue
            posting.distance = miles
            rendered[key] = render_to_string(
                CARD_TEMPLATE,
                {
                    "posting": posting,
                    "hide_employer": hide_employer,
                    "distance_from": distance_from,
                },
            )
        cache.set_many(rendered, settings.FRAGMENT_CACHE_SECONDS)
        for key, card in rendered.items():
            _recent_cards.set(key, card)
        found.update(rendered)
    return [mark_safe(found[key]) for key in keys if key in found]  # noqa: S308


def row_signature(*rows: Model) -> str:
    """A digest of model rows' stored values: changes when any of them does."""
    values: list[object] = []
    for row in rows:
        values.append(type(row).__name__)
        values += [getattr(row, f.attname) for f in row._meta.concrete_fields]
    return digest(*values)


def card_signature(ids: Iterable[int], catalogue: Catalogue) -> tuple:
    ids = list(ids)
    return tuple(ids), tuple(catalogue.stamps_of(ids))
