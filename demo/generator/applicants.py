"""Demo applicants: who they are, the credentials they hold and what they are looking for.

Credentials follow the career ladder of DOMAIN.md: OTs hold a master's or a doctorate (a
bachelor's only when they qualified before the 2007 move to post-baccalaureate entry), an
OT license in one to three states and NBCOT OTR; COTAs an associate or bachelor's, an OTA
license and NBCOT COTA; technicians no license at all. New graduates have no license yet
and say they are waiting on one. Some licenses and certifications have expired or expire
soon, so the credential alerts and the "do I qualify?" checklist have something to say.

Pure and deterministic, like the rest of the generator: applicant `i` of a seed is always
the same person, whatever the size of the run or the postings already on the board.
"""

import datetime
from dataclasses import dataclass, field
from random import Random

from applicants.vocab import ScanStatus
from demo.generator.employers import NATURE_WORDS
from demo.generator.facts import SETTING_AGES
from demo.generator.helpers import Weighted
from demo.generator.names import FIRST_NAMES, SURNAMES
from demo.generator.places import CITIES, CITY_WEIGHTS, City
from demo.generator.preferences import (
    PAY_FLOORS,
    RADII,
    employment_wanted,
    focus_areas_wanted,
    headline,
    roles_wanted,
    settings_wanted,
    states_wanted,
)
from listings.vocab import Certification, Degree, EmploymentType, Role
from listings.vocab import Setting as S

R, ET, C = Role, EmploymentType, Certification

EMAIL_DOMAIN = "example.org"  # reserved for documentation: mail to it goes nowhere
MAX_RESUME_FILES = 200  # real PDFs in private storage; everyone else applies without a file
RESUME_SHARE = 0.6  # of applicants, in runs small enough to stay under MAX_RESUME_FILES

# What each applicant is: licensed OTs and COTAs, and the aides on the first rung.
PROFESSIONS = Weighted(
    [(R.PEDIATRIC_OT, 36), (R.SCHOOL_OT, 30), (R.COTA, 24), (R.OT_TECHNICIAN, 10)]
)
# The state license and NBCOT certification of each licensed profession.
LICENSE_OF = {R.PEDIATRIC_OT: "ot_license", R.SCHOOL_OT: "ot_license", R.COTA: "ota_license"}
NBCOT_OF = {R.PEDIATRIC_OT: "nbcot_otr", R.SCHOOL_OT: "nbcot_otr", R.COTA: "nbcot_cota"}
NEW_GRAD_SHARE = 0.13
LICENSED_STATES = Weighted([(1, 65), (2, 25), (3, 10)])
ACOTE = Weighted([(True, 95), (None, 3), (False, 2)])  # None: not stated on the profile
DRIVING = Weighted([(True, 88), (False, 6), (None, 6)])
TECHNICIAN_DEGREES = Weighted(
    [(Degree.HIGH_SCHOOL, 65), (Degree.ASSOCIATE, 10), (Degree.BACHELORS, 25)]
)
ENTRY_LEVEL_MASTERS_SINCE = 2007  # OT programs moved to post-baccalaureate entry

UNIVERSITIES = (
    "{nature} University",
    "{nature} State University",
    "{nature} College of Health Sciences",
    "University of {nature} Valley",
)
COLLEGES = ("{nature} Community College", "{nature} Technical College", "{nature} College")
PROGRAMS = {
    (R.PEDIATRIC_OT, Degree.BACHELORS): ("BS in Occupational Therapy",),
    (R.PEDIATRIC_OT, Degree.MASTERS): ("MSOT", "MOT", "MS in Occupational Therapy"),
    (R.PEDIATRIC_OT, Degree.DOCTORATE): ("OTD", "Entry-level OTD"),
    (R.COTA, Degree.ASSOCIATE): ("OTA program (AAS)", "Occupational Therapy Assistant AAS"),
    (R.COTA, Degree.BACHELORS): ("OTA program (BS)", "BS in Occupational Therapy Assisting"),
    (R.OT_TECHNICIAN, Degree.BACHELORS): ("BS in Kinesiology", "BA in Psychology"),
    (R.OT_TECHNICIAN, Degree.ASSOCIATE): ("AA in Health Sciences",),
}


@dataclass(frozen=True)
class DemoLicense:
    kind: str  # applicants.vocab.LicenseKind value
    state: str
    number: str
    expires_on: datetime.date


@dataclass
class DemoApplicant:
    """One applicant: the user's and the profile's model fields, licenses held, and whether
    they keep a resume file. `profession` is what they are (a Role), `city` where they live."""

    number: int  # the n of first.last.n@example.org
    email: str
    full_name: str
    date_joined: datetime.datetime
    profession: str
    city: City
    profile: dict
    licenses: tuple[DemoLicense, ...] = ()
    resume_scan: str = ""  # the ScanStatus of their resume file; "" when they keep none
    applications: list = field(default_factory=list)  # demo.generator.applications fills it


def applicants_rng(seed: int, stream: str) -> Random:
    """A stream of its own for each part of the applicants, from the run's --seed: applicants
    stay the same whatever the number of postings drawn before them."""
    return Random(f"otjobs-demo:{seed}:{stream}")


def generate_applicants(
    *, count: int, seed: int, now: datetime.datetime, today: datetime.date, first_number: int = 1
) -> list[DemoApplicant]:
    """`count` applicants for `seed`, numbered from `first_number` (emails stay unique when a
    run adds to earlier ones), with dates relative to `now` and `today`."""
    rng = applicants_rng(seed, "profiles")
    resume_share = min(RESUME_SHARE, MAX_RESUME_FILES / count) if count else 0.0
    applicants = []
    resumes = 0
    for index in range(count):
        applicant = _applicant(rng, first_number + index, now, today)
        roll = rng.random()  # drawn for everyone, so that the next person never shifts
        if resumes < MAX_RESUME_FILES and roll < resume_share:
            resumes += 1
            # Demo files are never sent to a scanner: some say so, some read as checked.
            applicant.resume_scan = (
                ScanStatus.CLEAN if roll < resume_share * 0.7 else ScanStatus.UNSCANNED
            )
        applicants.append(applicant)
    return applicants


def email_address(first: str, last: str, number: int) -> str:
    local = ".".join("".join(ch for ch in part.lower() if ch.isalpha()) for part in (first, last))
    return f"{local}.{number}@{EMAIL_DOMAIN}"


def _applicant(rng: Random, number: int, now: datetime.datetime, today: datetime.date):
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    profession: Role = PROFESSIONS.pick(rng)
    city = CITY_WEIGHTS.pick(rng)
    licensed = profession in LICENSE_OF
    new_grad = licensed and rng.random() < NEW_GRAD_SHARE
    years = 0 if new_grad else _years_experience(rng, profession)
    education = _education(rng, profession, years, new_grad, today)
    nbcot = _nbcot(rng, profession, new_grad, today)
    licenses = () if not licensed or new_grad else _licenses(rng, profession, city, today)
    certifications = _certifications(rng, profession, years)
    settings = settings_wanted(rng, profession)
    focus = focus_areas_wanted(rng, settings)
    school = S.SCHOOL in settings
    low, high, step = PAY_FLOORS[profession]
    profile = {
        "phone": f"({city.area_code}) 555-01{rng.randint(0, 99):02d}",
        "home_zip": rng.choice(city.zips),
        "headline": headline(rng, profession, years, new_grad, nbcot, settings, focus),
        **education,
        "awaiting_license": new_grad,
        "years_experience": years,
        **nbcot,
        "certifications": certifications,
        "drivers_license": DRIVING.pick(rng),
        "roles": roles_wanted(rng, profession),
        "practice_settings": settings,
        "employment_types": employment_wanted(rng, profession, settings, years),
        "states": states_wanted(rng, city, licenses),
        "radius_miles": rng.choice(RADII) if rng.random() < 0.75 else None,
        "min_yearly_pay": (
            low + step * rng.randint(0, (high - low) // step) if rng.random() < 0.7 else None
        ),
        "age_groups": list(rng.choice(SETTING_AGES[settings[0]])),
        "focus_areas": focus,
        "available_from": (
            today + datetime.timedelta(days=rng.randint(0, 120)) if rng.random() < 0.35 else None
        ),
        "max_caseload": (
            rng.randrange(30, 65, 5)
            if school and profession != R.OT_TECHNICIAN and rng.random() < 0.6
            else None
        ),
        "w2_only": rng.random() < 0.3,
        "mentorship_wanted": rng.random() < (0.8 if new_grad else 0.04),
        "school_year_calendar": school and rng.random() < 0.4,
        "telehealth_ok": rng.random() < 0.75,
        "max_sites_per_week": rng.randint(1, 5) if rng.random() < 0.25 else None,
        "visible_to_recruiters": rng.random() < 0.4,
    }
    joined = now - datetime.timedelta(seconds=rng.randint(86400, 400 * 86400))
    return DemoApplicant(
        number=number,
        email=email_address(first, last, number),
        full_name=f"{first} {last}",
        date_joined=joined,
        profession=profession,
        city=city,
        profile=profile,
        licenses=licenses,
    )


def _years_experience(rng: Random, profession: Role) -> int:
    """1 to 25 years, most people early in their careers (technicians rarely stay long)."""
    if profession == R.OT_TECHNICIAN:
        return rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4, 6))
    return max(1, min(25, round(rng.triangular(1, 25, 3))))


def _education(
    rng: Random, profession: Role, years: int, new_grad: bool, today: datetime.date
) -> dict:
    if profession == R.OT_TECHNICIAN:
        # Aides train on the job; some have a college degree, none an OT or OTA program's.
        degree = TECHNICIAN_DEGREES.pick(rng)
        programs = PROGRAMS.get((profession, degree))
        if not programs:
            return {
                "degree": degree,
                "program": "",
                "acote_accredited": None,
                "graduation_year": None,
            }
        schools = UNIVERSITIES if degree == Degree.BACHELORS else COLLEGES
        return {
            "degree": degree,
            "program": _program(rng, programs, schools),
            "acote_accredited": None,
            "graduation_year": today.year - years - rng.randint(0, 4),
        }
    if new_grad:
        graduated = today.year - (0 if today.month >= 6 else 1)
    else:
        graduated = today.year - years - rng.randint(0, 1)
    if profession == R.COTA:
        degree = Degree.ASSOCIATE if rng.random() < 0.85 else Degree.BACHELORS
        schools = COLLEGES if degree == Degree.ASSOCIATE else UNIVERSITIES
    else:
        if graduated < ENTRY_LEVEL_MASTERS_SINCE and rng.random() < 0.35:
            degree = Degree.BACHELORS
        else:
            degree = Degree.DOCTORATE if rng.random() < 0.2 else Degree.MASTERS
        schools = UNIVERSITIES
    kind = R.COTA if profession == R.COTA else R.PEDIATRIC_OT
    return {
        "degree": degree,
        "program": _program(rng, PROGRAMS[kind, degree], schools),
        "acote_accredited": ACOTE.pick(rng),
        "graduation_year": graduated,
    }


def _program(rng: Random, programs: tuple[str, ...], schools: tuple[str, ...]) -> str:
    school = rng.choice(schools).format(nature=rng.choice(NATURE_WORDS))
    return f"{rng.choice(programs)}, {school}"


def _expiry(rng: Random, today: datetime.date, *, expired: float, expiring: float, longest: int):
    """An expiry date: now and then past, now and then within the 60-day warning."""
    roll = rng.random()
    if roll < expired:
        return today - datetime.timedelta(days=rng.randint(1, 300))
    if roll < expired + expiring:
        return today + datetime.timedelta(days=rng.randint(0, 59))
    return today + datetime.timedelta(days=rng.randint(61, longest))


def _nbcot(rng: Random, profession: Role, new_grad: bool, today: datetime.date) -> dict:
    none = {"nbcot": "", "nbcot_number": "", "nbcot_expires": None}
    kind = NBCOT_OF.get(profession)
    if kind is None or (new_grad and rng.random() < 0.6):  # the exam still ahead
        return none
    prefix = "OTR" if kind == "nbcot_otr" else "COTA"
    if new_grad:  # just passed: a full three-year cycle ahead
        expires = today + datetime.timedelta(days=rng.randint(900, 1095))
    else:
        expires = _expiry(rng, today, expired=0.05, expiring=0.08, longest=1095)
    return {
        "nbcot": kind,
        "nbcot_number": f"{prefix}-{rng.randint(100000, 9999999):07d}",
        "nbcot_expires": expires,
    }


def _licenses(
    rng: Random, profession: Role, city: City, today: datetime.date
) -> tuple[DemoLicense, ...]:
    kind = LICENSE_OF[profession]
    count = LICENSED_STATES.pick(rng)
    states = [city.state]
    while len(states) < count:
        state = rng.choice(CITIES).state
        if state not in states:
            states.append(state)
    prefix = "OT" if kind == "ot_license" else "OTA"
    return tuple(
        DemoLicense(
            kind=kind,
            state=state,
            number=f"{prefix}{rng.randint(1000, 999999):06d}",
            # Licenses renew every one or two years; a second state's is more often let go.
            expires_on=_expiry(
                rng, today, expired=0.05 if i == 0 else 0.2, expiring=0.1, longest=730
            ),
        )
        for i, state in enumerate(states)
    )


def _certifications(rng: Random, profession: Role, years: int) -> list[str]:
    held: list[str] = []
    if rng.random() < (0.35 if profession == R.OT_TECHNICIAN else 0.6):
        held.append(C.CPR_BLS)
    if profession in (R.PEDIATRIC_OT, R.SCHOOL_OT) and years >= 3:
        if rng.random() < 0.12:
            held.append(C.CASI)
        if rng.random() < 0.06:
            held.append(C.NDT)
        if years >= 5 and rng.random() < 0.05:
            held.append(C.BCP)
        if profession == R.SCHOOL_OT and years >= 5 and rng.random() < 0.06:
            held.append(C.SCSS)
    return held
