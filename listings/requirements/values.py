"""What a posting requires and what a person holds, as plain values."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from listings import vocab
from listings.requirements.rules import (
    NBCOT_CERTIFICATIONS,
    ROLE_STANDARDS,
    STATE_LICENSES,
    new_grads_welcome,
)


# What a posting requires -------------------------------------------------------------------
@dataclass(frozen=True)
class Requirements:
    """A posting's requirements as data, in the terms a person's credentials are held."""

    role: str
    state: str  # the job's state: licenses are held per state
    min_degree: str
    acote_required: bool
    licensure_status: str
    license: str | None  # the state license needed (OT or OTA), or None
    nbcot: str | None  # NBCOT certification required (OTR or COTA), or None
    certifications: frozenset[str] = frozenset()
    drivers_license: bool = False
    years_experience: int = 0

    @classmethod
    def from_values(
        cls,
        *,
        role: str,
        state: str,
        min_degree: str,
        acote_required: bool,
        licensure_status: str,
        required_credentials: Iterable[str],
        required_certifications: Iterable[str] = (),
        drivers_license_required: bool = False,
        years_experience: int = 0,
    ) -> "Requirements":
        credentials = set(required_credentials)
        license = next((c for c in STATE_LICENSES if c in credentials), None)
        if license is None and licensure_status != vocab.LicensureStatus.NONE:
            # A posting that asks for licensure without naming the license: the role's own.
            license = ROLE_STANDARDS[role].license
        return cls(
            role=role,
            state=state,
            min_degree=min_degree,
            acote_required=acote_required,
            licensure_status=licensure_status,
            license=license,
            nbcot=next((c for c in NBCOT_CERTIFICATIONS if c in credentials), None),
            certifications=frozenset(required_certifications),
            drivers_license=drivers_license_required,
            years_experience=years_experience,
        )

    # The posting fields `of()` reads: load just these to evaluate one posting.
    FIELDS = (
        "role",
        "state",
        "min_degree",
        "acote_required",
        "licensure_status",
        "required_credentials",
        "required_certifications",
        "drivers_license_required",
        "years_experience",
    )

    @classmethod
    def of(cls, posting) -> "Requirements":
        """The requirements of a `JobPosting` (or anything with its field names)."""
        return cls.from_values(
            role=posting.role,
            state=posting.state,
            min_degree=posting.min_degree,
            acote_required=posting.acote_required,
            licensure_status=posting.licensure_status,
            required_credentials=posting.required_credentials,
            required_certifications=posting.required_certifications,
            drivers_license_required=posting.drivers_license_required,
            years_experience=posting.years_experience,
        )

    @property
    def license_eligible(self) -> bool:
        return self.licensure_status == vocab.LicensureStatus.LICENSE_ELIGIBLE

    @property
    def new_grads_welcome(self) -> bool:
        return new_grads_welcome(self.licensure_status, self.years_experience)


# What a person holds -----------------------------------------------------------------------
@dataclass(frozen=True)
class HeldLicense:
    kind: str  # vocab.Credential.OT_LICENSE or OTA_LICENSE
    state: str
    expires: datetime.date | None = None

    def valid_on(self, day: datetime.date) -> bool:
        return self.expires is None or self.expires >= day


@dataclass(frozen=True)
class HeldCertification:
    kind: str  # vocab.Credential.NBCOT_OTR or NBCOT_COTA
    expires: datetime.date | None = None

    def valid_on(self, day: datetime.date) -> bool:
        return self.expires is None or self.expires >= day


@dataclass(frozen=True)
class Qualifications:
    """What a person holds. `None` means not stated: such a requirement reads "can't tell"."""

    degree: str | None = None
    acote: bool | None = None
    licenses: tuple[HeldLicense, ...] = ()
    nbcot: tuple[HeldCertification, ...] = ()
    certifications: frozenset[str] = field(default_factory=frozenset)
    drivers_license: bool | None = None
    years_experience: int | None = None
    new_graduate: bool = False  # graduated, with the exam or a license still pending
