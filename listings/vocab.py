"""The board's controlled vocabularies (see DOMAIN.md): one place, so a new value is one edit.

Values used in a ChoiceSetField are stored as bits in the order they are declared here:
add new values at the end and never reorder or remove one without a data migration.
"""

from decimal import Decimal

from django.db import models


class Role(models.TextChoices):
    PEDIATRIC_OT = "pediatric_ot", "Pediatric Occupational Therapist"
    SCHOOL_OT = "school_ot", "School-based Occupational Therapist"
    COTA = "cota", "Certified OT Assistant (COTA)"
    OT_TECHNICIAN = "ot_technician", "OT Technician / Aide"


ROLE_SHORT_LABELS: dict[str, str] = {
    Role.PEDIATRIC_OT: "Pediatric OT",
    Role.SCHOOL_OT: "School-based OT",
    Role.COTA: "COTA",
    Role.OT_TECHNICIAN: "OT Tech / Aide",
}


class Setting(models.TextChoices):
    SCHOOL = "school", "School district / charter / county office of education"
    EARLY_INTERVENTION = "early_intervention", "Early intervention (birth to 3)"
    HOSPITAL = "hospital", "Hospital (children's, inpatient, NICU)"
    OUTPATIENT_CLINIC = "outpatient_clinic", "Outpatient pediatric clinic"
    PRIVATE_PRACTICE = "private_practice", "Private practice"
    HOME_COMMUNITY = "home_community", "Home health and community-based"


SETTING_SHORT_LABELS: dict[str, str] = {
    Setting.SCHOOL: "Schools",
    Setting.EARLY_INTERVENTION: "Early intervention",
    Setting.HOSPITAL: "Hospital",
    Setting.OUTPATIENT_CLINIC: "Outpatient clinic",
    Setting.PRIVATE_PRACTICE: "Private practice",
    Setting.HOME_COMMUNITY: "Home & community",
}


class Degree(models.TextChoices):
    """Ordered, lowest first: `listings.requirements.degree_meets` compares them."""

    HIGH_SCHOOL = "high_school", "High school diploma"
    ASSOCIATE = "associate", "Associate degree"
    BACHELORS = "bachelors", "Bachelor's degree"
    MASTERS = "masters", "Master's degree (MOT / MSOT)"
    DOCTORATE = "doctorate", "Doctorate (OTD)"


# schema.org EducationalOccupationalCredential credentialCategory for each degree.
DEGREE_CREDENTIAL_CATEGORY: dict[str, str] = {
    Degree.HIGH_SCHOOL: "high school",
    Degree.ASSOCIATE: "associate degree",
    Degree.BACHELORS: "bachelor degree",
    Degree.MASTERS: "postgraduate degree",
    Degree.DOCTORATE: "postgraduate degree",
}


class Credential(models.TextChoices):
    """Licenses and NBCOT certifications: what a posting requires and an applicant holds."""

    OT_LICENSE = "ot_license", "State OT license (OTR/L)"
    OTA_LICENSE = "ota_license", "State OTA license (COTA/L)"
    NBCOT_OTR = "nbcot_otr", "NBCOT certification as OTR"
    NBCOT_COTA = "nbcot_cota", "NBCOT certification as COTA"


CREDENTIAL_SHORT_LABELS: dict[str, str] = {
    Credential.OT_LICENSE: "OT license",
    Credential.OTA_LICENSE: "OTA license",
    Credential.NBCOT_OTR: "NBCOT OTR certification",
    Credential.NBCOT_COTA: "NBCOT COTA certification",
}


class LicensureStatus(models.TextChoices):
    LICENSED = "licensed", "Licensed in the job's state at start"
    LICENSE_ELIGIBLE = "license_eligible", "License-eligible: new graduates welcome"
    NONE = "none", "No license required"


class Certification(models.TextChoices):
    """Specialty certifications and other requirements postings prefer or require."""

    CASI = "casi", "CLASI Certificate in Ayres Sensory Integration (CASI)"
    NDT = "ndt", "NDT certification (NDTA)"
    BCP = "bcp", "AOTA Board Certification in Pediatrics (BCP)"
    SCSS = "scss", "AOTA Specialty Certification in School Systems (SCSS)"
    CPR_BLS = "cpr_bls", "CPR / BLS"


class AgeGroup(models.TextChoices):
    INFANTS_TODDLERS = "infants_toddlers", "Infants and toddlers (0-3)"
    PRESCHOOL = "preschool", "Preschool (3-5)"
    SCHOOL_AGE = "school_age", "School age (5-12)"
    ADOLESCENTS = "adolescents", "Adolescents (13-18)"
    TRANSITION = "transition", "Transition (18-22)"


class FocusArea(models.TextChoices):
    POSTURAL_STABILITY = "postural_stability", "Postural stability"
    SELF_HELP = "self_help", "Self-help skills"
    FINE_MOTOR = "fine_motor", "Fine motor skills"
    SENSORY_PROCESSING = "sensory_processing", "Sensory processing"
    SOCIAL_PLAY = "social_play", "Social and play abilities"
    VISUAL_MOTOR = "visual_motor", "Visual motor and perception"
    TASK_ORGANIZATION = "task_organization", "Task completion and organization"
    FEEDING = "feeding", "Feeding"
    HANDWRITING = "handwriting", "Handwriting"
    ASSISTIVE_TECHNOLOGY = "assistive_technology", "Assistive technology"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    PER_DIEM = "per_diem", "Per diem / PRN"
    CONTRACT = "contract", "Contract (W-2 or 1099)"
    TRAVEL = "travel", "Travel (typically 13 weeks)"
    SCHOOL_YEAR = "school_year", "School year (about 10 months)"


# Badge-sized labels; the full labels carry detail a badge has no room for.
EMPLOYMENT_TYPE_SHORT_LABELS: dict[str, str] = {
    EmploymentType.FULL_TIME: "Full-time",
    EmploymentType.PART_TIME: "Part-time",
    EmploymentType.PER_DIEM: "Per diem / PRN",
    EmploymentType.CONTRACT: "Contract",
    EmploymentType.TRAVEL: "Travel",
    EmploymentType.SCHOOL_YEAR: "School year",
}

SCHEMA_EMPLOYMENT_TYPE: dict[str, str] = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.PER_DIEM: "PER_DIEM",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.TRAVEL: "TEMPORARY",
    EmploymentType.SCHOOL_YEAR: "FULL_TIME",
}


class PayUnit(models.TextChoices):
    HOUR = "HOUR", "per hour"
    DAY = "DAY", "per day"
    WEEK = "WEEK", "per week"
    MONTH = "MONTH", "per month"
    YEAR = "YEAR", "per year"
    VISIT = "VISIT", "per visit"


# Multipliers that put every pay unit on a yearly figure, so pay filters compare like with
# like. A full-time year is 2,080 hours or 260 days; per-visit pay assumes 30 visits a
# week for 50 weeks, a common full caseload in home health and early intervention.
PAY_UNIT_ANNUAL_FACTOR: dict[str, Decimal] = {
    PayUnit.HOUR: Decimal(2080),
    PayUnit.DAY: Decimal(260),
    PayUnit.WEEK: Decimal(52),
    PayUnit.MONTH: Decimal(12),
    PayUnit.YEAR: Decimal(1),
    PayUnit.VISIT: Decimal(1500),
}
# schema.org unitText has no per-visit value: such pay is shown but left out of baseSalary.
SCHEMA_PAY_UNITS: set[str] = {PayUnit.HOUR, PayUnit.DAY, PayUnit.WEEK, PayUnit.MONTH, PayUnit.YEAR}


class EmployerKind(models.TextChoices):
    SCHOOL_DISTRICT = "school_district", "School district"
    EARLY_INTERVENTION_AGENCY = "early_intervention_agency", "Early-intervention agency"
    HOSPITAL = "hospital", "Children's hospital / health system"
    OUTPATIENT_CLINIC = "outpatient_clinic", "Outpatient clinic"
    PRIVATE_PRACTICE = "private_practice", "Private practice"
    STAFFING_AGENCY = "staffing_agency", "Therapy staffing agency"


class EmploymentModel(models.TextChoices):
    EMPLOYEE = "employee", "Employee of the organization (W-2)"
    AGENCY_W2 = "agency_w2", "Agency employee (W-2), placed with a client"
    CONTRACTOR_1099 = "contractor_1099", "Independent contractor (1099)"


class Telehealth(models.TextChoices):
    NONE = "none", "In person only"
    HYBRID = "hybrid", "Hybrid (some telehealth)"
    FULL = "full", "Fully telehealth"


class PaySpread(models.TextChoices):
    TEN_MONTHS = "10", "Paid over 10 months"
    TWELVE_MONTHS = "12", "Paid over 12 months"
    CHOICE = "choice", "Choice of 10 or 12 months"


class Mentorship(models.TextChoices):
    NONE = "none", "No mentorship"
    INFORMAL = "informal", "Informal mentorship"
    FORMAL = "formal", "Formal mentorship program"


class Vacancy(models.TextChoices):
    CURRENT = "current", "Current opening"
    POOL = "pool", "Pool for future openings"


class HowToApply(models.TextChoices):
    ON_SITE = "on_site", "Apply on OT Jobs"
    EXTERNAL = "external", "Apply on the employer's site"


class PostingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class ClosedReason(models.TextChoices):
    """Why a closed posting was closed (empty for drafts and published postings)."""

    FILLED = "filled", "Filled or withdrawn by the employer"
    EXPIRED = "expired", "Expired"
    UNCONFIRMED = "unconfirmed", "Not confirmed open (ghost job)"


class State(models.TextChoices):
    """The jurisdictions that license OTs and OTAs: 50 states, DC, Puerto Rico and Guam."""

    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    GU = "GU", "Guam"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    PR = "PR", "Puerto Rico"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"


class MembershipRole(models.TextChoices):
    """What a user may do for an employer they belong to."""

    RECRUITER = "recruiter", "Recruiter"
    ADMIN = "admin", "Employer admin (also manages the employer's recruiters)"
