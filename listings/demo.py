"""Demo data: realistic, varied employers and postings built from the board's vocabularies.

Everything here is pure and deterministic: the same seed and the same `now` give the same
rows, so demos, screenshots and benchmarks are reproducible. The `seed_demo` command turns
the field dictionaries built here into model instances and bulk-inserts them.

Pay bands, calendars and workloads follow DOMAIN.md; facts a setting does not have are left
empty, as an honest posting would leave them.
"""

import datetime
import itertools
from bisect import bisect
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from random import Random

from django.utils.text import slugify

from listings.geo import zip_place
from listings.vocab import (
    AgeGroup,
    Certification,
    Credential,
    Degree,
    EmployerKind,
    EmploymentModel,
    EmploymentType,
    FocusArea,
    HowToApply,
    LicensureStatus,
    Mentorship,
    PaySpread,
    PayUnit,
    PostingStatus,
    Role,
    Setting,
    State,
    Telehealth,
    Vacancy,
)

POSTING_LIFETIME = datetime.timedelta(days=60)
PUBLISHED_WITHIN_DAYS = 45
POSTINGS_PER_EMPLOYER = 11  # DOMAIN: roughly one employer for every 8-15 postings
MIN_EMPLOYERS = 5


# Geography ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class City:
    name: str  # as the zipcodes data spells it, so city search finds it too
    state: State
    area_code: str
    zips: tuple[str, ...]
    weight: int = 2  # bigger metros get more employers


CITIES: tuple[City, ...] = (
    City("Birmingham", State.AL, "205", ("35203", "35204", "35205")),
    City("Huntsville", State.AL, "256", ("35801", "35802", "35803"), 1),
    City("Anchorage", State.AK, "907", ("99501", "99502", "99503")),
    City("Phoenix", State.AZ, "602", ("85003", "85004", "85006"), 3),
    City("Tucson", State.AZ, "520", ("85701", "85704", "85705")),
    City("Mesa", State.AZ, "480", ("85201", "85202", "85203")),
    City("Little Rock", State.AR, "501", ("72201", "72202", "72204")),
    City("Sacramento", State.CA, "916", ("95811", "95814", "95815")),
    City("San Diego", State.CA, "619", ("92101", "92102", "92103"), 3),
    City("Fresno", State.CA, "559", ("93701", "93702", "93703")),
    City("Oakland", State.CA, "510", ("94601", "94602", "94603")),
    City("Los Angeles", State.CA, "213", ("90001", "90002", "90003"), 3),
    City("Denver", State.CO, "303", ("80202", "80203", "80204"), 3),
    City("Colorado Springs", State.CO, "719", ("80902", "80903", "80904")),
    City("Hartford", State.CT, "860", ("06103", "06105", "06106")),
    City("Wilmington", State.DE, "302", ("19801", "19802", "19803"), 1),
    City("Washington", State.DC, "202", ("20001", "20002", "20003"), 3),
    City("Tampa", State.FL, "813", ("33602", "33603", "33604")),
    City("Orlando", State.FL, "407", ("32801", "32803", "32804"), 3),
    City("Jacksonville", State.FL, "904", ("32202", "32204", "32205")),
    City("Miami", State.FL, "305", ("33125", "33126", "33127"), 3),
    City("Atlanta", State.GA, "404", ("30303", "30305", "30306"), 3),
    City("Savannah", State.GA, "912", ("31401", "31404", "31405"), 1),
    City("Hagatna", State.GU, "671", ("96910",), 1),
    City("Honolulu", State.HI, "808", ("96813", "96814", "96815")),
    City("Boise", State.ID, "208", ("83702", "83703", "83704")),
    City("Chicago", State.IL, "312", ("60601", "60602", "60603"), 3),
    City("Naperville", State.IL, "630", ("60540", "60563", "60564"), 1),
    City("Indianapolis", State.IN, "317", ("46201", "46202", "46203"), 3),
    City("Des Moines", State.IA, "515", ("50307", "50308", "50309")),
    City("Wichita", State.KS, "316", ("67202", "67203", "67204")),
    City("Louisville", State.KY, "502", ("40202", "40203", "40204")),
    City("Lexington", State.KY, "859", ("40502", "40503", "40504"), 1),
    City("New Orleans", State.LA, "504", ("70112", "70113", "70114")),
    City("Baton Rouge", State.LA, "225", ("70801", "70802", "70805"), 1),
    City("Portland", State.ME, "207", ("04101", "04102", "04103"), 1),
    City("Baltimore", State.MD, "410", ("21201", "21202", "21205"), 3),
    City("Boston", State.MA, "617", ("02108", "02109", "02110"), 3),
    City("Worcester", State.MA, "508", ("01602", "01603", "01604"), 1),
    City("Detroit", State.MI, "313", ("48201", "48202", "48204"), 3),
    City("Grand Rapids", State.MI, "616", ("49503", "49504", "49505")),
    City("Minneapolis", State.MN, "612", ("55401", "55402", "55403"), 3),
    City("Jackson", State.MS, "601", ("39201", "39202", "39203"), 1),
    City("Kansas City", State.MO, "816", ("64101", "64102", "64105")),
    City("Saint Louis", State.MO, "314", ("63101", "63102", "63103"), 3),
    City("Billings", State.MT, "406", ("59101", "59102", "59105"), 1),
    City("Omaha", State.NE, "402", ("68102", "68104", "68105")),
    City("Las Vegas", State.NV, "702", ("89101", "89102", "89103"), 3),
    City("Reno", State.NV, "775", ("89501", "89502", "89503"), 1),
    City("Manchester", State.NH, "603", ("03101", "03102", "03103"), 1),
    City("Newark", State.NJ, "973", ("07102", "07103", "07104")),
    City("Albuquerque", State.NM, "505", ("87101", "87102", "87104")),
    City("Buffalo", State.NY, "716", ("14201", "14202", "14203")),
    City("Rochester", State.NY, "585", ("14604", "14605", "14606")),
    City("Brooklyn", State.NY, "718", ("11201", "11203", "11204"), 3),
    City("Charlotte", State.NC, "704", ("28202", "28203", "28204"), 3),
    City("Raleigh", State.NC, "919", ("27601", "27603", "27604")),
    City("Fargo", State.ND, "701", ("58102", "58103", "58104"), 1),
    City("Columbus", State.OH, "614", ("43201", "43202", "43203"), 3),
    City("Cleveland", State.OH, "216", ("44102", "44103", "44104")),
    City("Cincinnati", State.OH, "513", ("45202", "45203", "45204")),
    City("Tulsa", State.OK, "918", ("74103", "74104", "74105")),
    City("Oklahoma City", State.OK, "405", ("73102", "73103", "73104")),
    City("Portland", State.OR, "503", ("97201", "97202", "97203"), 3),
    City("Eugene", State.OR, "541", ("97401", "97402", "97403"), 1),
    City("Pittsburgh", State.PA, "412", ("15201", "15202", "15203")),
    City("Philadelphia", State.PA, "215", ("19102", "19103", "19104"), 3),
    City("San Juan", State.PR, "787", ("00901", "00907", "00909")),
    City("Ponce", State.PR, "787", ("00716", "00717", "00728"), 1),
    City("Providence", State.RI, "401", ("02903", "02904", "02905")),
    City("Charleston", State.SC, "843", ("29401", "29403", "29406")),
    City("Columbia", State.SC, "803", ("29201", "29203", "29204")),
    City("Sioux Falls", State.SD, "605", ("57103", "57104", "57105"), 1),
    City("Nashville", State.TN, "615", ("37201", "37203", "37204"), 3),
    City("Memphis", State.TN, "901", ("38103", "38104", "38105")),
    City("Knoxville", State.TN, "865", ("37902", "37909", "37912"), 1),
    City("Austin", State.TX, "512", ("78701", "78702", "78703"), 3),
    City("Houston", State.TX, "713", ("77002", "77003", "77004"), 3),
    City("San Antonio", State.TX, "210", ("78201", "78202", "78203"), 3),
    City("El Paso", State.TX, "915", ("79901", "79902", "79903")),
    City("Salt Lake City", State.UT, "801", ("84101", "84102", "84103")),
    City("Burlington", State.VT, "802", ("05401", "05408"), 1),
    City("Richmond", State.VA, "804", ("23219", "23220", "23221")),
    City("Norfolk", State.VA, "757", ("23502", "23503", "23504")),
    City("Seattle", State.WA, "206", ("98101", "98102", "98103"), 3),
    City("Spokane", State.WA, "509", ("99201", "99202", "99203"), 1),
    City("Charleston", State.WV, "304", ("25301", "25302", "25304"), 1),
    City("Madison", State.WI, "608", ("53703", "53704", "53705")),
    City("Milwaukee", State.WI, "414", ("53202", "53203", "53204")),
    City("Cheyenne", State.WY, "307", ("82001", "82007", "82009"), 1),
)

_COORDINATES: dict[str, tuple[float, float]] = {}


def coordinates(zip_code: str) -> tuple[float, float]:
    """Latitude and longitude of a demo ZIP, looked up once (bulk_create skips save())."""
    try:
        return _COORDINATES[zip_code]
    except KeyError:
        place = zip_place(zip_code)
        if place is None:
            raise ValueError(f"Demo ZIP {zip_code} is unknown to listings.geo") from None
        _COORDINATES[zip_code] = (place.latitude, place.longitude)
        return _COORDINATES[zip_code]


# Small helpers -----------------------------------------------------------------------------
class Weighted:
    """Weighted choice with precomputed cumulative weights (cheaper than Random.choices)."""

    def __init__(self, pairs: Sequence[tuple[object, float]]):
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def _money(rng: Random, low: int, high: int, step: int, *, low_end: bool = False):
    """A (min, max) Decimal range inside [low, high] on multiples of `step` (all in cents)."""
    steps = (high - low) // step
    spread = rng.randint(max(1, steps // 8), max(1, steps * 2 // 5))
    start_max = steps - spread
    start = rng.randint(0, start_max // 2 if low_end else start_max)
    bottom = low + start * step
    return Decimal(bottom).scaleb(-2), Decimal(bottom + spread * step).scaleb(-2)


def _dollars(amount: Decimal | int) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def _join(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def _a(noun: str, *, capital: bool = False) -> str:
    article = "an" if noun[0] in "aeiouAEIOU" else "a"
    return f"{article.capitalize() if capital else article} {noun}"


STATE_NAMES = {state.value: state.label for state in State}
# Youngest and oldest age of each group, for phrases like "children aged 3 to 12".
AGE_SPAN = {
    AgeGroup.INFANTS_TODDLERS: (0, 3),
    AgeGroup.PRESCHOOL: (3, 5),
    AgeGroup.SCHOOL_AGE: (5, 12),
    AgeGroup.ADOLESCENTS: (13, 18),
    AgeGroup.TRANSITION: (18, 22),
}
FOCUS_TEXT = {focus: focus.label.lower() for focus in FocusArea}
CERT_TEXT = {
    Certification.CASI: "CLASI CASI (sensory integration)",
    Certification.NDT: "NDT certification",
    Certification.BCP: "AOTA Board Certification in Pediatrics",
    Certification.SCSS: "AOTA Specialty Certification in School Systems",
    Certification.CPR_BLS: "CPR/BLS",
}
CERT_ORDER = {cert: index for index, cert in enumerate(Certification)}
FOCUS_ORDER = {focus: index for index, focus in enumerate(FocusArea)}


# Employers ---------------------------------------------------------------------------------
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
CITY_WEIGHTS = Weighted([(city, city.weight) for city in CITIES])

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


def _unique(base: str, taken: set[str], *, max_length: int) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free; the result is added to `taken`."""
    base = base[:max_length].strip("-") or "item"
    candidate = base
    counter = 1
    while candidate in taken:
        counter += 1
        suffix = f"-{counter}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    taken.add(candidate)
    return candidate


@dataclass
class DemoEmployer:
    """An employer's model fields plus what posting generation needs to know about it."""

    fields: dict
    city: City
    weight: float


def generate_employers(
    rng: Random, count: int, *, taken_slugs: Collection[str] = ()
) -> list[DemoEmployer]:
    taken = set(taken_slugs)
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
        slug = _unique(slugify(f"{name} {city.name} {city.state}"), taken, max_length=80)
        domain = slugify(name)[:40].strip("-")
        fields = {
            "name": name,
            "slug": slug,
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


# Posting variants: titles with the facts that go with them ---------------------------------
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
_DIRECT_VARIANTS = {
    key: Weighted([(v, v.share) for v in variants if v.agency is not True])
    for key, variants in VARIANTS.items()
}
_AGENCY_VARIANTS = {
    key: Weighted([(v, v.share) for v in variants if v.agency is not False])
    for key, variants in VARIANTS.items()
}

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


# Pay ---------------------------------------------------------------------------------------
# Bands in cents: (unit, low, high, step). Checked by tests against DOMAIN.md's examples.
PAY_BANDS = {
    "ot_hour": (PayUnit.HOUR, 38_00, 55_00, 50),
    "ot_year": (PayUnit.YEAR, 70_000_00, 105_000_00, 1_000_00),
    "ot_visit": (PayUnit.VISIT, 55_00, 95_00, 5_00),
    "ot_prn_hour": (PayUnit.HOUR, 45_00, 62_00, 50),
    "ot_contract_hour": (PayUnit.HOUR, 45_00, 70_00, 50),
    "ot_travel_week": (PayUnit.WEEK, 1_800_00, 2_700_00, 25_00),
    "school_ot_year": (PayUnit.YEAR, 60_000_00, 95_000_00, 1_000_00),
    "school_ot_day": (PayUnit.DAY, 350_00, 500_00, 5_00),
    "cota_hour": (PayUnit.HOUR, 26_00, 38_00, 50),
    "cota_year": (PayUnit.YEAR, 45_000_00, 64_000_00, 1_000_00),
    "cota_visit": (PayUnit.VISIT, 40_00, 65_00, 5_00),
    "cota_contract_hour": (PayUnit.HOUR, 32_00, 46_00, 50),
    "cota_travel_week": (PayUnit.WEEK, 1_300_00, 1_900_00, 25_00),
    "tech_hour": (PayUnit.HOUR, 16_00, 22_00, 25),
}


def _pay_band(rng: Random, role: Role, setting: Setting, employment: str, agency: bool) -> str:
    if role == R.OT_TECHNICIAN:
        return "tech_hour"
    licensed_ot = role != R.COTA
    if employment == ET.TRAVEL:
        return "ot_travel_week" if licensed_ot else "cota_travel_week"
    if agency or employment == ET.CONTRACT:
        if role == R.SCHOOL_OT and rng.random() < 0.2:
            return "school_ot_day"
        return "ot_contract_hour" if licensed_ot else "cota_contract_hour"
    if role == R.SCHOOL_OT:
        return "school_ot_year" if rng.random() < 0.7 else "school_ot_day"
    if setting in HOME_SETTINGS:
        if rng.random() < 0.7:
            return "ot_visit" if licensed_ot else "cota_visit"
        return "ot_hour" if licensed_ot else "cota_hour"
    if role == R.COTA:
        if setting == S.SCHOOL or (employment == ET.FULL_TIME and rng.random() < 0.3):
            return "cota_year" if rng.random() < 0.6 else "cota_hour"
        return "cota_hour"
    if employment == ET.PER_DIEM:
        return "ot_prn_hour"
    if employment == ET.FULL_TIME and rng.random() < 0.45:
        return "ot_year"
    return "ot_hour"


# Lifecycle ---------------------------------------------------------------------------------
OPEN, CLOSED, EXPIRED, DRAFT = "open", "closed", "expired", "draft"


@dataclass(frozen=True)
class LifecyclePlan:
    """How many postings end up open, closed, expired (still PUBLISHED) and draft."""

    total: int
    closed: int
    expired: int
    draft: int

    @property
    def open(self) -> int:
        return self.total - self.closed - self.expired - self.draft

    @classmethod
    def for_total(cls, total: int) -> "LifecyclePlan":
        # About 3% closed, 2% expired and 2% drafts, so open() has something to exclude.
        return cls(total=total, closed=total * 3 // 100, expired=total // 50, draft=total // 50)

    def shuffled(self, rng: Random) -> list[str]:
        states = (
            [CLOSED] * self.closed
            + [EXPIRED] * self.expired
            + [DRAFT] * self.draft
            + [OPEN] * self.open
        )
        rng.shuffle(states)
        return states


def employer_count(postings: int) -> int:
    return max(min(postings, MIN_EMPLOYERS), round(postings / POSTINGS_PER_EMPLOYER))


# Text --------------------------------------------------------------------------------------
ROLE_NOUNS = {
    R.PEDIATRIC_OT: "pediatric occupational therapist",
    R.SCHOOL_OT: "school-based occupational therapist",
    R.COTA: "certified occupational therapy assistant (COTA/L)",
    R.OT_TECHNICIAN: "OT aide / rehab technician",
}
INTROS = {
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
DUTIES = {
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
BENEFITS = {
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
CLIENT_TEMPLATES = {
    S.HOSPITAL: ("{nature} Children's Hospital", "{city} Regional Medical Center"),
    S.OUTPATIENT_CLINIC: ("{nature} Pediatric Therapy", "{city} Children's Rehab Clinic"),
    S.EARLY_INTERVENTION: ("{state_name} Early Intervention Program, {city} region",),
}


def school_year(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def _client_name(rng: Random, setting: Setting, city: City) -> str:
    if setting == S.SCHOOL:
        return district_name(rng, city)
    return rng.choice(CLIENT_TEMPLATES[setting]).format(
        nature=rng.choice(NATURE_WORDS), city=city.name, state_name=STATE_NAMES[city.state]
    )


def _age_phrase(ages: Sequence[AgeGroup]) -> str:
    youngest = min(AGE_SPAN[age][0] for age in ages)
    oldest = max(AGE_SPAN[age][1] for age in ages)
    return f"from birth to age {oldest}" if youngest == 0 else f"aged {youngest} to {oldest}"


def _sample_focus(rng: Random, setting: Setting, variant: Variant) -> list[FocusArea]:
    pool = SETTING_FOCUS[setting]
    chosen = set(variant.focus)
    for focus in rng.sample(pool, rng.randint(2, 4)):
        if len(chosen) >= 5:
            break
        chosen.add(focus)
    return sorted(chosen, key=FOCUS_ORDER.__getitem__)


# Postings ----------------------------------------------------------------------------------
@dataclass
class _Context:
    """What one generation run shares between postings."""

    rng: Random
    now: datetime.datetime
    taken_slugs: set[str]
    number: int
    school_years: tuple[str, str] = ("", "")


def _dates(ctx: _Context, lifecycle: str) -> dict:
    rng, now = ctx.rng, ctx.now
    today = now.date()
    if lifecycle == DRAFT:
        return {
            "status": PostingStatus.DRAFT,
            "published_at": None,
            "expires_at": None,
            "closed_at": None,
            "last_confirmed_open": None,
        }
    if lifecycle == EXPIRED:
        published = now - datetime.timedelta(seconds=rng.randint(61 * 86400, 90 * 86400))
    elif lifecycle == CLOSED:
        published = now - datetime.timedelta(seconds=rng.randint(7 * 86400, 55 * 86400))
    else:
        published = now - datetime.timedelta(
            seconds=rng.randint(3600, PUBLISHED_WITHIN_DAYS * 86400)
        )
    expires = published + POSTING_LIFETIME
    closed_at = None
    if lifecycle == CLOSED:
        closed_at = published + (now - published) * rng.uniform(0.2, 0.95)
    last_seen = min(now, expires, closed_at or now)
    confirmed = None
    if rng.random() < 0.9:
        days_back = rng.randint(0, min(14, (last_seen.date() - published.date()).days))
        confirmed = last_seen.date() - datetime.timedelta(days=days_back)
    fields = {
        "status": PostingStatus.CLOSED if lifecycle == CLOSED else PostingStatus.PUBLISHED,
        "published_at": published,
        "expires_at": expires,
        "closed_at": closed_at,
        "last_confirmed_open": confirmed,
    }
    if rng.random() < 0.3:
        if lifecycle == OPEN:
            fields["apply_by"] = min(
                today + datetime.timedelta(days=rng.randint(5, 45)), expires.date()
            )
        else:
            fields["apply_by"] = published.date() + datetime.timedelta(days=rng.randint(21, 50))
    return fields


def _requirements(
    rng: Random, role: Role, setting: Setting, variant: Variant, agency: bool
) -> dict:
    if role == R.OT_TECHNICIAN:
        required = [C.CPR_BLS] if setting == S.HOSPITAL or rng.random() < 0.3 else []
        return {
            "min_degree": Degree.HIGH_SCHOOL,
            "acote_required": False,
            "licensure_status": LicensureStatus.NONE,
            "required_credentials": [],
            "required_certifications": required,
            "preferred_certifications": [],
            "years_experience": 0 if rng.random() < 0.8 else 1,
        }
    new_grad = variant.new_grad
    if role == R.COTA:
        degree = Degree.ASSOCIATE if rng.random() < 0.85 else Degree.BACHELORS
        credentials = [Credential.OTA_LICENSE, Credential.NBCOT_COTA]
        years = 0 if new_grad else rng.choice((0, 1, 1, 2, 2, 3))
    else:
        degree = Degree.DOCTORATE if rng.random() < 0.03 else Degree.MASTERS
        credentials = [Credential.OT_LICENSE, Credential.NBCOT_OTR]
        years = 0 if new_grad else rng.choice((0, 1, 1, 1, 2, 2, 3, 3, 5))
        if agency and not new_grad:
            years = max(years, 1)
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
        "required_credentials": credentials,
        "required_certifications": required,
        "preferred_certifications": preferred,
        "years_experience": years,
    }


def _workload(
    rng: Random, role: Role, setting: Setting, variant: Variant, employment: str, agency: bool
) -> dict:
    """The honest-posting facts each setting has; the rest stay empty."""
    facts: dict = {}
    technician = role == R.OT_TECHNICIAN
    telehealth = variant.telehealth
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


def _support(rng: Random, role: Role, variant: Variant, facts: dict, state: str) -> dict:
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


def _description(rng: Random, text: dict, variant: Variant, facts: dict, role: Role) -> str:
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


def _requirements_text(rng: Random, role: Role, req: dict, facts: dict, state: str) -> str:
    state_name = STATE_NAMES[state]
    acote = " from an ACOTE-accredited program" if req["acote_required"] else ""
    lines = []
    if role == R.OT_TECHNICIAN:
        lines.append("High school diploma or equivalent. No license or certification needed.")
        lines.append(rng.choice(TECH_SKILLS))
    else:
        if role == R.COTA:
            degree = req["min_degree"].label.split(" (")[0]
            lines.append(f"{degree} from an occupational therapy assistant program{acote}.")
            license_name, exam = "OTA", "NBCOT COTA"
        else:
            degree = "Master's" if req["min_degree"] == Degree.MASTERS else "Doctoral (OTD)"
            lines.append(f"{degree} degree in occupational therapy{acote}.")
            license_name, exam = "OT", "NBCOT OTR"
        if req["licensure_status"] == LicensureStatus.LICENSE_ELIGIBLE:
            lines.append(
                f"New graduates welcome: eligible to sit for the {exam} exam, with "
                f"{_a(state_name)} {license_name} license (or temporary permit) before you "
                "treat independently."
            )
        else:
            lines.append(
                f"{_a(state_name, capital=True)} {license_name} license by your start date and "
                f"current {exam} certification."
            )
    years = req["years_experience"]
    if years:
        plural = "year" if years == 1 else "years"
        lines.append(f"At least {years} {plural} of pediatric experience.")
    elif role != R.OT_TECHNICIAN:
        lines.append("New graduates are welcome to apply.")
    if req["required_certifications"]:
        labels = [CERT_TEXT[c] for c in req["required_certifications"]]
        lines.append(f"Current {_join(labels)} required.")
    if req["preferred_certifications"]:
        labels = [CERT_TEXT[c] for c in req["preferred_certifications"]]
        lines.append(f"{_join(labels)} preferred, not required.")
    if facts.get("drivers_license_required"):
        lines.append("A valid driver's license, a reliable car and auto insurance.")
    if role != R.OT_TECHNICIAN:
        lines.append(rng.choice(SKILLS))
    return "\n\n".join(lines)


def _benefits_text(rng: Random, kind: str, model: str, support: dict) -> str:
    paragraphs = [
        CONTRACTOR_BENEFITS
        if model == EmploymentModel.CONTRACTOR_1099
        else rng.choice(BENEFITS[kind])
    ]
    extras = []
    if support.get("ceu_allowance"):
        extras.append(f"CEU allowance of {_dollars(support['ceu_allowance'])} a year.")
    if support.get("sign_on_bonus"):
        terms = support.get("sign_on_repayment_terms")
        extras.append(
            f"Sign-on bonus of {_dollars(support['sign_on_bonus'])}"
            + (f" ({terms[0].lower()}{terms[1:]})." if terms else ".")
        )
    if kind in (EmployerKind.SCHOOL_DISTRICT, EmployerKind.HOSPITAL) and rng.random() < 0.5:
        extras.append("Eligible employer for Public Service Loan Forgiveness (PSLF).")
    if extras:
        paragraphs.append(" ".join(extras))
    return "\n\n".join(paragraphs)


def _posting(ctx: _Context, employer: DemoEmployer, lifecycle: str) -> dict:
    rng = ctx.rng
    kind = employer.fields["kind"]
    agency = kind == EmployerKind.STAFFING_AGENCY
    setting = KIND_SETTINGS[kind].pick(rng)
    role = (AGENCY_ROLES if agency else SETTING_ROLES)[setting].pick(rng)
    variant = (_AGENCY_VARIANTS if agency else _DIRECT_VARIANTS)[role, setting].pick(rng)

    city = CITY_WEIGHTS.pick(rng) if agency else employer.city
    zip_code = rng.choice(city.zips)
    latitude, longitude = coordinates(zip_code)
    client = _client_name(rng, setting, city) if agency else ""

    employment_mix = (AGENCY_EMPLOYMENT if agency else DEFAULT_EMPLOYMENT)[setting]
    employment = variant.employment or employment_mix.pick(rng)
    if role == R.OT_TECHNICIAN and setting == S.SCHOOL:
        employment = ET.SCHOOL_YEAR
    if agency:
        w2 = employment == ET.TRAVEL or rng.random() < 0.7
        model = EmploymentModel.AGENCY_W2 if w2 else EmploymentModel.CONTRACTOR_1099
    elif employment == ET.CONTRACT:
        model = EmploymentModel.CONTRACTOR_1099
    else:
        model = EmploymentModel.EMPLOYEE if rng.random() < 0.85 else ""

    unit, low, high, step = PAY_BANDS[_pay_band(rng, role, setting, employment, agency)]
    pay_min, pay_max = _money(rng, low, high, step, low_end=variant.new_grad)

    req = _requirements(rng, role, setting, variant, agency)
    facts = _workload(rng, role, setting, variant, employment, agency)
    support = _support(rng, role, variant, facts, city.state)
    ages = list(variant.ages or rng.choice(SETTING_AGES[setting]))
    focus = _sample_focus(rng, setting, variant)
    pool_chance = 0.25 if agency else 0.2 if setting == S.SCHOOL else 0.08
    vacancy = Vacancy.POOL if rng.random() < pool_chance else Vacancy.CURRENT
    sy = ctx.school_years[1] if rng.random() < 0.6 else ctx.school_years[0]

    title = variant.title.format(school_year=sy, client=client, city=city.name)
    base = slugify(f"{title} {city.name} {city.state}")[:108].strip("-")
    slug = _unique(f"{base}-{ctx.number}", ctx.taken_slugs, max_length=120)
    ctx.number += 1

    how = HowToApply.ON_SITE
    apply_url = ""
    external = {EmployerKind.HOSPITAL: 0.4, EmployerKind.SCHOOL_DISTRICT: 0.3}.get(kind, 0.1)
    if rng.random() < external:
        how = HowToApply.EXTERNAL
        apply_url = f"{employer.fields['website']}/careers/{rng.randint(10000, 99999)}"

    if role == R.OT_TECHNICIAN:
        intros = TECH_INTROS
    elif agency:
        intros = AGENCY_INTROS
    else:
        intros = INTROS[setting]
    text = {
        "employer": employer.fields["name"],
        "client": client,
        "city": city.name,
        "state_name": STATE_NAMES[city.state],
        "a_role": _a(ROLE_NOUNS[role]),
        "ages": _age_phrase(ages),
        "focus": _join([FOCUS_TEXT[f] for f in focus]),
        "phone": employer.fields["phone"],
        "school_year": sy,
        "setting": setting,
        "vacancy": vacancy,
        "intros": intros,
    }
    posting = {
        "title": title,
        "slug": slug,
        "role": role,
        "setting": setting,
        "employment_type": employment,
        **req,
        "age_groups": ages,
        "focus_areas": focus,
        "pay_min": pay_min,
        "pay_max": pay_max,
        "pay_unit": unit,
        "city": city.name,
        "state": city.state,
        "zip_code": zip_code,
        "latitude": latitude,
        "longitude": longitude,
        "description": _description(rng, text, variant, facts, role),
        "requirements": _requirements_text(rng, role, req, facts, city.state),
        "benefits": _benefits_text(rng, kind, model, support),
        "how_to_apply": how,
        "apply_url": apply_url,
        "employment_model": model,
        "client_name": client,
        "vacancy": vacancy,
        **facts,
        **support,
        **_dates(ctx, lifecycle),
    }
    return posting


@dataclass
class Demo:
    """One run's employers (built eagerly) and postings (built lazily, in order)."""

    employers: list[DemoEmployer]
    plan: LifecyclePlan
    postings: Iterator[tuple[int, dict]]


def generate(
    *,
    postings: int,
    seed: int,
    now: datetime.datetime,
    first_number: int = 1,
    taken_employer_slugs: Collection[str] = (),
    taken_posting_slugs: Collection[str] = (),
) -> Demo:
    """Employers and postings for `seed`, with dates relative to `now`.

    Postings come as `(employer index, model fields)` pairs. Slugs end in a running number
    from `first_number` and avoid the `taken_*` slugs already in the database.
    """
    if postings < 1:
        raise ValueError("postings must be at least 1")
    rng = Random(seed)
    employers = generate_employers(rng, employer_count(postings), taken_slugs=taken_employer_slugs)
    plan = LifecyclePlan.for_total(postings)
    current = now.year if now.month >= 7 else now.year - 1
    ctx = _Context(
        rng=rng,
        now=now,
        taken_slugs=set(taken_posting_slugs),
        number=first_number,
        school_years=(school_year(current), school_year(current + 1)),
    )
    return Demo(employers=employers, plan=plan, postings=_postings(ctx, employers, plan))


def _postings(
    ctx: _Context, employers: list[DemoEmployer], plan: LifecyclePlan
) -> Iterator[tuple[int, dict]]:
    rng = ctx.rng
    lifecycles = plan.shuffled(rng)
    by_weight = Weighted([(index, e.weight) for index, e in enumerate(employers)])
    for number, lifecycle in enumerate(lifecycles):
        # Every employer gets at least one posting; the rest follow employer size.
        index = number if number < len(employers) else by_weight.pick(rng)
        yield index, _posting(ctx, employers[index], lifecycle)
