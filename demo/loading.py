"""Demo rows into the database in bulk, each one prepared as `save()` prepares it.

Every employer and posting goes through `listings.preparation` (slug, coordinates, clean
text), with slugs claimed from a `SlugPool` that starts with the slugs already stored.

On PostgreSQL the postings go in by COPY, one batch per statement, from a worker thread:
while the database stores a batch and its search trigger writes the batch's full-text
vectors (parsing every description is most of the time a seed takes), Python builds the
next batches on the other core. The triggers stay on, so search rows and change log
(written at commit) are exactly what a posting saved in the admin gets; filling the
vectors in one statement after the load instead was measured no faster per row, and it
cannot overlap with Python. Other databases (SQLite, which `make run` uses) take
`bulk_create` batches.
"""

import contextlib
import gc
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection, models

from listings.models import Employer, JobPosting
from listings.preparation import SlugPool, prepare_employer, prepare_posting

BATCH_SIZE = 2000
BATCHES_AHEAD = 2  # built and waiting while the database stores one (PostgreSQL)


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
    with collector_paused():
        if connection.vendor == "postgresql":
            return _copy_postings(batches, progress)
        stored = 0
        for batch in batches:
            JobPosting.objects.bulk_create(batch)
            stored += len(batch)
            progress(stored)
        return stored


@contextlib.contextmanager
def collector_paused():
    """Without the cyclic garbage collector, which would walk the many objects a load
    keeps alive (instances in flight, converted values) over and over, for about 15% of
    the load's Python time; the rows it builds form no reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _copy_postings(batches: Iterable[Sequence[JobPosting]], progress) -> int:
    """COPY each batch while the next one is built (see the module's docstring)."""
    opts = JobPosting._meta
    fields = [f for f in opts.concrete_fields if not f.generated and f is not opts.auto_field]
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    sql = f"COPY {quote(opts.db_table)} ({names}) FROM STDIN"
    columns = [_Column(field) for field in fields]
    connection.ensure_connection()
    database = connection.connection  # this transaction's psycopg connection

    def write(rows: list[tuple]) -> int:
        with database.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)

    stored = 0
    writing: deque[Future[int]] = deque()  # batches handed to the writer, oldest first
    with connection.wrap_database_errors, ThreadPoolExecutor(max_workers=1) as writer:
        for batch in batches:
            rows = list(zip(*(column.values(batch) for column in columns), strict=True))
            writing.append(writer.submit(write, rows))
            if len(writing) > BATCHES_AHEAD:
                stored += writing.popleft().result()  # raises what stopped the batch
                progress(stored)
        while writing:
            stored += writing.popleft().result()
            progress(stored)
    return stored


class _Column:
    """One column's values as `bulk_create` would send them: the field's `pre_save`, then
    its `get_db_prep_save`. Most columns repeat a few values (codes, amounts, days), so each
    distinct value is converted once; free text never repeats, hence the limit."""

    LIMIT = 10_000

    def __init__(self, field: models.Field):
        self.field = field
        self.converted: dict = {}

    def values(self, objs: Sequence[models.Model]) -> list:
        pre_save, prep = self.field.pre_save, self.field.get_db_prep_save
        converted = self.converted
        values = []
        for obj in objs:
            value = pre_save(obj, True)
            # The type is in the key: 1 == True == Decimal(1), but each converts its own way.
            key = (type(value), tuple(value) if isinstance(value, list) else value)
            try:
                values.append(converted[key])
            except KeyError:
                converted_value = prep(value, connection)
                if len(converted) < self.LIMIT:
                    converted[key] = converted_value
                values.append(converted_value)
            except TypeError:  # an unhashable value
                values.append(prep(value, connection))
        return values
