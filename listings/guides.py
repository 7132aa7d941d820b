"""Role guides: what each role does, what it takes, and where it leads (DOMAIN.md)."""

from dataclasses import dataclass

from listings import vocab


@dataclass(frozen=True)
class Guide:
    role: vocab.Role
    slug: str
    title: str
    summary: str
    what_you_do: tuple[str, ...]
    requirements: tuple[str, ...]
    where: tuple[str, ...]
    next_steps: str

    @property
    def label(self) -> str:
        return vocab.Role(self.role).label


# The career ladder, bottom to top; each guide highlights its own rung.
LADDER = (
    (vocab.Role.OT_TECHNICIAN, "OT technician / aide",
     "Trained on the job, supervised; the first step."),
    (vocab.Role.COTA, "COTA",
     "Associate or bachelor's from an ACOTE program, NBCOT COTA exam, state OTA license."),
    (vocab.Role.PEDIATRIC_OT, "Occupational therapist",
     "Master's or OTD, NBCOT OTR exam, state OT license."),
    (None, "Specialist or manager",
     "Board and specialty certifications (BCP, SCSS, CASI, NDT) or leading a team."),
)  # fmt: skip

GUIDES = (
    Guide(
        role=vocab.Role.PEDIATRIC_OT,
        slug="pediatric-occupational-therapist",
        title="Pediatric occupational therapist",
        summary=(
            "Pediatric OTs help children take part in the everyday work of childhood: playing, "
            "learning, eating, dressing and getting along with others. They evaluate, set goals "
            "with families and treat in clinics, hospitals, homes and early-intervention "
            "programs."
        ),
        what_you_do=(
            "Evaluate fine motor, visual motor, sensory processing, self-care and play skills.",
            "Plan and deliver treatment with families, from NICU feeding to sensory diets.",
            "Coach parents and caregivers so progress carries into daily routines.",
            "Document visits and progress for insurers, programs and the care team.",
            "Supervise COTAs and aides where the team has them.",
        ),
        requirements=(
            "Master's (MOT/MSOT) or doctorate (OTD) from an ACOTE-accredited program.",
            "NBCOT certification as an OTR (renewed every three years).",
            "A state OT license (OTR/L) in the state where you practise.",
            "Often CPR/BLS; a driver's license for home-based and early-intervention work.",
            "New graduates: look for license-eligible roles with formal mentorship.",
        ),
        where=(
            "Outpatient pediatric clinics and private practices",
            "Children's hospitals (inpatient, NICU, rehab)",
            "Early intervention in homes and daycares (birth to 3)",
            "Home health and community programs",
        ),
        next_steps=(
            "Specialise with AOTA Board Certification in Pediatrics (BCP), the CLASI "
            "certificate in Ayres Sensory Integration or NDT certification, or move into "
            "clinical leadership."
        ),
    ),
    Guide(
        role=vocab.Role.SCHOOL_OT,
        slug="school-based-occupational-therapist",
        title="School-based occupational therapist",
        summary=(
            "School-based OTs provide a related service under IDEA Part B so that students "
            "aged 3 to 22 can take part in their education. They are members of the IEP team "
            "and work in classrooms, across several schools and with teachers and families."
        ),
        what_you_do=(
            "Assess postural stability, self-help, fine motor, sensory processing, social and "
            "play, visual motor and task organization skills.",
            "Write IEP goals and serve students directly and through consultation.",
            "Support handwriting, assistive technology and classroom access.",
            "Travel between schools on an itinerant schedule; track caseload and minutes.",
            "Supervise COTAs who serve part of the caseload.",
        ),
        requirements=(
            "Master's or OTD from an ACOTE-accredited program.",
            "NBCOT OTR certification and a state OT license.",
            "Some states also ask for a school-services credential or endorsement.",
            "A driver's license for itinerant roles between sites.",
        ),
        where=(
            "School districts, charter schools and county offices of education",
            "Therapy staffing agencies that place OTs with districts",
        ),
        next_steps=(
            "AOTA Specialty Certification in School Systems (SCSS), assistive-technology "
            "specialism, or leading a district's related-services team."
        ),
    ),
    Guide(
        role=vocab.Role.COTA,
        slug="certified-occupational-therapy-assistant",
        title="Certified occupational therapy assistant (COTA)",
        summary=(
            "COTAs carry out treatment plans under an occupational therapist's supervision: "
            "they run sessions, track progress and adapt activities, in schools, clinics and "
            "homes."
        ),
        what_you_do=(
            "Deliver treatment sessions from the OT's plan of care.",
            "Record progress and tell the supervising OT when a plan needs to change.",
            "Lead groups for handwriting, fine motor, feeding or sensory regulation.",
            "Train families and teachers in home and classroom strategies.",
        ),
        requirements=(
            "Associate (or bachelor's) degree from an ACOTE-accredited OTA program.",
            "NBCOT certification as a COTA.",
            "A state OTA license (COTA/L); supervision rules differ by state.",
            "Under the OT Licensure Compact, an OTA working on a privilege is supervised by an "
            "OT licensed or privileged in that state.",
        ),
        where=(
            "Schools and districts",
            "Outpatient clinics and private practices",
            "Early intervention and home health",
        ),
        next_steps=(
            "Bridge to an entry-level OT master's or OTD program; many employers help with "
            "tuition and schedules."
        ),
    ),
    Guide(
        role=vocab.Role.OT_TECHNICIAN,
        slug="ot-technician-aide",
        title="OT technician / aide",
        summary=(
            "OT technicians and aides prepare treatment spaces and equipment, help children "
            "move between activities and support the therapists: the first step on the "
            "occupational therapy career ladder. No license is required; training happens on "
            "the job, under supervision."
        ),
        what_you_do=(
            "Set up and clean therapy gyms, swings and equipment.",
            "Help children transition, stay safe and engaged during sessions.",
            "Schedule, file and keep supplies ready.",
            "Support group sessions under an OT's or COTA's direction.",
        ),
        requirements=(
            "A high school diploma; no license.",
            "CPR/BLS is often asked for, especially in hospitals.",
            "Skills that carry you forward: communication, organization, care with "
            "therapeutic equipment and empathy.",
        ),
        where=("Outpatient clinics", "Children's hospitals", "Private practices"),
        next_steps=(
            "An associate degree from an ACOTE-accredited OTA program and the NBCOT COTA exam "
            "lead to the COTA role; networking and continuing education open the next step."
        ),
    ),
)

GUIDES_BY_SLUG = {guide.slug: guide for guide in GUIDES}
GUIDES_BY_ROLE: dict[str, Guide] = {guide.role: guide for guide in GUIDES}
