"""Demo employers: kinds, names, about texts, and how many of them a run needs."""

from dataclasses import dataclass
from random import Random

from django.utils.text import slugify

from demo.generator.helpers import STATE_NAMES, Weighted
from demo.generator.places import CITY_WEIGHTS, City
from listings.vocab import EmployerKind, State

POSTINGS_PER_EMPLOYER = 11  # DOMAIN: roughly one employer for every 8-15 postings
MIN_EMPLOYERS = 5


KIND_WEIGHTS = Weighted(
    [
        (EmployerKind.SCHOOL_DISTRICT, 22),
        (EmployerKind.EARLY_INTERVENTION_AGENCY, 15),
        (EmployerKind.HOSPITAL, 9),
        (EmployerKind.OUTPATIENT_CLINIC, 24),
        (EmployerKind.PRIVATE_PRACTICE, 22),
        (EmployerKind.STAFFING_AGENCY, 8),
    ]
)
# How many postings an employer of each kind tends to carry, relative to the others.
KIND_SIZE = {
    EmployerKind.SCHOOL_DISTRICT: 1.4,
    EmployerKind.EARLY_INTERVENTION_AGENCY: 0.9,
    EmployerKind.HOSPITAL: 1.8,
    EmployerKind.OUTPATIENT_CLINIC: 0.8,
    EmployerKind.PRIVATE_PRACTICE: 0.5,
    EmployerKind.STAFFING_AGENCY: 2.6,
}


DISTRICT_PREFIXES = ("", "", "North ", "South ", "East ", "West ", "Greater ", "Lake ", "Old ")
DISTRICT_SUFFIXES = ("", " Heights", " Valley", " Creek", " Springs", " Hills", " Park", " Ridge")
DISTRICT_STYLES = {
    State.TX: ("{place} ISD", "{place} Independent School District"),
    State.CA: ("{place} Unified School District", "{place} Elementary School District"),
    State.PA: ("{place} Area School District", "{place} School District"),
    State.NY: ("{place} Central School District", "{place} Union Free School District"),
    State.OH: ("{place} City Schools", "{place} Local Schools"),
    State.FL: ("{place} County Public Schools",),
    State.PR: ("Distrito Escolar de {place}",),
    State.GU: ("{place} Public School System",),
}
DISTRICT_DEFAULT_STYLES = (
    "{place} Public Schools",
    "{place} School District",
    "{place} Community Schools",
    "{place} County Schools",
)
NATURE_WORDS = (
    "Bluebird", "Sunflower", "Maple", "Juniper", "Acorn", "Lantern", "Pinwheel", "Sprout",
    "Meadow", "Compass", "Treehouse", "Wildflower", "North Star", "Firefly", "Willow",
    "Kite", "Cedar", "Pebble", "Sparrow", "Hummingbird", "Honeybee", "Riverbend", "Oak Leaf",
    "Aspen", "Clover", "Tidewater", "Harbor Light", "Blue Spruce", "Sandcastle", "Marigold",
)  # fmt: skip
SURNAMES = (
    "Alvarez", "Bennett", "Castillo", "Delgado", "Ellison", "Fitzgerald", "Garrison", "Hale",
    "Iverson", "Jensen", "Kowalski", "Lindqvist", "Moreno", "Nakamura", "Okafor", "Patel",
    "Quintero", "Reyes", "Sorensen", "Thibodeaux", "Underwood", "Vasquez", "Whitaker",
    "Yamamoto", "Zielinski", "Abernathy", "Brennan", "Caldwell", "Dubois", "Esposito",
)  # fmt: skip
EMPLOYER_NAME_TEMPLATES = {
    EmployerKind.EARLY_INTERVENTION_AGENCY: (
        "Little Steps Early Intervention of {city}",
        "First Steps Family Therapy - {city}",
        "{nature} Early Intervention",
        "{nature} Early Childhood Services",
        "Bright Beginnings Early Intervention of {city}",
        "Nest & Grow Early Intervention",
        "Tiny Sprouts Birth-to-Three - {city}",
        "{city} Early Childhood Partners",
        "Cradle & Crayon EI Services",
    ),
    EmployerKind.HOSPITAL: (
        "{nature} Children's Hospital",
        "{nature} Children's Hospital of {city}",
        "{city} Regional Children's Health",
        "{nature} Children's Medical Center",
        "Saint {saint} Children's Hospital",
        "{saint} Pediatric Health System",
    ),
    EmployerKind.OUTPATIENT_CLINIC: (
        "{nature} Pediatric Therapy",
        "{nature} Kids Therapy Center",
        "{nature} Children's Therapy Clinic",
        "{city} Kids Therapy Center",
        "Kid Kinetics Therapy - {nature}",
        "Playworks Pediatric Therapy of {city}",
        "{nature} Sensory & Motor Clinic",
    ),
    EmployerKind.PRIVATE_PRACTICE: (
        "{surname} Pediatric OT, PLLC",
        "{surname} Children's Therapy",
        "Handprints Occupational Therapy - {nature}",
        "Growing Hands OT of {city}",
        "Small Wonders Therapy ({surname} & Associates)",
        "{nature} Occupational Therapy for Kids",
    ),
    EmployerKind.STAFFING_AGENCY: (
        "{nature} School Therapy Partners",
        "{nature} Therapy Staffing",
        "{nature} Rehab Staffing - {city}",
        "{surname} Educational Staffing",
        "{nature} Pediatric Travel Therapy",
        "{nature} Therapy Solutions",
    ),
}
SAINTS = ("Brigid", "Anselm", "Clement", "Agnes", "Elias", "Rosalind", "Ambrose", "Lucia")
EMPLOYER_ABOUT = {
    EmployerKind.SCHOOL_DISTRICT: (
        "{name} educates students from pre-kindergarten through age 22 across {city} and the "
        "surrounding area. Our related-services team of occupational therapists, COTAs, "
        "speech-language pathologists and physical therapists supports students on IEPs and "
        "504 plans in every school.",
        "{name} is a public school district in {state_name}. We value inclusive classrooms, "
        "reasonable caseloads and a real calendar: therapists follow the school year, with "
        "summers, winter break and spring break off.",
    ),
    EmployerKind.EARLY_INTERVENTION_AGENCY: (
        "{name} delivers IDEA Part C early intervention to infants and toddlers with "
        "developmental delays and their families in and around {city}. Our therapists coach "
        "parents in everyday routines at home, in daycare and in the community.",
        "Family-centred, coaching-based early intervention since the day we opened. {name} "
        "is an approved provider for the {state_name} birth-to-three program.",
    ),
    EmployerKind.HOSPITAL: (
        "{name} is a pediatric health system in {city}, {state_name}, with inpatient units, "
        "a level III NICU, inpatient rehabilitation and outpatient therapy clinics across the "
        "region.",
        "{name} cares for children from birth through young adulthood. Our rehabilitation "
        "department of occupational, physical and speech therapists works inside every "
        "medical team, from the NICU to outpatient follow-up.",
    ),
    EmployerKind.OUTPATIENT_CLINIC: (
        "{name} is an outpatient pediatric therapy clinic in {city} offering occupational, "
        "speech and physical therapy, feeding therapy and social-skills groups, with a full "
        "sensory gym.",
        "At {name} children come to play and families come to learn. We offer pediatric OT, "
        "PT and speech therapy in a bright clinic with observation rooms and a sensory gym.",
    ),
    EmployerKind.PRIVATE_PRACTICE: (
        "{name} is a therapist-owned pediatric practice in {city}. We keep caseloads "
        "manageable, schedules predictable and decisions close to the people who treat.",
        "A small practice with a loyal following: {name} offers pediatric occupational "
        "therapy in our {city} clinic and in homes and schools nearby.",
    ),
    EmployerKind.STAFFING_AGENCY: (
        "{name} places occupational therapists and COTAs with school districts, early "
        "intervention programs and children's hospitals. Every posting names the client "
        "where you will work, and our recruiters answer the phone.",
        "{name} is a therapy staffing agency with a pediatric focus. We handle licensing, "
        "credentialing and onboarding so you can focus on students and patients.",
    ),
}


def district_name(rng: Random, city: City) -> str:
    """An invented district named for the city (never the bare city, a real district name)."""
    while True:
        prefix = rng.choice(DISTRICT_PREFIXES)
        suffix = rng.choice(DISTRICT_SUFFIXES)
        if prefix or suffix:
            break
    style = rng.choice(DISTRICT_STYLES.get(city.state, DISTRICT_DEFAULT_STYLES))
    return style.format(place=f"{prefix}{city.name}{suffix}")


def _employer_name(rng: Random, kind: EmployerKind, city: City) -> str:
    if kind == EmployerKind.SCHOOL_DISTRICT:
        return district_name(rng, city)
    return rng.choice(EMPLOYER_NAME_TEMPLATES[kind]).format(
        city=city.name,
        nature=rng.choice(NATURE_WORDS),
        surname=rng.choice(SURNAMES),
        saint=rng.choice(SAINTS),
    )


@dataclass
class DemoEmployer:
    """An employer's model fields plus what posting generation needs to know about it.

    The fields leave out what `listings.preparation.prepare_employer` derives (the slug).
    """

    fields: dict
    city: City
    weight: float


def generate_employers(rng: Random, count: int) -> list[DemoEmployer]:
    """`count` employers of every kind, with names unique within each state."""
    names: set[tuple[str, str]] = set()
    employers = []
    kinds = list(EmployerKind)
    for index in range(count):
        # Every kind appears once before the weighted mix, so even small runs are varied.
        kind = kinds[index] if index < len(kinds) else KIND_WEIGHTS.pick(rng)
        city = CITY_WEIGHTS.pick(rng)
        for _attempt in range(20):
            name = _employer_name(rng, kind, city)
            if (name, city.state) not in names:
                break
        names.add((name, city.state))
        domain = slugify(name)[:40].strip("-")
        fields = {
            "name": name,
            "kind": kind,
            "website": f"https://www.{domain}.example",
            "phone": f"({city.area_code}) 555-01{rng.randint(0, 99):02d}",
            "about": rng.choice(EMPLOYER_ABOUT[kind]).format(
                name=name, city=city.name, state_name=STATE_NAMES[city.state]
            ),
            "city": city.name,
            "state": city.state,
            "zip_code": rng.choice(city.zips),
        }
        weight = KIND_SIZE[kind] * rng.lognormvariate(0, 0.6)
        employers.append(DemoEmployer(fields=fields, city=city, weight=weight))
    return employers


def employer_count(postings: int) -> int:
    return max(min(postings, MIN_EMPLOYERS), round(postings / POSTINGS_PER_EMPLOYER))
