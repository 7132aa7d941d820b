"""Evaluating one posting against one person: each requirement's outcome with a reason a
person can read."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from listings import vocab
from listings.requirements.rules import (
    COMPACT_AS_OF,
    COMPACT_MEMBER_STATES,
    COMPACT_PRIVILEGES_ISSUED,
    LICENSE_NBCOT,
    STATE_NAMES,
    degree_meets,
)
from listings.requirements.values import (
    Qualifications,
    Requirements,
)


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
