"""Demo rows into the database in bulk, each one prepared as `save()` prepares it.

Every employer and posting goes through `listings.preparation` (slug, coordinates, clean
text), with slugs claimed from a `SlugPool` that starts with the slugs already stored.
"""

import itertools
from collections.abc import Callable, Iterable, Sequence

from listings.models import Employer, JobPosting
from listings.preparation import SlugPool, prepare_employer, prepare_posting

BATCH_SIZE = 2000


def insert_employers(employers: Sequence[Employer]) -> None:
    """Prepare and insert `employers`; each one gets its primary key."""
    slugs = SlugPool(Employer.objects.values_list("slug", flat=True))
    for employer in employers:
        prepare_employer(employer, slugs=slugs)
    Employer.objects.bulk_create(employers, batch_size=BATCH_SIZE)


def insert_postings(
    postings: Iterable[JobPosting], *, progress: Callable[[int], None] = lambda stored: None
) -> int:
    """Prepare and insert `postings`, built lazily and stored in their order; returns how
    many. `progress` is told how many are stored after every batch."""
    slugs = SlugPool(JobPosting.objects.values_list("slug", flat=True))
    prepared = (prepare_posting(posting, slugs=slugs) for posting in postings)
    batches = itertools.batched(prepared, BATCH_SIZE, strict=False)
    stored = 0
    for batch in batches:
        JobPosting.objects.bulk_create(batch)
        stored += len(batch)
        progress(stored)
    return stored
