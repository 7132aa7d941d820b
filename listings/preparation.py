"""What a posting or employer stores but nobody types: slugs, coordinates, clean text.

One function per model, used by `save()`, the demo generator and bulk imports alike, so a
row is the same whichever way it arrived.
"""

import secrets

from django.db import models
from django.utils.text import slugify

from listings.geo import zip_place
from listings.text import xml_safe

POSTING_SLUG_LENGTH = 120
EMPLOYER_SLUG_LENGTH = 80


class SlugPool:
    """Slugs already taken, held in memory: for bulk inserts, where asking the database
    once per row would cost more than the insert. New slugs get `-2`, `-3`... suffixes."""

    def __init__(self, taken=()):
        self.taken = set(taken)
        self.last_suffix: dict[str, int] = {}  # per base: a thousand equal titles stay linear

    def claim(self, base: str, *, max_length: int) -> str:
        base = base[:max_length].strip("-") or "item"
        candidate, counter = base, self.last_suffix.get(base, 1)
        while candidate in self.taken:
            counter += 1
            suffix = f"-{counter}"
            candidate = base[: max_length - len(suffix)].strip("-") + suffix
        self.taken.add(candidate)
        self.last_suffix[base] = counter
        return candidate


def _unique_slug(model: type[models.Model], text: str, *, max_length: int, pool) -> str:
    base = slugify(text)[: max_length - 7].strip("-") or "item"
    if pool is not None:
        return pool.claim(base, max_length=max_length)
    slug = base
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def _clean_text(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, xml_safe(value))


def prepare_posting(posting, *, slugs: SlugPool | None = None):
    """Set the slug (once; it never changes), latitude and longitude (from the ZIP, None
    when unknown) and strip characters no page or feed can carry. Returns the posting."""
    _clean_text(posting)
    if not posting.slug:
        posting.slug = _unique_slug(
            type(posting),
            f"{posting.title} {posting.city} {posting.state}",
            max_length=POSTING_SLUG_LENGTH,
            pool=slugs,
        )
    place = zip_place(posting.zip_code)
    posting.latitude = place.latitude if place else None
    posting.longitude = place.longitude if place else None
    return posting


def prepare_employer(employer, *, slugs: SlugPool | None = None):
    """Set the slug (once) and strip characters no page or feed can carry."""
    _clean_text(employer)
    if not employer.slug:
        employer.slug = _unique_slug(
            type(employer),
            f"{employer.name} {employer.city} {employer.state}",
            max_length=EMPLOYER_SLUG_LENGTH,
            pool=slugs,
        )
    return employer
