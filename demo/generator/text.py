"""Posting text: intros, duties, closings and benefits templates, and the writers of the
description, requirements and benefits."""

from collections.abc import Sequence
from random import Random
from typing import Any

from demo.generator.employers import NATURE_WORDS, district_name
from demo.generator.helpers import (
    AGE_SPAN,
    CERT_TEXT,
    STATE_NAMES,
    dollars,
    join_words,
    with_article,
)
from demo.generator.places import City
from demo.generator.variants import Variant
from listings.requirements import LICENSE_NBCOT, Requirements
from listings.vocab import (
    CREDENTIAL_SHORT_LABELS,
    AgeGroup,
    Credential,
    Degree,
    EmployerKind,
    EmploymentModel,
    Role,
    Setting,
    Telehealth,
    Vacancy,
)

R, S = Role, Setting


ROLE_NOUNS: dict[str, Any] = {
    R.PEDIATRIC_OT: "pediatric occupational therapist",
    R.SCHOOL_OT: "school-based occupational therapist",
    R.COTA: "certified occupational therapy assistant (COTA/L)",
    R.OT_TECHNICIAN: "OT aide / rehab technician",
}
INTROS: dict[str, tuple[str, ...]] = {
    S.SCHOOL: (
        "{employer} is looking for {a_role} to serve students {ages} in {city}. You will be "
        "part of each student's IEP team, and services happen in classrooms, resource rooms, "
        "the cafeteria and on the playground.",
        "Join {employer} as {a_role}. Our related-services team supports students {ages} on "
        "IEPs and 504 plans, and we keep services inside the school day and the "
        "general-education classroom wherever we can.",
        "{employer} serves families across {city} and the surrounding area, and we are "
        "adding {a_role} to our special education team to provide IDEA Part B related "
        "services for students {ages}.",
    ),
    S.EARLY_INTERVENTION: (
        "{employer} provides IDEA Part C early intervention to families of infants and "
        "toddlers in and around {city}. As {a_role} you will coach parents and caregivers "
        "during visits in homes, daycares and community settings.",
        "We are hiring {a_role} to join {employer}'s early intervention team. Services "
        "happen where children live and play, and focus on the routines that matter most to "
        "each family.",
        "{employer} is growing its birth-to-three program in {city}, {state_name}, and we "
        "need {a_role} who enjoys family-centred, coaching-based practice.",
    ),
    S.HOSPITAL: (
        "{employer} is seeking {a_role} for our pediatric rehabilitation department. You "
        "will treat children {ages} alongside physical therapy, speech, nursing and the "
        "medical teams.",
        "Join the rehabilitation team at {employer} in {city} as {a_role}. Our therapists "
        "see medically complex children {ages}, from acute care after surgery or trauma to "
        "follow-up in clinic.",
        "At {employer}, occupational therapy is part of a child's care from admission to "
        "discharge. We are hiring {a_role} to work with children {ages} and their families.",
    ),
    S.OUTPATIENT_CLINIC: (
        "{employer} is an outpatient pediatric therapy clinic in {city}, {state_name}, with "
        "OT, speech and physical therapy under one roof. We are hiring {a_role} to work "
        "with children {ages}.",
        "We're looking for {a_role} to join {employer}. Our clinic has a full sensory gym, "
        "treatment rooms with observation windows, and a front-desk team that handles "
        "scheduling and authorizations so you can focus on treatment.",
        "{employer} has served families in {city} for years, and our waitlist keeps growing. "
        "Come work as {a_role} with children {ages}, in a clinic that protects "
        "documentation time.",
    ),
    S.PRIVATE_PRACTICE: (
        "{employer} is a therapist-owned private practice in {city}. We keep caseloads "
        "reasonable and schedules predictable, and we are hiring {a_role} to see children "
        "{ages}.",
        "Small practice, big hearts: {employer} is looking for {a_role} who wants a "
        "close-knit team and a real say in how the practice runs.",
        "{employer} offers pediatric therapy in our {city} clinic and in the community. "
        "We are adding {a_role} to serve children {ages}.",
    ),
    S.HOME_COMMUNITY: (
        "{employer} provides pediatric therapy in homes, daycares and community settings "
        "around {city}. We are hiring {a_role} to see children {ages} where they live and "
        "play.",
        "Enjoy building your own schedule? {employer} is hiring {a_role} for home and "
        "community visits across {city} and nearby towns.",
        "As {a_role} with {employer}, you will treat children {ages} in their homes, "
        "working with parents on daily routines: dressing, feeding, play and sleep.",
    ),
}
TECH_INTROS = (
    "{employer} in {city} is hiring {a_role} to support our pediatric therapy team. You "
    "will help therapists run sessions for children {ages}.",
    "Looking for a way into occupational therapy? {employer} is hiring {a_role}; you will "
    "work beside licensed therapists every day.",
)
AGENCY_INTROS = (
    "{employer} is placing {a_role} with {client} in {city}, {state_name}. You will work "
    "on site with the client's team; we handle credentialing, payroll and support.",
    "Our client, {client}, needs {a_role} serving children {ages}. {employer} recruits, "
    "onboards and supports you for the whole assignment.",
    "{client} in {city} has asked {employer} to fill {a_role} position. The client and "
    "the work are named up front: no mystery assignments.",
)
DUTIES: dict[str, Any] = {
    R.PEDIATRIC_OT: (
        "You will evaluate and treat children with developmental delays, autism, cerebral "
        "palsy, genetic conditions and sensory processing differences, write plans of care "
        "and work closely with families and the rest of the team.",
        "Day to day you will complete evaluations with standardized tools (PDMS-2, BOT-2, "
        "Sensory Profile 2, Beery VMI), set family-centred goals, treat and document in "
        "our EMR.",
    ),
    R.SCHOOL_OT: (
        "The work: evaluations and re-evaluations, IEP goals and meetings, direct services "
        "in and out of the classroom, consultation with teachers, and recommendations for "
        "accommodations and assistive technology.",
        "You will help students take part in school: handwriting and keyboarding, classroom "
        "tools, self-care, sensory regulation strategies and transition planning for older "
        "students.",
    ),
    R.COTA: (
        "Working under the supervision of an occupational therapist, you will carry out "
        "treatment plans, track progress toward goals, document each session and share "
        "what you see with the supervising OT.",
        "You will treat an established caseload under the plan of care written by the "
        "evaluating OT, adapt activities from session to session, and help parents and "
        "staff carry over home and classroom programs.",
    ),
    R.OT_TECHNICIAN: (
        "As an aide you will prepare treatment spaces and equipment, clean and sanitize the "
        "gym, help children move between activities and support therapists during sessions "
        "under their direct supervision. No license is needed: we train you on the job.",
        "This is an entry-level role on the therapy team and the first step on the OT career "
        "ladder: you will set up equipment, assist with activities under a therapist's "
        "direction, keep supplies stocked and help with scheduling.",
    ),
}
FOCUS_LINES = (
    "Most of our referrals involve {focus}.",
    "You will see a wide mix of needs, especially {focus}.",
    "Focus areas for this position: {focus}.",
)
CLOSINGS = (
    "Apply with your resume; we reply to every applicant within five business days.",
    "We interview on a rolling basis and can be flexible on the start date for the right person.",
    "Questions before you apply? Call {phone} and ask for the therapy manager.",
    "We would love to show you around: visits and shadowing can be arranged before you decide.",
)
SCHOOL_POOL_LINE = (
    "This posting builds a pool of candidates for openings in the {school_year} school year; "
    "we contact applicants as positions open."
)
POOL_LINE = (
    "This posting builds a pool of candidates for upcoming openings; we contact applicants "
    "as positions open, and the posting stays up while the pool is open."
)
SKILLS = (
    "Clear, kind communication with children, families and colleagues.",
    "Comfortable documenting in an electronic record and meeting documentation deadlines.",
    "Organized, flexible and happy to collaborate across disciplines.",
    "Spanish speakers are strongly encouraged to apply.",
    "Enjoys play-based, child-led treatment and coaching caregivers.",
)
TECH_SKILLS = (
    "Experience with children (childcare, camps, coaching, ABA) is a plus.",
    "Able to lift 40 lb and to move quickly between activities on the floor.",
    "Interested in becoming a COTA or OT? We support tuition and schedule around classes.",
)
BENEFITS: dict[str, Any] = {
    EmployerKind.SCHOOL_DISTRICT: (
        "District benefits: medical, dental and vision insurance, a state teacher retirement "
        "pension and paid sick leave. You follow the school calendar, with winter break, "
        "spring break and summers off.",
        "Full benefits through the district, a retirement pension, paid professional "
        "development days and the school calendar: evenings, weekends and summers are "
        "yours.",
    ),
    EmployerKind.HOSPITAL: (
        "Medical, dental and vision from day one, a 403(b) with employer match, paid time "
        "off that grows with tenure and tuition assistance.",
        "Comprehensive health benefits, retirement with match, paid parental leave, on-site "
        "parking and a clinical ladder with pay steps for specialty certifications.",
    ),
    EmployerKind.OUTPATIENT_CLINIC: (
        "Health insurance with an employer contribution, 401(k) with match, paid time off "
        "plus holidays, and paid documentation time every day.",
        "Medical and dental insurance, 401(k), paid holidays, a treatment-supply budget and "
        "no weekend hours.",
    ),
    EmployerKind.PRIVATE_PRACTICE: (
        "Health stipend, SIMPLE IRA with match, paid holidays and a four-day-week option "
        "after ninety days.",
        "Health insurance, paid time off, a flexible schedule and a practice owner who "
        "still treats and understands your day.",
    ),
    EmployerKind.EARLY_INTERVENTION_AGENCY: (
        "Flexible scheduling, a tablet for documentation, paid training in coaching models "
        "and health insurance for staff working 30 or more hours a week.",
        "Set your own visit schedule, document from anywhere, and get paid training; "
        "benefits for full-time staff include health insurance and a 401(k).",
    ),
    EmployerKind.STAFFING_AGENCY: (
        "Weekly pay, medical, dental and vision for W-2 staff, licensing and credential "
        "reimbursement and a dedicated recruiter.",
        "Weekly direct deposit, health insurance from the first of the month after you "
        "start, and reimbursement for state licenses and CEUs.",
    ),
}
CONTRACTOR_BENEFITS = (
    "As an independent contractor you set your own schedule and caseload; no benefits are "
    "provided, and the rate reflects that."
)


# How the requirements name the minimum degree, and the program behind each license.
DEGREE_WORDS: dict[str, Any] = {
    Degree.HIGH_SCHOOL: "High school diploma or equivalent",
    Degree.ASSOCIATE: "Associate degree",
    Degree.BACHELORS: "Bachelor's degree",
    Degree.MASTERS: "Master's degree",
    Degree.DOCTORATE: "Doctoral (OTD) degree",
}
LICENSE_PROGRAMS: dict[str, tuple[str, str]] = {  # any program, an ACOTE-accredited one
    Credential.OT_LICENSE: (
        "in occupational therapy",
        "in occupational therapy from an ACOTE-accredited program",
    ),
    Credential.OTA_LICENSE: (
        "from an occupational therapy assistant program",
        "from an ACOTE-accredited occupational therapy assistant program",
    ),
}
CLIENT_TEMPLATES: dict[str, Any] = {
    S.HOSPITAL: ("{nature} Children's Hospital", "{city} Regional Medical Center"),
    S.OUTPATIENT_CLINIC: ("{nature} Pediatric Therapy", "{city} Children's Rehab Clinic"),
    S.EARLY_INTERVENTION: ("{state_name} Early Intervention Program, {city} region",),
}


def school_year(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def client_name(rng: Random, setting: Setting, city: City) -> str:
    """The invented client an agency posting names: a district, clinic or program."""
    if setting == S.SCHOOL:
        return district_name(rng, city)
    return rng.choice(CLIENT_TEMPLATES[setting]).format(
        nature=rng.choice(NATURE_WORDS), city=city.name, state_name=STATE_NAMES[city.state]
    )


def age_phrase(ages: Sequence[AgeGroup]) -> str:
    """The ages the groups span: "aged 3 to 12", "from birth to age 5"."""
    youngest = min(AGE_SPAN[age][0] for age in ages)
    oldest = max(AGE_SPAN[age][1] for age in ages)
    return f"from birth to age {oldest}" if youngest == 0 else f"aged {youngest} to {oldest}"


def description_text(rng: Random, text: dict, variant: Variant, facts: dict, role: Role) -> str:
    """Intro, duties, focus, workload, team and closing paragraphs."""
    intro = rng.choice(text["intros"]).format(**text)
    paragraphs = [intro, rng.choice(DUTIES[role])]
    focus_line = rng.choice(FOCUS_LINES).format(**text)
    paragraphs.append(f"{variant.blurb} {focus_line}" if variant.blurb else focus_line)

    workload = []
    if facts.get("caseload_direct"):
        consult = facts.get("caseload_consult")
        workload.append(
            f"Caseload: about {facts['caseload_direct']} students on direct service"
            + (f" and {consult} on consult." if consult else ".")
        )
    if facts.get("productivity_target"):
        workload.append(
            f"Productivity target: {facts['productivity_target']}% billable time, with "
            "documentation time built into the schedule."
        )
    sites = facts.get("sites_count")
    if sites and sites > 1:
        where = "campuses" if text["setting"] == S.SCHOOL else "service areas"
        workload.append(f"You will cover {sites} {where} around {text['city']}.")
    if facts.get("contract_days"):
        workload.append(f"The work year is {facts['contract_days']} contract days.")
    if facts.get("evaluations_per_month"):
        workload.append(f"Expect about {facts['evaluations_per_month']} evaluations a month.")
    if facts.get("telehealth") == Telehealth.HYBRID:
        workload.append("Some sessions are delivered by telehealth.")
    elif facts.get("telehealth") == Telehealth.FULL:
        workload.append("All sessions are by telehealth; we provide the laptop and platform.")
    if workload:
        paragraphs.append(" ".join(workload))

    ots = facts.get("ots_on_team")
    if ots:
        cotas = " and COTAs" if facts.get("cota_support") else ""
        paragraphs.append(
            f"You will join a team of {ots} occupational therapists{cotas}, with "
            "speech-language pathologists and physical therapists close by."
        )
    if text["vacancy"] == Vacancy.POOL:
        pool = SCHOOL_POOL_LINE if text["setting"] == S.SCHOOL else POOL_LINE
        paragraphs.append(pool.format(**text))
    else:
        paragraphs.append(rng.choice(CLOSINGS).format(**text))
    return "\n\n".join(paragraphs)


def requirements_text(rng: Random, role: Role, req: dict, facts: dict, state: str) -> str:
    """The requirements as a posting words them, from the requirement fields in `req`."""
    needs = Requirements.from_values(
        role=role,
        state=state,
        min_degree=req["min_degree"],
        acote_required=req["acote_required"],
        licensure_status=req["licensure_status"],
        required_credentials=req["required_credentials"],
        years_experience=req["years_experience"],
    )
    state_name = STATE_NAMES[state]
    lines = []
    if needs.license is None:
        lines.append(f"{DEGREE_WORDS[needs.min_degree]}. No license or certification needed.")
        lines.append(rng.choice(TECH_SKILLS))
    else:
        program = LICENSE_PROGRAMS[needs.license][needs.acote_required]
        lines.append(f"{DEGREE_WORDS[needs.min_degree]} {program}.")
        license_name = f"{state_name} {CREDENTIAL_SHORT_LABELS[needs.license]}"
        certification = CREDENTIAL_SHORT_LABELS[needs.nbcot or LICENSE_NBCOT[needs.license]]
        if needs.license_eligible:
            lines.append(
                f"New graduates welcome: eligible for {certification}, with "
                f"{with_article(license_name)} (or temporary permit) before you treat "
                "independently."
            )
        else:
            lines.append(
                f"{with_article(license_name, capital=True)} by your start date and current "
                f"{certification}."
            )
    years = needs.years_experience
    if years:
        plural = "year" if years == 1 else "years"
        lines.append(f"At least {years} {plural} of pediatric experience.")
    elif needs.license is not None:
        lines.append("New graduates are welcome to apply.")
    if req["required_certifications"]:
        labels = [CERT_TEXT[c] for c in req["required_certifications"]]
        lines.append(f"Current {join_words(labels)} required.")
    if req["preferred_certifications"]:
        labels = [CERT_TEXT[c] for c in req["preferred_certifications"]]
        lines.append(f"{join_words(labels)} preferred, not required.")
    if facts.get("drivers_license_required"):
        lines.append("A valid driver's license, a reliable car and auto insurance.")
    if needs.license is not None:
        lines.append(rng.choice(SKILLS))
    return "\n\n".join(lines)


def benefits_text(rng: Random, kind: str, model: str, support: dict) -> str:
    paragraphs = [
        CONTRACTOR_BENEFITS
        if model == EmploymentModel.CONTRACTOR_1099
        else rng.choice(BENEFITS[kind])
    ]
    extras = []
    if support.get("ceu_allowance"):
        extras.append(f"CEU allowance of {dollars(support['ceu_allowance'])} a year.")
    if support.get("sign_on_bonus"):
        terms = support.get("sign_on_repayment_terms")
        extras.append(
            f"Sign-on bonus of {dollars(support['sign_on_bonus'])}"
            + (f" ({terms[0].lower()}{terms[1:]})." if terms else ".")
        )
    if kind in (EmployerKind.SCHOOL_DISTRICT, EmployerKind.HOSPITAL) and rng.random() < 0.5:
        extras.append("Eligible employer for Public Service Loan Forgiveness (PSLF).")
    if extras:
        paragraphs.append(" ".join(extras))
    return "\n\n".join(paragraphs)
