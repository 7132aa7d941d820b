"""What a posting requires, what a person holds, and whether one meets the other.

The one home of the board's hiring rules (DOMAIN.md): which license each role needs, when
a degree is enough, what "license-eligible" and "new graduates welcome" mean. The posting
page's checklist, the listing's "jobs I qualify for" filter (over the search index's
columns) and the applicants' and recruiters' pages all ask here.

`Requirements` and `Qualifications` are plain values, so `listings` never needs to know
where a person's credentials are kept: the applicants app adapts its profiles to
`Qualifications`. `evaluate()` explains each requirement to a person; `qualified_mask()`
decides the same over many postings at once, and a test holds the two together.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import models
from django.utils import timezone

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


# Evaluating one posting ----------------------------------------------------------------------
class Outcome(models.TextChoices):
    MET = "met", "Meets"
    NOT_MET = "not_met", "Does not meet"
    UNKNOWN = "unknown", "Can't tell"
    INFO = "info", "For your information"


PASSING = frozenset({Outcome.MET, Outcome.INFO})


@dataclass(frozen=True)
class Check:
    """One line of a posting's requirement checklist, and how a person fares against it.

    `outcome` is None when no one's qualifications were given (the public checklist).
    """

    key: str
    requirement: str
    outcome: Outcome | None = None
    reason: str = ""


def _degree_text(req: Requirements) -> str:
    text = vocab.Degree(req.min_degree).label
    if req.min_degree not in (vocab.Degree.HIGH_SCHOOL, vocab.Degree.DOCTORATE):
        text += " or higher"
    return text + (" from an ACOTE-accredited program" if req.acote_required else "")


def _license_text(req: Requirements, license: str) -> str:
    label = vocab.Credential(license).label
    state = STATE_NAMES[req.state]
    if req.license_eligible:
        return f"{label} in {state}, or eligible for one: new graduates welcome"
    return f"{label} in {state} at start"


def _experience_text(years: int) -> str:
    if years == 0:
        return "New graduates welcome: no experience required"
    return f"{years} year{'s' if years != 1 else ''} of pediatric experience"


def _degree_check(req: Requirements, q: Qualifications) -> tuple[Outcome, str]:
    if q.degree is None:
        return Outcome.UNKNOWN, "Add your highest degree to your profile."
    if not degree_meets(q.degree, req.min_degree):
        return Outcome.NOT_MET, f"Your highest degree: {vocab.Degree(q.degree).label}."
    if req.acote_required:
        if q.acote is None:
            return Outcome.UNKNOWN, "Say whether your program was ACOTE-accredited."
        if not q.acote:
            return Outcome.NOT_MET, "Your program was not ACOTE-accredited."
    return Outcome.MET, ""


def _license_check(req: Requirements, license: str, q: Qualifications, today: datetime.date):
    """The state license: held in the job's state, or (license-eligible) on its way."""
    held = [lic for lic in q.licenses if lic.kind == license]
    here = [lic for lic in held if lic.state == req.state]
    label = vocab.CREDENTIAL_SHORT_LABELS[vocab.Credential(license)]
    state = STATE_NAMES[req.state]
    if any(lic.valid_on(today) for lic in here):
        return Outcome.MET, f"You hold {_a(label)} in {state}."
    elsewhere = sorted({lic.state for lic in held if lic.valid_on(today)})
    if req.license_eligible:
        if elsewhere:
            return Outcome.MET, (
                f"You hold {_a(label)} in {_states(elsewhere)}; you can apply for one in "
                f"{state} by endorsement."
            )
        if q.new_graduate:
            return Outcome.MET, "New graduates are welcome while the exam or license is pending."
        exam = LICENSE_NBCOT[vocab.Credential(license)]
        if any(c.kind == exam and c.valid_on(today) for c in q.nbcot):
            return Outcome.MET, f"Your NBCOT certification makes you eligible in {state}."
    if here:
        return Outcome.NOT_MET, f"Your {state} {label} expired on {_date(here[0].expires)}."
    if elsewhere:
        return Outcome.NOT_MET, f"You hold {_a(label)} in {_states(elsewhere)}, not {state}."
    return Outcome.NOT_MET, f"You have not added {_a(label)}."


def _compact_note(req: Requirements, q: Qualifications, today: datetime.date) -> str:
    """A Licensure Compact hint, when it could apply; never a promise."""
    if req.state not in COMPACT_MEMBER_STATES:
        return ""
    held = {
        lic.state
        for lic in q.licenses
        if lic.kind == req.license and lic.valid_on(today) and lic.state != req.state
    }
    members = sorted(held & COMPACT_MEMBER_STATES)
    if not members:
        return ""
    issued = (
        "privileges are being issued"
        if COMPACT_PRIVILEGES_ISSUED
        else "no compact privileges had been issued yet"
    )
    return (
        f"{STATE_NAMES[req.state]} and {_states(members)} are members of the Occupational "
        f"Therapy Licensure Compact (as of {COMPACT_AS_OF:%B %Y}; {issued}). Ask the "
        f"{STATE_NAMES[req.state]} board whether a compact privilege would let you start."
    )


def _nbcot_check(req: Requirements, q: Qualifications, today: datetime.date):
    held = [c for c in q.nbcot if c.kind == req.nbcot]
    if any(c.valid_on(today) for c in held):
        return Outcome.MET, ""
    if req.license_eligible and q.new_graduate:
        return Outcome.MET, "New graduates are welcome while the exam is pending."
    if held:
        return Outcome.NOT_MET, f"Your certification expired on {_date(held[0].expires)}."
    return Outcome.NOT_MET, "You have not added this certification."


def evaluate(
    req: Requirements, q: Qualifications | None = None, *, today: datetime.date | None = None
) -> list[Check]:
    """Every requirement of a posting, in checklist order, each judged against `q` if given."""
    today = today or timezone.localdate()
    checks: list[Check] = []

    def add(key: str, text: str, judged: tuple[Outcome, str] | None = None) -> None:
        if q is None:
            checks.append(Check(key, text))
        else:
            outcome, reason = judged if judged else (Outcome.INFO, "")
            checks.append(Check(key, text, outcome, reason))

    add("degree", _degree_text(req), _degree_check(req, q) if q else None)
    if req.license is None:
        add("license", "No license required")
    else:
        judged = _license_check(req, req.license, q, today) if q else None
        add("license", _license_text(req, req.license), judged)
        note = _compact_note(req, q, today) if q else ""
        if note:
            checks.append(Check("compact", "Licensure Compact", Outcome.INFO, note))
    if req.nbcot:
        text = vocab.Credential(req.nbcot).label
        if req.license_eligible:
            text += " (or the exam pending, for new graduates)"
        add("nbcot", text, _nbcot_check(req, q, today) if q else None)
    for cert in vocab.Certification:
        if cert in req.certifications:
            judged = None
            if q:
                judged = (
                    (Outcome.MET, "")
                    if cert in q.certifications
                    else (Outcome.NOT_MET, "Not on your profile.")
                )
            add(f"cert:{cert.value}", cert.label, judged)
    if req.drivers_license:
        judged = None
        if q:
            judged = {
                True: (Outcome.MET, ""),
                False: (Outcome.NOT_MET, "Your profile says you don't drive."),
                None: (Outcome.UNKNOWN, "Say on your profile whether you hold one."),
            }[q.drivers_license]
        add("driving", "Valid driver's license and auto insurance", judged)
    years = req.years_experience
    judged = None
    if q and years:
        if q.years_experience is None:
            judged = (Outcome.UNKNOWN, "Add your years of pediatric experience.")
        elif q.years_experience >= years:
            judged = (Outcome.MET, "")
        else:
            judged = (Outcome.NOT_MET, f"You have {_years(q.years_experience)}.")
    add("experience", _experience_text(years), judged)
    return checks


def meets_all(checks: Sequence[Check]) -> bool:
    """Every requirement met (informational lines pass; "can't tell" does not)."""
    return all(check.outcome in PASSING for check in checks)


def qualifies(req: Requirements, q: Qualifications, *, today: datetime.date | None = None) -> bool:
    return meets_all(evaluate(req, q, today=today))


@dataclass(frozen=True)
class Fit:
    """One person against one posting: every check, and what they add up to."""

    checks: tuple[Check, ...]

    @property
    def qualifies(self) -> bool:
        return meets_all(self.checks)

    @property
    def not_met(self) -> list[Check]:
        return [c for c in self.checks if c.outcome == Outcome.NOT_MET]

    @property
    def unknown(self) -> list[Check]:
        return [c for c in self.checks if c.outcome == Outcome.UNKNOWN]


def fit(req: Requirements, q: Qualifications, *, today: datetime.date | None = None) -> Fit:
    return Fit(tuple(evaluate(req, q, today=today)))


# Evaluating many postings at once (the search index) ---------------------------------------
STATE_INDEX = {code: i for i, code in enumerate(vocab.State.values)}
LICENSE_CODES = (None, *STATE_LICENSES)  # column value 0: no license needed
NBCOT_CODES = (None, *NBCOT_CERTIFICATIONS)
CERTIFICATION_BIT = {code: 1 << i for i, code in enumerate(vocab.Certification.values)}


@dataclass(frozen=True)
class Encoded:
    """A posting's requirements as the small integers the search index stores."""

    degree: int
    acote: bool
    license: int  # index into LICENSE_CODES
    eligible: bool  # license-eligible postings welcome new graduates and endorsement
    state: int
    nbcot: int  # index into NBCOT_CODES
    certifications: int  # bit per vocab.Certification value
    driving: bool
    years: int


def encode(req: Requirements) -> Encoded:
    return Encoded(
        degree=DEGREE_RANK[req.min_degree],
        acote=req.acote_required,
        license=LICENSE_CODES.index(req.license),
        eligible=req.license_eligible,
        state=STATE_INDEX[req.state],
        nbcot=NBCOT_CODES.index(req.nbcot),
        certifications=sum(CERTIFICATION_BIT[c] for c in req.certifications),
        driving=req.drivers_license,
        years=req.years_experience,
    )


def qualified_mask(
    columns: Mapping[str, np.ndarray], q: Qualifications, *, today: datetime.date
) -> np.ndarray:
    """Which postings `q` meets every requirement of: `qualifies()`, over encoded columns.

    `columns` maps each `Encoded` field name to an array with one entry per posting.
    """
    n = len(columns["degree"])
    if q.degree is None:
        return np.zeros(n, dtype=bool)
    degree_ok = columns["degree"] <= DEGREE_RANK[q.degree]
    if not q.acote:  # unknown or no: an ACOTE requirement is not met
        degree_ok &= ~columns["acote"]

    # held[license code, state]: a valid license of that kind in that state.
    held = np.zeros((len(LICENSE_CODES), len(STATE_INDEX)), dtype=bool)
    held[0, :] = True  # no license needed
    anywhere = np.zeros(len(LICENSE_CODES), dtype=bool)
    anywhere[0] = True
    for lic in q.licenses:
        if lic.kind in STATE_LICENSES and lic.valid_on(today) and lic.state in STATE_INDEX:
            held[LICENSE_CODES.index(lic.kind), STATE_INDEX[lic.state]] = True
            anywhere[LICENSE_CODES.index(lic.kind)] = True
    nbcot = np.zeros(len(NBCOT_CODES), dtype=bool)
    nbcot[0] = True  # no certification needed
    for cert in q.nbcot:
        if cert.kind in NBCOT_CERTIFICATIONS and cert.valid_on(today):
            nbcot[NBCOT_CODES.index(cert.kind)] = True

    license_col, eligible = columns["license"], columns["eligible"]
    # License-eligible: a license elsewhere (endorsement), a pending one (new graduates) or
    # the matching NBCOT certification (the exam passed) will do.
    license_nbcot = np.array(
        [False, *(nbcot[NBCOT_CODES.index(LICENSE_NBCOT[code])] for code in STATE_LICENSES)]
    )
    license_ok = held[license_col, columns["state"]] | (
        eligible & (anywhere[license_col] | bool(q.new_graduate) | license_nbcot[license_col])
    )
    nbcot_ok = nbcot[columns["nbcot"]] | (eligible & bool(q.new_graduate))

    cert_bits = sum(CERTIFICATION_BIT[c] for c in q.certifications if c in CERTIFICATION_BIT)
    certs_ok = (columns["certifications"] & (~cert_bits & 0xFF)) == 0
    driving_ok = ~columns["driving"] if q.drivers_license is not True else np.ones(n, bool)
    years_held = -1 if q.years_experience is None else q.years_experience
    years_ok = (columns["years"] == 0) | (columns["years"] <= years_held)
    return degree_ok & license_ok & nbcot_ok & certs_ok & driving_ok & years_ok


# Words ---------------------------------------------------------------------------------------
def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _states(codes: Sequence[str]) -> str:
    names = [STATE_NAMES[c] for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date(day: datetime.date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else "an unknown date"


def _years(years: int) -> str:
    return f"{years} year{'s' if years != 1 else ''}"
