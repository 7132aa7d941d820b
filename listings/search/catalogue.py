"""The search index: the listable postings' facts as NumPy columns, one array per column.

Why: every facet option shows how many postings it would give with the *other* selections
applied, which in SQL is one aggregate per facet over the whole catalogue (the browsing
issue measured that at 0.25% of a bare view at 100,000 postings). Each process instead
keeps a few small columns of the listable postings (about 60 bytes a posting) and answers
counts, radius, pay, recency and sorting with masks and bincounts in milliseconds.

Each column is declared once in `COLUMNS`: what it reads from a posting and how it turns
that into the stored value. The build reads the declared fields for every listable posting
(`JobPostingQuerySet.listable()`) and evaluates each declaration a chunk at a time.
"""

import ctypes
import gc
import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import BigIntegerField, Expression, F, FloatField
from django.db.models.functions import Cast

from listings import requirements, vocab
from listings.models import CatalogueVersion, JobPosting
from listings.querysets import closing_time
from listings.search.criteria import LicensureFacet
from listings.search.keywords import forget_recent_keywords

# What the build reads, by name: model fields, or expressions for the bitmask fields (read
# as integers, not turned into lists of codes).
READS: dict[str, str | Expression] = {
    "id": F("id"),
    "role": F("role"),
    "setting": F("setting"),
    "min_degree": F("min_degree"),
    "employment_type": F("employment_type"),
    "state": F("state"),
    "licensure_status": F("licensure_status"),
    "acote_required": F("acote_required"),
    "credentials": Cast("required_credentials", BigIntegerField()),
    "certifications": Cast("required_certifications", BigIntegerField()),
    "ages": Cast("age_groups", BigIntegerField()),
    "years_experience": F("years_experience"),
    "drivers_license_required": F("drivers_license_required"),
    "latitude": F("latitude"),
    "longitude": F("longitude"),
    "pay": Cast("pay_annual_max", FloatField()),
    "published_at": F("published_at"),
    "expires_at": F("expires_at"),
    "apply_by": F("apply_by"),
    "employer_id": F("employer_id"),
}


@dataclass(frozen=True)
class Column:
    """A stored array (or several, for `names`) and how one posting's fields give its value."""

    names: tuple[str, ...]
    reads: tuple[str, ...]
    dtype: Any
    value: Callable[..., Any]  # fields in `reads` order -> the value (a tuple for several)


def _code_index(vocabulary) -> Callable[[str], int]:
    index = {code: i for i, code in enumerate(vocabulary.values)}
    return index.__getitem__


_CREDENTIAL_BIT = {code: 1 << i for i, code in enumerate(vocab.Credential.values)}
_LICENSURE_BIT = {code: 1 << i for i, code in enumerate(LicensureFacet.values)}


def licensure_options(status: str, credentials: int) -> int:
    """The licensure facet's options a posting falls under, as bits of `LicensureFacet`."""
    bits = 0
    if status == vocab.LicensureStatus.NONE:
        bits |= _LICENSURE_BIT[LicensureFacet.NONE]
    if status == vocab.LicensureStatus.LICENSE_ELIGIBLE:
        bits |= _LICENSURE_BIT[LicensureFacet.LICENSE_ELIGIBLE]
    if credentials & _CREDENTIAL_BIT[vocab.Credential.OT_LICENSE]:
        bits |= _LICENSURE_BIT[LicensureFacet.OT_LICENSE]
    if credentials & _CREDENTIAL_BIT[vocab.Credential.OTA_LICENSE]:
        bits |= _LICENSURE_BIT[LicensureFacet.OTA_LICENSE]
    if credentials & (
        _CREDENTIAL_BIT[vocab.Credential.NBCOT_OTR] | _CREDENTIAL_BIT[vocab.Credential.NBCOT_COTA]
    ):
        bits |= _LICENSURE_BIT[LicensureFacet.NBCOT]
    return bits


_CERTIFICATION_CODES = vocab.Certification.values
_CREDENTIAL_CODES = vocab.Credential.values
REQUIREMENT_FIELDS = tuple(requirements.Encoded.__dataclass_fields__)
REQUIREMENT_READS = (
    "role", "state", "min_degree", "acote_required", "licensure_status", "credentials",
    "certifications", "drivers_license_required", "years_experience",
)  # fmt: skip


@lru_cache(maxsize=65_536)  # few distinct combinations: the build meets each once
def _encoded_requirements(
    role, state, degree, acote, status, credentials, certifications, driving, years
) -> tuple:
    req = requirements.Requirements.from_values(
        role=role,
        state=state,
        min_degree=degree,
        acote_required=acote,
        licensure_status=status,
        required_credentials=[c for i, c in enumerate(_CREDENTIAL_CODES) if credentials >> i & 1],
        required_certifications=[
            c for i, c in enumerate(_CERTIFICATION_CODES) if certifications >> i & 1
        ],
        drivers_license_required=driving,
        years_experience=years,
    )
    encoded = requirements.encode(req)
    return tuple(getattr(encoded, name) for name in REQUIREMENT_FIELDS)


def _timestamp(value) -> float:
    return value.timestamp()


def _closes(expires_at, apply_by) -> float:
    return closing_time(expires_at, apply_by).timestamp()


def _radians(value) -> float:
    return math.nan if value is None else math.radians(value)


COLUMNS: tuple[Column, ...] = (
    Column(("role",), ("role",), np.uint8, _code_index(vocab.Role)),
    Column(("setting",), ("setting",), np.uint8, _code_index(vocab.Setting)),
    Column(("degree",), ("min_degree",), np.uint8, _code_index(vocab.Degree)),
    Column(("employment",), ("employment_type",), np.uint8, _code_index(vocab.EmploymentType)),
    Column(("state",), ("state",), np.uint8, _code_index(vocab.State)),
    Column(("licensure",), ("licensure_status", "credentials"), np.int64, licensure_options),
    Column(("ages",), ("ages",), np.int64, int),
    Column(
        ("new_grad",),
        ("licensure_status", "years_experience"),
        bool,
        requirements.new_grads_welcome,
    ),
    Column(("driving",), ("drivers_license_required",), bool, bool),
    Column(("lat",), ("latitude",), np.float64, _radians),  # NaN where the ZIP is unknown
    Column(("lon",), ("longitude",), np.float64, _radians),
    Column(("pay",), ("pay",), np.float64, float),  # the top of the range, a year
    Column(("opens",), ("published_at",), np.float64, _timestamp),
    Column(("closes",), ("expires_at", "apply_by"), np.float64, _closes),
    Column(("employer",), ("employer_id",), np.int64, int),
    # What the "jobs I qualify for" filter compares (listings.requirements.qualified_mask).
    Column(
        tuple(f"req_{name}" for name in REQUIREMENT_FIELDS),
        REQUIREMENT_READS,
        (np.uint8, bool, np.uint8, bool, np.uint8, np.uint8, np.int64, bool, np.uint8),
        _encoded_requirements,
    ),
)
# Newest first: a posting's position is its place in the "newest" sort.
ORDER = ("-published_at", "-id")
_CHUNK = 5000


@dataclass
class Catalogue:
    """One process's snapshot of the listable postings, newest first."""

    version: tuple
    ids: np.ndarray
    columns: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        self.id_order = np.argsort(self.ids, kind="stable")
        self.sorted_ids = self.ids[self.id_order]

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

    def requirement_columns(self) -> dict[str, np.ndarray]:
        return {name: self.columns[f"req_{name}"] for name in REQUIREMENT_FIELDS}


def _rows(queryset) -> Iterable[tuple]:
    names = list(READS)
    return (
        queryset.order_by(*ORDER)
        .annotate(**{f"_{name}": expression for name, expression in READS.items()})
        .values_list(*(f"_{name}" for name in names))
        .iterator(chunk_size=_CHUNK)
    )


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


def build_catalogue(version: tuple) -> Catalogue:
    """Read every listable posting's columns (low peak memory: a chunk at a time)."""
    ids, columns = arrays_from_rows(_rows(JobPosting.objects.listable()))
    return Catalogue(version=version, ids=ids, columns=columns)


# The version: when to rebuild ---------------------------------------------------------------
_version_lock = threading.Lock()
_version: tuple = ((), float("-inf"))  # (version, monotonic time it was read)


def catalogue_version() -> tuple:
    """The catalogue's version: a counter that database triggers move on every write to
    postings or employers (`CatalogueVersion`), read by primary key.

    Read at most once every `SEARCH_VERSION_CHECK_SECONDS` per process, so that cached
    pages are served without touching the database; a change shows within that time.
    """
    global _version
    held, read_at = _version
    max_age = settings.SEARCH_VERSION_CHECK_SECONDS
    if held and time.monotonic() - read_at < max_age:
        return held
    value = CatalogueVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    version = (value,)
    with _version_lock:
        _version = (version, time.monotonic())
    return version


_lock = threading.Lock()
_current: Catalogue | None = None


def current_catalogue() -> Catalogue:
    """This process's catalogue, rebuilt when the postings table has changed."""
    global _current
    version = catalogue_version()
    held = _current
    if held and held.version == version:
        return held
    with _lock:
        held = _current
        if held and held.version == version:
            return held
        _current = build_catalogue(version)
        _release_freed_memory()
        return _current


def reset_catalogue() -> None:
    """Forget this process's index, version and remembered keyword results (tests)."""
    global _current, _version
    forget_recent_keywords()
    with _lock:
        _current = None
    with _version_lock:
        _version = ((), float("-inf"))


def _release_freed_memory() -> None:
    """Hand the build's garbage back to the OS (about 15 MB at 100,000 postings)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
