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

With DEBUG on, every employer comes with its demo recruiters (`demo.generator.recruiters`):
staff users in the Recruiters group with a membership, who sign in to the admin with the
published `DEMO_RECRUITER_PASSWORD` (hashed once per run, as the applicants' is), so never
without DEBUG.
"""

import contextlib
import gc
import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models

from accounts.roles import ensure_recruiters_group
from demo.accounts import DEMO_RECRUITER_PASSWORD
from demo.generator.recruiters import RECRUITER_EMAIL_DOMAIN, generate_recruiters
from listings import vocab
from listings.models import Employer, JobPosting, Membership
from listings.preparation import SlugPool, prepare_employer, prepare_posting

BATCH_SIZE = 2000
BATCHES_AHEAD = 2  # built and waiting while the database stores one (PostgreSQL)


NUMBERED_RECRUITER = re.compile(rf"\.(\d+)@{re.escape(RECRUITER_EMAIL_DOMAIN)}$")


def insert_employers(employers: Sequence[Employer]) -> None:
    """Prepare and insert `employers`; each one gets its primary key and, with DEBUG on,
    its demo recruiters."""
    slugs = SlugPool(Employer.objects.values_list("slug", flat=True))
    for employer in employers:
        prepare_employer(employer, slugs=slugs)
    Employer.objects.bulk_create(employers, batch_size=BATCH_SIZE)
    if settings.DEBUG and employers:
        insert_recruiters(employers)


def next_recruiter_number() -> int:
    """The first free n of first.last.n@recruiters.example.org."""
    emails = get_user_model().objects.filter(email__endswith="@" + RECRUITER_EMAIL_DOMAIN)
    numbers = [
        int(found[1])
        for email in emails.values_list("email", flat=True).iterator()
        if (found := NUMBERED_RECRUITER.search(email))
    ]
    return max(numbers, default=0) + 1


def insert_recruiters(employers: Sequence[Employer]) -> int:
    """The demo recruiters of `employers` (already stored), with verified emails, the
    Recruiters group and their memberships; returns how many. They share the published
    demo password: only for DEBUG runs (see the module's docstring)."""
    if not settings.DEBUG:
        raise RuntimeError("Demo recruiters sign in with a published password: DEBUG only.")
    recruiters = generate_recruiters(
        [employer.name for employer in employers], first_number=next_recruiter_number()
    )
    user_model = get_user_model()
    password = make_password(DEMO_RECRUITER_PASSWORD)
    users = [
        user_model(email=r.email, full_name=r.full_name, password=password, is_staff=True)
        for r in recruiters
    ]
    user_model.objects.bulk_create(users, batch_size=BATCH_SIZE)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH_SIZE,
    )
    group = ensure_recruiters_group()
    if group is not None:
        in_group = user_model.groups.through
        in_group.objects.bulk_create(
            [in_group(user_id=u.pk, group_id=group.pk) for u in users], batch_size=BATCH_SIZE
        )
    Membership.objects.bulk_create(
        [
            Membership(user=user, employer=employers[index], role=vocab.MembershipRole.RECRUITER)
            for user, recruiter in zip(users, recruiters, strict=True)
            for index in recruiter.employers
        ],
        batch_size=BATCH_SIZE,
    )
    return len(users)


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
