"""Posting variants: titles with the facts that go with them, per role and setting."""

from dataclasses import dataclass

from demo.generator.helpers import Weighted
from listings.vocab import (
    AgeGroup,
    Certification,
    EmploymentType,
    FocusArea,
    Role,
    Setting,
    Telehealth,
)


@dataclass(frozen=True)
class Variant:
    title: str
    focus: tuple[FocusArea, ...] = ()
    ages: tuple[AgeGroup, ...] = ()
    preferred: tuple[Certification, ...] = ()
    employment: EmploymentType | None = None
    new_grad: bool = False
    itinerant: bool = False
    telehealth: Telehealth | None = None
    agency: bool | None = None  # True: agencies only; False: direct employers only
    blurb: str = ""
    weight: float | None = None  # relative share among the role and setting's variants

    @property
    def share(self) -> float:
        if self.weight is not None:
            return self.weight
        if self.new_grad:
            return 1
        return 1.5 if self.employment else 3


R, S, F, A, C = Role, Setting, FocusArea, AgeGroup, Certification
ET = EmploymentType
SENSORY = Variant(
    "Pediatric Occupational Therapist - Sensory Clinic",
    focus=(F.SENSORY_PROCESSING, F.SOCIAL_PLAY),
    preferred=(C.CASI,),
    agency=False,
    blurb="Our sensory gym has suspended equipment, a climbing wall and a quiet regulation "
    "room, and many of the children we see are autistic or have sensory processing "
    "differences.",
)
FEEDING = Variant(
    "Pediatric OT - Feeding Team",
    focus=(F.FEEDING, F.SELF_HELP),
    blurb="You will join an interdisciplinary feeding team with speech-language pathologists "
    "and a dietitian, treating selective eaters and children with pediatric feeding "
    "disorder.",
)
NEW_GRAD_OT = Variant(
    "New Grad Pediatric OT - Mentorship Program",
    new_grad=True,
    agency=False,
    blurb="New graduates start with a structured mentorship: shadowing, a gradually growing "
    "caseload and weekly protected time with a senior therapist.",
)
VARIANTS: dict[tuple[Role, Setting], tuple[Variant, ...]] = {
    (R.PEDIATRIC_OT, S.OUTPATIENT_CLINIC): (
        SENSORY,
        FEEDING,
        NEW_GRAD_OT,
        Variant("Pediatric Occupational Therapist - Outpatient", weight=6),
        Variant("Pediatric Occupational Therapist"),
        Variant(
            "Pediatric Occupational Therapist - Autism Program",
            focus=(F.SENSORY_PROCESSING, F.SOCIAL_PLAY, F.SELF_HELP),
            blurb="Our autism program pairs OT with speech and ABA providers so each child's "
            "goals are shared across the team.",
        ),
        Variant(
            "Pediatric OT - Handwriting & Fine Motor Clinic",
            focus=(F.HANDWRITING, F.FINE_MOTOR, F.VISUAL_MOTOR),
            ages=(A.PRESCHOOL, A.SCHOOL_AGE),
        ),
        Variant("PRN Pediatric Occupational Therapist", employment=ET.PER_DIEM),
        Variant("Part-Time Pediatric OT (Evenings & Saturdays)", employment=ET.PART_TIME),
        Variant(
            "Bilingual Pediatric Occupational Therapist (English/Spanish)",
            blurb="Many of our families speak Spanish at home; bilingual therapists earn a "
            "language differential.",
        ),
        Variant("Travel Pediatric OT - 13 Weeks", employment=ET.TRAVEL, agency=True),
        Variant("Contract Pediatric OT - Outpatient Clinic", agency=True),
    ),
    (R.PEDIATRIC_OT, S.PRIVATE_PRACTICE): (
        Variant("Pediatric Occupational Therapist - Private Practice", weight=6),
        Variant(
            "Pediatric OT - Sensory Integration Practice",
            focus=(F.SENSORY_PROCESSING, F.POSTURAL_STABILITY),
            preferred=(C.CASI,),
        ),
        Variant("Pediatric OT (4-Day Work Week)"),
        Variant("Part-Time Pediatric Occupational Therapist", employment=ET.PART_TIME),
        NEW_GRAD_OT,
        FEEDING,
    ),
    (R.PEDIATRIC_OT, S.HOSPITAL): (
        Variant(
            "Occupational Therapist - NICU",
            focus=(F.FEEDING, F.POSTURAL_STABILITY),
            ages=(A.INFANTS_TODDLERS,),
            preferred=(C.NDT,),
            blurb="In our NICU you will support positioning, feeding readiness, "
            "developmental care and parent education for premature and medically fragile "
            "infants.",
        ),
        Variant(
            "Occupational Therapist II - Pediatric Inpatient Rehab",
            focus=(F.SELF_HELP, F.POSTURAL_STABILITY, F.ASSISTIVE_TECHNOLOGY),
            ages=(A.SCHOOL_AGE, A.ADOLESCENTS),
            blurb="Our inpatient rehabilitation unit treats children after brain injury, "
            "spinal cord injury and orthopedic surgery, three hours of therapy a day.",
        ),
        Variant("Pediatric Occupational Therapist - Acute Care", weight=6),
        Variant(
            "Pediatric OT - Hand & Upper Extremity",
            focus=(F.FINE_MOTOR,),
            ages=(A.SCHOOL_AGE, A.ADOLESCENTS),
        ),
        Variant("PRN Pediatric OT - Children's Hospital", employment=ET.PER_DIEM),
        Variant(
            "New Grad Occupational Therapist - Pediatric Residency",
            new_grad=True,
            agency=False,
            blurb="Our pediatric residency rotates new graduates through acute care, rehab "
            "and outpatient clinics with a dedicated clinical mentor.",
        ),
        Variant("Travel Pediatric OT - 13 Weeks", employment=ET.TRAVEL, agency=True),
        Variant(
            "Travel NICU Occupational Therapist",
            employment=ET.TRAVEL,
            agency=True,
            ages=(A.INFANTS_TODDLERS,),
            focus=(F.FEEDING,),
        ),
    ),
    (R.PEDIATRIC_OT, S.EARLY_INTERVENTION): (
        Variant("Early Intervention Occupational Therapist (Birth to 3)", weight=6),
        Variant("Pediatric OT - Early Intervention (Home Visits)"),
        Variant(
            "Bilingual EI Occupational Therapist (Spanish)",
            blurb="About half of our families speak Spanish at home.",
        ),
        Variant("Part-Time Early Intervention OT", employment=ET.PART_TIME),
        Variant(
            "New Grad EI Occupational Therapist - Mentorship Program",
            new_grad=True,
            agency=False,
            blurb="New graduates do joint visits with a senior EI therapist before taking "
            "their own families.",
        ),
        Variant("Contract Early Intervention OT", employment=ET.CONTRACT, agency=True),
    ),
    (R.PEDIATRIC_OT, S.HOME_COMMUNITY): (
        Variant("Home Health Pediatric Occupational Therapist", weight=6),
        Variant("Pediatric OT - Home & Community Visits"),
        Variant("PRN Home Health Pediatric OT", employment=ET.PER_DIEM),
    ),
    (R.SCHOOL_OT, S.SCHOOL): (
        Variant("School-Based OT ({school_year} School Year)", agency=False, weight=6),
        Variant("School Occupational Therapist - Itinerant (K-12)", itinerant=True),
        Variant(
            "Occupational Therapist - Preschool Program",
            ages=(A.PRESCHOOL,),
            focus=(F.SELF_HELP, F.FINE_MOTOR, F.SOCIAL_PLAY),
        ),
        Variant(
            "School-Based OT - Secondary & Transition Services",
            ages=(A.ADOLESCENTS, A.TRANSITION),
            focus=(F.SELF_HELP, F.TASK_ORGANIZATION, F.ASSISTIVE_TECHNOLOGY),
            blurb="Our transition program helps students aged 18 to 22 practise work, "
            "community and daily-living skills on campus and at job sites.",
        ),
        Variant("School OT - Elementary Campuses", ages=(A.PRESCHOOL, A.SCHOOL_AGE)),
        Variant(
            "Occupational Therapist - Autism & Life Skills Classrooms",
            focus=(F.SENSORY_PROCESSING, F.SELF_HELP),
        ),
        Variant(
            "New Grad School-Based OT - Mentorship Program",
            new_grad=True,
            agency=False,
            blurb="First-year therapists get a trained mentor, a reduced caseload for the "
            "first semester and a monthly new-therapist cohort meeting.",
        ),
        Variant("Contract School OT - {client}", agency=True, weight=6),
        Variant("School-Based Occupational Therapist - {city} Schools (Contract)", agency=True),
        Variant("Travel School OT ({school_year})", employment=ET.TRAVEL, agency=True),
        Variant(
            "Teletherapy School Occupational Therapist",
            telehealth=Telehealth.FULL,
            agency=True,
            blurb="Services are delivered live over video; an on-site facilitator at each "
            "school supports the student during sessions.",
        ),
    ),
    (R.COTA, S.SCHOOL): (
        Variant("School-Based COTA/L ({school_year})", agency=False, weight=6),
        Variant("COTA - Elementary Schools", ages=(A.PRESCHOOL, A.SCHOOL_AGE), itinerant=True),
        Variant("Certified OT Assistant - Preschool Classrooms", ages=(A.PRESCHOOL,)),
        Variant("New Grad School COTA", new_grad=True, agency=False),
        Variant("Contract School COTA - {client}", agency=True, weight=6),
        Variant("Travel School COTA ({school_year})", employment=ET.TRAVEL, agency=True),
    ),
    (R.COTA, S.EARLY_INTERVENTION): (
        Variant("COTA - Early Intervention (Home Visits)", weight=6),
        Variant("Early Intervention COTA/L (Birth to 3)"),
        Variant("Part-Time EI COTA", employment=ET.PART_TIME),
    ),
    (R.COTA, S.HOME_COMMUNITY): (
        Variant("Home Health COTA (Pediatrics)"),
        Variant("COTA - Home & Community Pediatric Visits"),
    ),
    (R.COTA, S.HOSPITAL): (
        Variant("COTA - Pediatric Inpatient Rehab", ages=(A.SCHOOL_AGE, A.ADOLESCENTS)),
        Variant("Certified Occupational Therapy Assistant - Children's Hospital"),
        Variant("PRN COTA - Pediatric Rehab", employment=ET.PER_DIEM),
        Variant("Travel COTA - Pediatric Hospital", employment=ET.TRAVEL, agency=True),
    ),
    (R.COTA, S.OUTPATIENT_CLINIC): (
        Variant("COTA/L - Pediatric Clinic", weight=6),
        Variant("Certified Occupational Therapy Assistant - Outpatient Pediatrics"),
        Variant("PRN COTA - Pediatric Outpatient", employment=ET.PER_DIEM),
        Variant("New Grad COTA - Pediatrics", new_grad=True, agency=False),
        Variant("Contract COTA - Pediatric Outpatient", agency=True),
    ),
    (R.COTA, S.PRIVATE_PRACTICE): (
        Variant("COTA/L - Pediatric Private Practice"),
        Variant("Part-Time COTA (School-Day Hours)", employment=ET.PART_TIME),
        Variant("New Grad COTA - Pediatrics", new_grad=True),
    ),
    (R.OT_TECHNICIAN, S.SCHOOL): (
        Variant("Special Education Paraprofessional - OT Support"),
        Variant("OT Aide - Elementary Schools"),
    ),
    (R.OT_TECHNICIAN, S.HOSPITAL): (
        Variant("Occupational Therapy Aide - Children's Hospital"),
        Variant("Rehab Technician - Pediatric Therapy"),
        Variant("Rehab Aide (PRN) - Pediatric Therapy", employment=ET.PER_DIEM),
    ),
    (R.OT_TECHNICIAN, S.OUTPATIENT_CLINIC): (
        Variant("OT Aide / Rehab Technician", weight=6),
        Variant("Pediatric Therapy Technician"),
        Variant("Sensory Gym Aide"),
        Variant("Therapy Aide - Part-Time (Afternoons)", employment=ET.PART_TIME),
    ),
    (R.OT_TECHNICIAN, S.PRIVATE_PRACTICE): (
        Variant("Pediatric Therapy Aide"),
        Variant("OT Aide / Front Desk (Part-Time)", employment=ET.PART_TIME),
    ),
}
DIRECT_VARIANTS = {
    key: Weighted([(v, v.share) for v in variants if v.agency is not True])
    for key, variants in VARIANTS.items()
}
AGENCY_VARIANTS = {
    key: Weighted([(v, v.share) for v in variants if v.agency is not False])
    for key, variants in VARIANTS.items()
}
