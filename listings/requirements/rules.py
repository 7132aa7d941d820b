"""The board's hiring rules (DOMAIN.md): which license and exam each role needs, the
Licensure Compact, degree ranks, and what "new graduates welcome" means."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from listings import vocab

# Licensure -------------------------------------------------------------------------------
STATE_LICENSES = (vocab.Credential.OT_LICENSE, vocab.Credential.OTA_LICENSE)
NBCOT_CERTIFICATIONS = (vocab.Credential.NBCOT_OTR, vocab.Credential.NBCOT_COTA)
# The national exam behind each state license: passing it makes a graduate license-eligible.
LICENSE_NBCOT: dict[str, str] = {
    vocab.Credential.OT_LICENSE: vocab.Credential.NBCOT_OTR,
    vocab.Credential.OTA_LICENSE: vocab.Credential.NBCOT_COTA,
}

# The Occupational Therapy Licensure Compact (DOMAIN.md): shown beside a compact hint, never
# as a promise. No privileges had been issued as of Sep 2025 (go-live to be determined).
COMPACT_AS_OF = datetime.date(2025, 9, 1)
COMPACT_PRIVILEGES_ISSUED = False
COMPACT_MEMBER_STATES = frozenset(
    {
        "AL", "AR", "AZ", "CO", "DE", "GA", "IA", "IN", "KY", "LA", "ME", "MD", "MO", "MS",
        "MT", "NC", "NE", "NH", "OH", "SC", "SD", "TN", "UT", "VA", "WA", "WI", "WV", "WY",
        "VT",
    }
)  # fmt: skip
STATE_NAMES = dict(vocab.State.choices)


@dataclass(frozen=True)
class RoleStandard:
    """What the law and the profession ask of a role, whoever the employer."""

    degree: vocab.Degree  # entry-level minimum
    license: vocab.Credential | None  # the state license a practitioner holds
    nbcot: vocab.Credential | None  # the national certification behind that license


ROLE_STANDARDS: Mapping[str, RoleStandard] = {
    vocab.Role.PEDIATRIC_OT: RoleStandard(
        vocab.Degree.MASTERS, vocab.Credential.OT_LICENSE, vocab.Credential.NBCOT_OTR
    ),
    vocab.Role.SCHOOL_OT: RoleStandard(
        vocab.Degree.MASTERS, vocab.Credential.OT_LICENSE, vocab.Credential.NBCOT_OTR
    ),
    vocab.Role.COTA: RoleStandard(
        vocab.Degree.ASSOCIATE, vocab.Credential.OTA_LICENSE, vocab.Credential.NBCOT_COTA
    ),
    # Unlicensed, trained on the job and supervised: the first step of the career ladder.
    vocab.Role.OT_TECHNICIAN: RoleStandard(vocab.Degree.HIGH_SCHOOL, None, None),
}


def is_licensed_role(role: str) -> bool:
    """Whether practitioners of this role hold a state license (OTs and COTAs do)."""
    return ROLE_STANDARDS[role].license is not None


def new_grads_welcome(licensure_status: str, years_experience: int) -> bool:
    """ "New-grad friendly": license-eligible, or no experience required."""
    return licensure_status == vocab.LicensureStatus.LICENSE_ELIGIBLE or years_experience == 0


DEGREE_RANK = {degree: rank for rank, degree in enumerate(vocab.Degree.values)}


def degree_meets(held: str, required: str) -> bool:
    """Degrees are ordered: a master's meets a bachelor's requirement, not the reverse."""
    return DEGREE_RANK[held] >= DEGREE_RANK[required]
