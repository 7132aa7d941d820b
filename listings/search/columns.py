"""What the search index holds, one declaration per column: what the build reads from the
database for each posting and how it turns that into a NumPy value (listings.search.catalogue
builds and keeps the index)."""

import datetime
import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from django.db.models import BigIntegerField, Expression, F, FloatField, Func
from django.db.models.functions import Cast, Coalesce, TruncDate

from listings import requirements, vocab
from listings.querysets import closing_time
from listings.search.criteria import LicensureFacet


class Epoch(Func):
    """A date-time as seconds since 1970 (UTC), computed by the database: 100,000 of them
    are read as numbers, never built as datetime objects."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::float8", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores UTC "YYYY-MM-DD HH:MM:SS[.ffffff]" text. Whole microseconds divided
        # once, as datetime.timestamp() does: the same float to the last bit, so the index
        # opens and closes a posting at the very microsecond open_condition() does
        # (julianday's fraction of a day was off by up to about 20 microseconds).
        return self.as_sql(
            compiler,
            connection,
            template=(
                "((CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) * 1000000"
                " + CAST(substr(%(expressions)s || '.000000', 21, 6) AS INTEGER)) / 1000000.0)"
            ),
            **extra,
        )


# What the build reads, by name: model fields, or expressions for the bitmask fields (read
# as integers, not turned into lists of codes).
READS: dict[str, F | Expression] = {
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
    "published_at": Epoch("published_at"),
    "expires_at": Epoch("expires_at"),
    "apply_by": F("apply_by"),
    # `confirmation_day()` in SQL: never confirmed counts from the publication day (the
    # database gives that day exactly, where an epoch read back could round across midnight).
    "confirmed": Coalesce("last_confirmed_open", TruncDate("published_at")),
    "employer_id": F("employer_id"),
    "slug": F("slug"),
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
def encoded_requirements(
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


def slug_hash(slug: str) -> int:
    """A posting's slug as 8 bytes, to find a posting by its URL without the database."""
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=8).digest(), signed=True)


_NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


@lru_cache(maxsize=4096)
def _apply_by_ends(day: datetime.date | str) -> float:
    """When an apply-by day ends (`closing_time`), as a timestamp. SQLite hands dates over
    as text; the cache is keyed by what the driver gives."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return closing_time(_NEVER, day, None).timestamp()


@lru_cache(maxsize=4096)
def _confirmation_ends(day: datetime.date | str) -> float:
    """When a confirmation on `day` stops holding (`closing_time`), as a timestamp."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return closing_time(_NEVER, None, day).timestamp()


def _closes(
    expires_at: float,
    apply_by: datetime.date | str | None,
    confirmed: datetime.date | str | None,
) -> float:
    """`closing_time()` of a listable posting, from the values the index reads."""
    closes = expires_at
    if apply_by is not None:
        closes = min(closes, _apply_by_ends(apply_by))
    if confirmed is not None:
        closes = min(closes, _confirmation_ends(confirmed))
    return closes


def _radians(value) -> float:
    return math.nan if value is None else math.radians(value)


COLUMNS: tuple[Column, ...] = (
    Column(("role",), ("role",), np.uint8, _code_index(vocab.Role)),
    Column(("setting",), ("setting",), np.uint8, _code_index(vocab.Setting)),
    Column(("degree",), ("min_degree",), np.uint8, _code_index(vocab.Degree)),
    Column(("employment",), ("employment_type",), np.uint8, _code_index(vocab.EmploymentType)),
    Column(("state",), ("state",), np.uint8, _code_index(vocab.State)),
    Column(("licensure",), ("licensure_status", "credentials"), np.uint8, licensure_options),
    Column(("ages",), ("ages",), np.uint8, int),
    Column(
        ("new_grad",),
        ("licensure_status", "years_experience"),
        bool,
        requirements.new_grads_welcome,
    ),
    Column(("driving",), ("drivers_license_required",), bool, bool),
    Column(("lat",), ("latitude",), np.float32, _radians),  # NaN where the ZIP is unknown
    Column(("lon",), ("longitude",), np.float32, _radians),
    Column(("pay",), ("pay",), np.float32, float),  # the top of the range, a year
    Column(("opens",), ("published_at",), np.float64, float),
    Column(
        ("closes",),
        ("expires_at", "apply_by", "confirmed"),
        np.float64,
        _closes,
    ),
    Column(("employer",), ("employer_id",), np.int32, int),
    Column(("slug",), ("slug",), np.int64, slug_hash),
    # What the "jobs I qualify for" filter compares (listings.requirements.qualified_mask).
    Column(
        tuple(f"req_{name}" for name in REQUIREMENT_FIELDS),
        REQUIREMENT_READS,
        (np.uint8, bool, np.uint8, bool, np.uint8, np.uint8, np.uint8, bool, np.uint8),
        encoded_requirements,
    ),
)
# Newest first: a posting's position is its place in the "newest" sort.
ORDER = ("-published_at", "-id")
