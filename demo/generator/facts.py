"""What each employer kind and setting has, and the requirements, workload and support
facts of a posting. Facts a setting does not have are left empty, as an honest posting
would leave them.
"""

from decimal import Decimal
from random import Random

from demo.generator.helpers import CERT_ORDER, FOCUS_ORDER, STATE_NAMES, Weighted
from demo.generator.variants import Variant
from listings.requirements import ROLE_STANDARDS, is_licensed_role
from listings.vocab import (
    AgeGroup,
    Certification,
    Degree,
    EmployerKind,
    EmploymentType,
    FocusArea,
    LicensureStatus,
    Mentorship,
    PaySpread,
    Role,
    Setting,
    Telehealth,
)

R, S, F, A, C = Role, Setting, FocusArea, AgeGroup, Certification
ET = EmploymentType


KIND_SETTINGS = {
    EmployerKind.SCHOOL_DISTRICT: Weighted([(S.SCHOOL, 1)]),
    EmployerKind.EARLY_INTERVENTION_AGENCY: Weighted(
        [(S.EARLY_INTERVENTION, 8), (S.HOME_COMMUNITY, 2)]
    ),
    EmployerKind.HOSPITAL: Weighted([(S.HOSPITAL, 7), (S.OUTPATIENT_CLINIC, 3)]),
    EmployerKind.OUTPATIENT_CLINIC: Weighted([(S.OUTPATIENT_CLINIC, 9), (S.HOME_COMMUNITY, 1)]),
    EmployerKind.PRIVATE_PRACTICE: Weighted([(S.PRIVATE_PRACTICE, 8), (S.HOME_COMMUNITY, 2)]),
    EmployerKind.STAFFING_AGENCY: Weighted(
        [(S.SCHOOL, 7), (S.EARLY_INTERVENTION, 1), (S.HOSPITAL, 1), (S.OUTPATIENT_CLINIC, 1)]
    ),
}
SETTING_ROLES = {
    S.SCHOOL: Weighted([(R.SCHOOL_OT, 70), (R.COTA, 20), (R.OT_TECHNICIAN, 10)]),
    S.EARLY_INTERVENTION: Weighted([(R.PEDIATRIC_OT, 70), (R.COTA, 30)]),
    S.HOSPITAL: Weighted([(R.PEDIATRIC_OT, 65), (R.COTA, 13), (R.OT_TECHNICIAN, 22)]),
    S.OUTPATIENT_CLINIC: Weighted([(R.PEDIATRIC_OT, 58), (R.COTA, 25), (R.OT_TECHNICIAN, 17)]),
    S.PRIVATE_PRACTICE: Weighted([(R.PEDIATRIC_OT, 65), (R.COTA, 25), (R.OT_TECHNICIAN, 10)]),
    S.HOME_COMMUNITY: Weighted([(R.PEDIATRIC_OT, 65), (R.COTA, 35)]),
}
# Agencies place licensed therapists, not aides.
AGENCY_ROLES = {
    S.SCHOOL: Weighted([(R.SCHOOL_OT, 75), (R.COTA, 25)]),
    S.EARLY_INTERVENTION: Weighted([(R.PEDIATRIC_OT, 75), (R.COTA, 25)]),
    S.HOSPITAL: Weighted([(R.PEDIATRIC_OT, 80), (R.COTA, 20)]),
    S.OUTPATIENT_CLINIC: Weighted([(R.PEDIATRIC_OT, 75), (R.COTA, 25)]),
}
SETTING_AGES = {
    S.SCHOOL: (
        (A.PRESCHOOL, A.SCHOOL_AGE),
        (A.SCHOOL_AGE,),
        (A.SCHOOL_AGE, A.ADOLESCENTS),
        (A.ADOLESCENTS, A.TRANSITION),
        (A.PRESCHOOL, A.SCHOOL_AGE, A.ADOLESCENTS, A.TRANSITION),
        (A.PRESCHOOL,),
    ),
    S.EARLY_INTERVENTION: ((A.INFANTS_TODDLERS,),),
    S.HOSPITAL: (
        (A.INFANTS_TODDLERS, A.PRESCHOOL, A.SCHOOL_AGE, A.ADOLESCENTS),
        (A.INFANTS_TODDLERS, A.PRESCHOOL, A.SCHOOL_AGE),
        (A.SCHOOL_AGE, A.ADOLESCENTS),
    ),
    S.OUTPATIENT_CLINIC: (
        (A.INFANTS_TODDLERS, A.PRESCHOOL, A.SCHOOL_AGE),
        (A.PRESCHOOL, A.SCHOOL_AGE),
        (A.PRESCHOOL, A.SCHOOL_AGE, A.ADOLESCENTS),
    ),
    S.PRIVATE_PRACTICE: (
        (A.PRESCHOOL, A.SCHOOL_AGE),
        (A.INFANTS_TODDLERS, A.PRESCHOOL, A.SCHOOL_AGE),
        (A.SCHOOL_AGE, A.ADOLESCENTS),
    ),
    S.HOME_COMMUNITY: (
        (A.INFANTS_TODDLERS, A.PRESCHOOL),
        (A.INFANTS_TODDLERS, A.PRESCHOOL, A.SCHOOL_AGE),
        (A.PRESCHOOL, A.SCHOOL_AGE),
    ),
}
SETTING_FOCUS = {
    S.SCHOOL: (
        F.HANDWRITING, F.FINE_MOTOR, F.VISUAL_MOTOR, F.SENSORY_PROCESSING, F.SELF_HELP,
        F.TASK_ORGANIZATION, F.ASSISTIVE_TECHNOLOGY, F.POSTURAL_STABILITY,
    ),
    S.EARLY_INTERVENTION: (
        F.FEEDING, F.SELF_HELP, F.SENSORY_PROCESSING, F.SOCIAL_PLAY, F.FINE_MOTOR,
        F.POSTURAL_STABILITY,
    ),
    S.HOSPITAL: (
        F.FEEDING, F.POSTURAL_STABILITY, F.SELF_HELP, F.FINE_MOTOR, F.ASSISTIVE_TECHNOLOGY,
    ),
    S.OUTPATIENT_CLINIC: (
        F.SENSORY_PROCESSING, F.FINE_MOTOR, F.VISUAL_MOTOR, F.FEEDING, F.SOCIAL_PLAY,
        F.HANDWRITING, F.SELF_HELP,
    ),
    S.PRIVATE_PRACTICE: (
        F.SENSORY_PROCESSING, F.FINE_MOTOR, F.VISUAL_MOTOR, F.SOCIAL_PLAY, F.HANDWRITING,
        F.TASK_ORGANIZATION,
    ),
    S.HOME_COMMUNITY: (
        F.FEEDING, F.SELF_HELP, F.SENSORY_PROCESSING, F.SOCIAL_PLAY, F.POSTURAL_STABILITY,
    ),
}  # fmt: skip
DEFAULT_EMPLOYMENT = {
    S.SCHOOL: Weighted([(ET.SCHOOL_YEAR, 92), (ET.PART_TIME, 8)]),
    S.EARLY_INTERVENTION: Weighted([(ET.FULL_TIME, 45), (ET.PART_TIME, 30), (ET.CONTRACT, 25)]),
    S.HOME_COMMUNITY: Weighted(
        [(ET.FULL_TIME, 40), (ET.PART_TIME, 25), (ET.CONTRACT, 25), (ET.PER_DIEM, 10)]
    ),
    S.HOSPITAL: Weighted([(ET.FULL_TIME, 85), (ET.PART_TIME, 15)]),
    S.OUTPATIENT_CLINIC: Weighted([(ET.FULL_TIME, 75), (ET.PART_TIME, 25)]),
    S.PRIVATE_PRACTICE: Weighted([(ET.FULL_TIME, 70), (ET.PART_TIME, 30)]),
}
AGENCY_EMPLOYMENT = {
    S.SCHOOL: Weighted([(ET.SCHOOL_YEAR, 55), (ET.CONTRACT, 45)]),
    S.EARLY_INTERVENTION: Weighted([(ET.CONTRACT, 70), (ET.PART_TIME, 30)]),
    S.HOSPITAL: Weighted([(ET.CONTRACT, 60), (ET.PER_DIEM, 40)]),
    S.OUTPATIENT_CLINIC: Weighted([(ET.CONTRACT, 70), (ET.PART_TIME, 30)]),
}
HOME_SETTINGS = (S.EARLY_INTERVENTION, S.HOME_COMMUNITY)


MILEAGE_POLICIES = (
    "Mileage reimbursed at the IRS rate between sites",
    "Mileage reimbursed at the IRS rate after the first 20 miles a day",
    "Drive time paid at your hourly rate plus mileage",
    "$0.50 per mile between visits; no pay for the commute to the first visit",
    "Mileage not reimbursed; the visit rate includes travel",
)
ESY_RATES = ("Your daily rate", "${rate}/hour", "${rate}/hour, up to 20 days")
CLOSURE_PAY = (
    "Paid as a regular workday",
    "Closure days are made up at the end of the year at no loss of pay",
    "Unpaid; make-up days are added to the calendar",
    "Paid when you complete remote documentation that day",
)
AGENCY_CLOSURE_PAY = (
    "Not paid when schools close; hours can be made up within the week",
    "Guaranteed 35 hours a week, including school closures",
)
COTA_SUPERVISION = (
    "Your supervising OT is on site with you at least weekly, with co-treatment and chart "
    "review every two weeks.",
    "Weekly one-to-one supervision meeting with the lead OT, plus same-day answers by "
    "phone or message.",
    "Supervised by the evaluating OT on each case, with joint visits every month.",
    "Supervision is scheduled, documented in the EMR and meets {state_name} practice-act "
    "requirements.",
)
OT_SUPERVISES = (
    "You will supervise one or two COTAs; supervision time is scheduled and protected.",
    "You may supervise a COTA; we schedule supervision time within the workweek.",
)
REPAYMENT_TERMS = (
    "Prorated repayment if you leave within 12 months",
    "Paid in two halves, at 90 days and at 12 months; nothing to repay",
    "Full repayment if you leave within 6 months, half within 12 months",
    "Repayable on a prorated basis over the first 18 months",
)
MENTORSHIP_WEEKS = (8, 12, 16, 24, 26, 52)
# Some postings ask for more than the role's entry-level degree: a bachelor's of about 15%
# of COTAs, a doctorate of about 3% of OTs.
DEGREE_ABOVE_ENTRY = {
    Degree.ASSOCIATE: (Degree.BACHELORS, 0.15),
    Degree.MASTERS: (Degree.DOCTORATE, 0.03),
}
# Years of pediatric experience asked of postings that are not for new graduates.
YEARS_ASKED = {
    R.PEDIATRIC_OT: (0, 1, 1, 1, 2, 2, 3, 3, 5),
    R.SCHOOL_OT: (0, 1, 1, 1, 2, 2, 3, 3, 5),
    R.COTA: (0, 1, 1, 2, 2, 3),
}


def sample_focus(rng: Random, setting: Setting, variant: Variant) -> list[FocusArea]:
    """The variant's focus areas plus a few typical of the setting, at most five."""
    pool = SETTING_FOCUS[setting]
    chosen = set(variant.focus)
    for focus in rng.sample(pool, rng.randint(2, 4)):
        if len(chosen) >= 5:
            break
        chosen.add(focus)
    return sorted(chosen, key=FOCUS_ORDER.__getitem__)


def requirement_facts(
    rng: Random, role: Role, setting: Setting, variant: Variant, agency: bool
) -> dict:
    """Degree, licensure, credentials, certifications and experience a posting asks for:
    what the role requires (`listings.requirements.ROLE_STANDARDS`), and at times more."""
    standard = ROLE_STANDARDS[role]
    degree = standard.degree
    higher, chance = DEGREE_ABOVE_ENTRY.get(degree, (degree, 0))
    if chance and rng.random() < chance:
        degree = higher
    if not is_licensed_role(role):
        required = [C.CPR_BLS] if setting == S.HOSPITAL or rng.random() < 0.3 else []
        return {
            "min_degree": degree,
            "acote_required": False,
            "licensure_status": LicensureStatus.NONE,
            "required_credentials": [],
            "required_certifications": required,
            "preferred_certifications": [],
            "years_experience": 0 if rng.random() < 0.8 else 1,
        }
    new_grad = variant.new_grad
    years = 0 if new_grad else rng.choice(YEARS_ASKED[role])
    if agency and not new_grad and role != R.COTA:
        years = max(years, 1)  # agencies place OTs who have practised for a year or more
    if new_grad or (years == 0 and rng.random() < 0.5):
        licensure = LicensureStatus.LICENSE_ELIGIBLE
    else:
        licensure = LicensureStatus.LICENSED

    cpr_required = {S.HOSPITAL: 0.75, S.OUTPATIENT_CLINIC: 0.35, S.EARLY_INTERVENTION: 0.2}
    required = [C.CPR_BLS] if rng.random() < cpr_required.get(setting, 0.1) else []
    preferred = list(variant.preferred)
    if role != R.COTA:
        if setting == S.SCHOOL and rng.random() < 0.25:
            preferred.append(C.SCSS)
        if setting in (S.HOSPITAL, S.EARLY_INTERVENTION) and rng.random() < 0.2:
            preferred.append(C.NDT)
        if setting in (S.OUTPATIENT_CLINIC, S.PRIVATE_PRACTICE) and rng.random() < 0.2:
            preferred.append(C.CASI)
        if rng.random() < 0.12:
            preferred.append(C.BCP)
    if not required and setting != S.SCHOOL and rng.random() < 0.3:
        preferred.append(C.CPR_BLS)
    preferred = sorted(set(preferred) - set(required), key=CERT_ORDER.__getitem__)
    return {
        "min_degree": degree,
        "acote_required": rng.random() < 0.6,
        "licensure_status": licensure,
        "required_credentials": [standard.license, standard.nbcot],
        "required_certifications": required,
        "preferred_certifications": preferred,
        "years_experience": years,
    }


def workload_facts(
    rng: Random, role: Role, setting: Setting, variant: Variant, employment: str, agency: bool
) -> dict:
    """The honest-posting facts each setting has; the rest stay empty."""
    facts: dict = {}
    technician = role == R.OT_TECHNICIAN
    telehealth: str | None = variant.telehealth
    if setting == S.SCHOOL:
        itinerant = variant.itinerant or (not technician and rng.random() < 0.5)
        facts["sites_count"] = rng.randint(2, 6) if itinerant else 1
        if itinerant:
            facts["drivers_license_required"] = True
            facts["mileage_policy"] = rng.choice(MILEAGE_POLICIES[:3])
        if not technician:
            if role == R.SCHOOL_OT:
                facts["caseload_direct"] = rng.randint(30, 60)
                if rng.random() < 0.9:
                    facts["caseload_consult"] = rng.randint(5, 25)
                facts["evaluations_per_month"] = rng.randint(2, 8)
            else:
                facts["caseload_direct"] = rng.randint(25, 45)
        facts["contract_days"] = rng.randint(180, 190)
        if employment != ET.CONTRACT and rng.random() < 0.9:
            facts["pay_spread"] = rng.choice(list(PaySpread))
        esy = rng.random()
        if esy < 0.55:
            facts["esy_available"] = True
            rate = rng.randint(45, 65) if role == R.SCHOOL_OT else rng.randint(22, 40)
            facts["esy_rate"] = rng.choice(ESY_RATES).replace("{rate}", str(rate))
        elif esy < 0.9:
            facts["esy_available"] = False
        if rng.random() < 0.7:
            facts["closure_day_pay"] = rng.choice(AGENCY_CLOSURE_PAY if agency else CLOSURE_PAY)
        telehealth = telehealth or rng.choice((Telehealth.NONE,) * 5 + (Telehealth.HYBRID, ""))
    elif setting in HOME_SETTINGS:
        facts["drivers_license_required"] = True
        facts["sites_count"] = rng.randint(2, 6)
        facts["mileage_policy"] = rng.choice(MILEAGE_POLICIES)
        if not technician:
            facts["evaluations_per_month"] = rng.randint(2, 8)
        telehealth = telehealth or rng.choice((Telehealth.NONE, Telehealth.HYBRID, ""))
    else:
        if not technician and employment != ET.PER_DIEM:
            target = {
                S.HOSPITAL: (65, 80),
                S.OUTPATIENT_CLINIC: (75, 90),
                S.PRIVATE_PRACTICE: (70, 85),
            }[setting]
            if setting != S.PRIVATE_PRACTICE or rng.random() < 0.5:
                facts["productivity_target"] = rng.randint(*target)
            if rng.random() < 0.7:
                facts["evaluations_per_month"] = rng.randint(4, 16)
        telehealth = telehealth or rng.choice(
            (Telehealth.NONE, Telehealth.NONE, Telehealth.HYBRID, "")
        )
    facts["telehealth"] = telehealth
    team_size = {S.HOSPITAL: (6, 40), S.SCHOOL: (2, 30), S.PRIVATE_PRACTICE: (2, 6)}
    if rng.random() < 0.8:
        facts["ots_on_team"] = rng.randint(*team_size.get(setting, (2, 15)))
    if rng.random() < 0.8:
        facts["cota_support"] = role == R.COTA or rng.random() < 0.5
    return facts


def support_facts(rng: Random, role: Role, variant: Variant, facts: dict, state: str) -> dict:
    """Mentorship, COTA supervision, CEU allowance and sign-on bonus, where offered."""
    support: dict = {}
    if variant.new_grad:
        support["mentorship"] = Mentorship.FORMAL
        support["mentorship_weeks"] = rng.choice(MENTORSHIP_WEEKS)
    else:
        pick = rng.random()
        if pick < 0.1 and role != R.OT_TECHNICIAN:
            support["mentorship"] = Mentorship.FORMAL
            support["mentorship_weeks"] = rng.choice(MENTORSHIP_WEEKS)
        elif pick < 0.5:
            support["mentorship"] = Mentorship.INFORMAL
        elif pick < 0.65:
            support["mentorship"] = Mentorship.NONE
    if role == R.COTA:
        support["cota_supervision"] = rng.choice(COTA_SUPERVISION).format(
            state_name=STATE_NAMES[state]
        )
    elif role != R.OT_TECHNICIAN and facts.get("cota_support") and rng.random() < 0.5:
        support["cota_supervision"] = rng.choice(OT_SUPERVISES)
    ceu_chance, ceu_range = {
        R.OT_TECHNICIAN: (0.1, (2, 6)),
        R.COTA: (0.5, (4, 16)),
    }.get(role, (0.6, (5, 30)))
    if rng.random() < ceu_chance:
        support["ceu_allowance"] = Decimal(rng.randint(*ceu_range) * 50)
    bonus_chance = 0.05 if role == R.OT_TECHNICIAN else 0.2
    if rng.random() < bonus_chance:
        top = {R.OT_TECHNICIAN: 2, R.COTA: 10}.get(role, 20)
        support["sign_on_bonus"] = Decimal(rng.randint(2, top) * 500)
        if rng.random() < 0.7:
            support["sign_on_repayment_terms"] = rng.choice(REPAYMENT_TERMS)
    return support
