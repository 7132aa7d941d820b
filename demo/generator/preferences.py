"""What demo applicants are looking for: roles, settings, schedules, places, pay and the
headline that sums them up (demo.generator.applicants draws the people)."""

from collections.abc import Sequence
from random import Random
from typing import Protocol

from demo.generator.facts import SETTING_FOCUS
from demo.generator.helpers import Weighted
from demo.generator.places import City
from listings.requirements import is_licensed_role
from listings.vocab import Certification, EmploymentType, FocusArea, Role
from listings.vocab import Setting as S

R, ET, C = Role, EmploymentType, Certification


class HasState(Protocol):
    """A license, as far as where one may work goes."""

    @property
    def state(self) -> str: ...


MORE_SETTINGS = Weighted([(0, 50), (1, 35), (2, 15)])
FOCUS_COUNTS = Weighted([(0, 25), (1, 20), (2, 30), (3, 25)])
SETTINGS_WANTED = {
    R.PEDIATRIC_OT: Weighted(
        [
            (S.OUTPATIENT_CLINIC, 30),
            (S.HOSPITAL, 20),
            (S.EARLY_INTERVENTION, 20),
            (S.PRIVATE_PRACTICE, 18),
            (S.HOME_COMMUNITY, 12),
        ]
    ),
    R.SCHOOL_OT: Weighted([(S.SCHOOL, 85), (S.EARLY_INTERVENTION, 8), (S.OUTPATIENT_CLINIC, 7)]),
    R.COTA: Weighted(
        [
            (S.SCHOOL, 30),
            (S.OUTPATIENT_CLINIC, 25),
            (S.EARLY_INTERVENTION, 15),
            (S.HOME_COMMUNITY, 12),
            (S.PRIVATE_PRACTICE, 10),
            (S.HOSPITAL, 8),
        ]
    ),
    R.OT_TECHNICIAN: Weighted(
        [(S.HOSPITAL, 35), (S.OUTPATIENT_CLINIC, 35), (S.SCHOOL, 20), (S.PRIVATE_PRACTICE, 10)]
    ),
}
# Yearly pay floors people state, in dollars: (low, high, step).
PAY_FLOORS = {
    R.PEDIATRIC_OT: (62_000, 98_000, 1_000),
    R.SCHOOL_OT: (55_000, 88_000, 1_000),
    R.COTA: (40_000, 62_000, 1_000),
    R.OT_TECHNICIAN: (30_000, 42_000, 500),
}
RADII = (10, 15, 20, 25, 30, 40, 50, 75, 100)
FOCUS_WORDS = {
    FocusArea.HANDWRITING: "handwriting",
    FocusArea.FEEDING: "feeding",
    FocusArea.SENSORY_PROCESSING: "sensory processing",
    FocusArea.ASSISTIVE_TECHNOLOGY: "AAC and assistive technology",
    FocusArea.FINE_MOTOR: "fine motor",
    FocusArea.VISUAL_MOTOR: "visual motor",
    FocusArea.SELF_HELP: "self-care skills",
    FocusArea.SOCIAL_PLAY: "play-based therapy",
    FocusArea.POSTURAL_STABILITY: "seating and positioning",
    FocusArea.TASK_ORGANIZATION: "executive function",
}
SETTING_WORDS = {
    S.SCHOOL: "K-12 schools",
    S.EARLY_INTERVENTION: "early intervention",
    S.HOSPITAL: "a children's hospital",
    S.OUTPATIENT_CLINIC: "outpatient pediatrics",
    S.PRIVATE_PRACTICE: "private practice",
    S.HOME_COMMUNITY: "home health",
}


def roles_wanted(rng: Random, profession: Role) -> list[str]:
    roles: list[str] = [profession]
    if profession == R.PEDIATRIC_OT and rng.random() < 0.35:
        roles.append(R.SCHOOL_OT)
    elif profession == R.SCHOOL_OT and rng.random() < 0.4:
        roles.append(R.PEDIATRIC_OT)
    elif profession == R.COTA and rng.random() < 0.08:
        roles.append(R.OT_TECHNICIAN)
    return roles


def settings_wanted(rng: Random, profession: Role) -> list[S]:
    wanted = SETTINGS_WANTED[profession]
    settings = [wanted.pick(rng)]
    for _ in range(MORE_SETTINGS.pick(rng)):
        setting = wanted.pick(rng)
        if setting not in settings:
            settings.append(setting)
    return settings


def focus_areas_wanted(rng: Random, settings: list[S]) -> list[str]:
    pool = SETTING_FOCUS[settings[0]]
    return rng.sample(pool, min(len(pool), FOCUS_COUNTS.pick(rng)))


def employment_wanted(rng: Random, profession: Role, settings: list[S], years: int) -> list[str]:
    wanted: list[str] = []
    if S.SCHOOL in settings:
        wanted.append(ET.SCHOOL_YEAR)
    if len(settings) > 1 or S.SCHOOL not in settings or rng.random() < 0.3:
        wanted.append(ET.FULL_TIME)
    for kind, share in ((ET.PART_TIME, 0.25), (ET.PER_DIEM, 0.1), (ET.CONTRACT, 0.12)):
        if rng.random() < share:
            wanted.append(kind)
    if is_licensed_role(profession) and years >= 2 and rng.random() < 0.08:
        wanted.append(ET.TRAVEL)
    if rng.random() < 0.1:
        return []  # open to anything
    return wanted


def states_wanted(rng: Random, city: City, licenses: Sequence[HasState]) -> list[str]:
    roll = rng.random()
    if roll < 0.3:
        return []  # anywhere
    if roll < 0.75 and licenses:
        return list(dict.fromkeys(lic.state for lic in licenses))
    return [city.state]


def headline(rng, profession, years, new_grad, nbcot, settings, focus) -> str:
    strengths = [FOCUS_WORDS[f] for f in focus[:2]]
    detail = f", {' and '.join(strengths)}" if strengths else ""
    span = f"{years} year{'s' if years != 1 else ''}"
    where = SETTING_WORDS[settings[0]]
    if profession == R.OT_TECHNICIAN:
        if years == 0:
            return f"Rehab aide in training, looking for a first role in {where}"
        plan = " Planning on OTA school." if rng.random() < 0.4 else ""
        return f"Pediatric OT aide, {span} in {where}.{plan}"
    title = "COTA/L" if profession == R.COTA else "OTR/L"
    if new_grad:
        exam = "NBCOT passed, license pending" if nbcot["nbcot"] else "NBCOT exam scheduled"
        kind = "COTA" if profession == R.COTA else "OT"
        return f"New graduate {kind}, {exam}; looking for mentorship in {where}"
    if profession == R.SCHOOL_OT:
        return f"School-based {title}, {span}{detail}"
    return f"Pediatric {title}, {span} in {where}{detail}"
