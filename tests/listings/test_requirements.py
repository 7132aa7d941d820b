"""A posting's requirements against a person's qualifications: per posting and over the index."""

import datetime
import random

import numpy as np
import pytest
from django.utils import timezone

from listings import vocab
from listings.models import JobPosting
from listings.preparation import SlugPool, prepare_posting
from listings.requirements import (
    COMPACT_AS_OF,
    HeldCertification,
    HeldLicense,
    Outcome,
    Qualifications,
    Requirements,
    encode,
    evaluate,
    qualified_mask,
    qualifies,
    requirement_groups,
)
from listings.search import Criteria, search
from listings.search.catalogue import current_catalogue
from tests.factories import EmployerFactory, JobPostingFactory

TODAY = datetime.date(2026, 11, 30)
OT = vocab.Credential.OT_LICENSE
OTA = vocab.Credential.OTA_LICENSE
OTR = vocab.Credential.NBCOT_OTR
NBCOT_COTA = vocab.Credential.NBCOT_COTA


def ot_posting(**changes) -> Requirements:
    values = {
        "role": vocab.Role.PEDIATRIC_OT,
        "state": "TX",
        "min_degree": vocab.Degree.MASTERS,
        "acote_required": True,
        "licensure_status": vocab.LicensureStatus.LICENSED,
        "required_credentials": [OT, OTR],
        "required_certifications": [],
        "drivers_license_required": False,
        "years_experience": 2,
    }
    return Requirements.from_values(**{**values, **changes})


def texas_ot(**changes) -> Qualifications:
    values = {
        "degree": vocab.Degree.MASTERS,
        "acote": True,
        "licenses": (HeldLicense(OT, "TX", datetime.date(2027, 6, 30)),),
        "nbcot": (HeldCertification(OTR, datetime.date(2028, 3, 31)),),
        "drivers_license": True,
        "years_experience": 4,
    }
    return Qualifications(**{**values, **changes})


def outcomes(req: Requirements, q: Qualifications) -> dict[str, Outcome]:
    return {check.key: check.outcome for check in evaluate(req, q, today=TODAY)}


def reason(req: Requirements, q: Qualifications, key: str) -> str:
    return next(c.reason for c in evaluate(req, q, today=TODAY) if c.key == key)


# One posting, one person ---------------------------------------------------------------------
def test_a_texas_ot_meets_a_texas_ot_posting():
    assert set(outcomes(ot_posting(), texas_ot()).values()) == {Outcome.MET}
    assert qualifies(ot_posting(), texas_ot(), today=TODAY)


def test_a_higher_degree_meets_a_lower_requirement_but_not_the_reverse():
    req = ot_posting(min_degree=vocab.Degree.MASTERS)
    assert outcomes(req, texas_ot(degree=vocab.Degree.DOCTORATE))["degree"] == Outcome.MET
    assert outcomes(req, texas_ot(degree=vocab.Degree.BACHELORS))["degree"] == Outcome.NOT_MET


def test_acote_requirement_unknown_is_cant_tell_and_blocks_qualifying():
    q = texas_ot(acote=None)
    assert outcomes(ot_posting(), q)["degree"] == Outcome.UNKNOWN
    assert not qualifies(ot_posting(), q, today=TODAY)
    assert outcomes(ot_posting(acote_required=False), q)["degree"] == Outcome.MET


def test_an_expired_license_is_not_met_and_says_when_it_expired():
    q = texas_ot(licenses=(HeldLicense(OT, "TX", datetime.date(2026, 10, 31)),))
    assert outcomes(ot_posting(), q)["license"] == Outcome.NOT_MET
    assert "expired on October 31, 2026" in reason(ot_posting(), q, "license")


def test_a_license_in_another_state_is_not_met_for_a_licensed_role():
    q = texas_ot(licenses=(HeldLicense(OT, "CO"),))
    assert outcomes(ot_posting(state="TX"), q)["license"] == Outcome.NOT_MET
    assert "Colorado, not Texas" in reason(ot_posting(state="TX"), q, "license")


def test_a_compact_note_names_its_date_and_promises_nothing():
    q = texas_ot(licenses=(HeldLicense(OT, "CO"),))
    req = ot_posting(state="UT")
    checks = {c.key: c for c in evaluate(req, q, today=TODAY)}
    assert checks["license"].outcome == Outcome.NOT_MET
    note = checks["compact"]
    assert note.outcome == Outcome.INFO
    assert f"as of {COMPACT_AS_OF:%B %Y}" in note.reason
    assert "Utah and Colorado are members" in note.reason
    assert "no compact privileges had been issued yet" in note.reason
    # Texas is not a compact member: no hint at all.
    assert "compact" not in outcomes(ot_posting(state="TX"), q)


def test_license_eligible_welcomes_new_graduates_and_licenses_from_elsewhere():
    req = ot_posting(licensure_status=vocab.LicensureStatus.LICENSE_ELIGIBLE, years_experience=0)
    graduate = Qualifications(degree=vocab.Degree.MASTERS, acote=True, new_graduate=True)
    assert set(outcomes(req, graduate).values()) <= {Outcome.MET, Outcome.INFO}
    moving = texas_ot(licenses=(HeldLicense(OT, "CO"),))
    assert outcomes(req, moving)["license"] == Outcome.MET
    assert "by endorsement" in reason(req, moving, "license")
    nobody = Qualifications(degree=vocab.Degree.MASTERS, acote=True)
    assert outcomes(req, nobody)["license"] == Outcome.NOT_MET


def test_a_cota_license_does_not_meet_an_ot_license_requirement():
    q = texas_ot(licenses=(HeldLicense(OTA, "TX"),), nbcot=(HeldCertification(NBCOT_COTA),))
    assert outcomes(ot_posting(), q)["license"] == Outcome.NOT_MET
    assert outcomes(ot_posting(), q)["nbcot"] == Outcome.NOT_MET


def test_a_licensed_posting_without_a_named_license_needs_the_roles_license():
    req = ot_posting(role=vocab.Role.COTA, required_credentials=[], min_degree="associate")
    assert req.license == OTA
    aide = ot_posting(
        role=vocab.Role.OT_TECHNICIAN,
        licensure_status=vocab.LicensureStatus.NONE,
        required_credentials=[],
    )
    assert aide.license is None
    checks = evaluate(aide, Qualifications(degree="high_school"), today=TODAY)
    assert [c.requirement for c in checks if c.key == "license"] == ["No license required"]


def test_certifications_driving_and_experience():
    req = ot_posting(
        required_certifications=[vocab.Certification.CPR_BLS],
        drivers_license_required=True,
        years_experience=3,
    )
    q = texas_ot(certifications=frozenset(), drivers_license=None, years_experience=1)
    got = outcomes(req, q)
    assert got["cert:cpr_bls"] == Outcome.NOT_MET
    assert got["driving"] == Outcome.UNKNOWN
    assert got["experience"] == Outcome.NOT_MET
    assert "You have 1 year." == reason(req, q, "experience")


def test_the_public_checklist_has_no_outcomes_and_reads_plainly():
    req = ot_posting(required_certifications=[vocab.Certification.CASI], years_experience=1)
    lines = [(c.requirement, c.outcome) for c in evaluate(req)]
    assert lines == [
        ("Master's degree (MOT / MSOT) or higher from an ACOTE-accredited program", None),
        ("State OT license (OTR/L) in Texas at start", None),
        ("NBCOT certification as OTR", None),
        ("CLASI Certificate in Ayres Sensory Integration (CASI)", None),
        ("1 year of pediatric experience", None),
    ]


def test_new_grads_welcome_is_one_rule_for_the_badge_and_the_index():
    assert ot_posting(years_experience=0).new_grads_welcome
    assert ot_posting(licensure_status="license_eligible", years_experience=3).new_grads_welcome
    assert not ot_posting(years_experience=1).new_grads_welcome


# The same rules over many postings -----------------------------------------------------------
def random_requirements(rng: random.Random) -> Requirements:
    role = rng.choice(list(vocab.Role))
    return Requirements.from_values(
        role=role,
        state=rng.choice(["TX", "CO", "UT", "CA", "NY"]),
        min_degree=rng.choice(list(vocab.Degree)),
        acote_required=rng.random() < 0.5,
        licensure_status=rng.choice(list(vocab.LicensureStatus)),
        required_credentials=rng.sample(list(vocab.Credential), rng.randint(0, 3)),
        required_certifications=rng.sample(list(vocab.Certification), rng.randint(0, 2)),
        drivers_license_required=rng.random() < 0.4,
        years_experience=rng.choice([0, 0, 1, 2, 3, 5]),
    )


def random_qualifications(rng: random.Random) -> Qualifications:
    def maybe(values):
        return rng.choice([None, *values])

    def day():
        return rng.choice(
            [None, TODAY - datetime.timedelta(days=30), TODAY, datetime.date(2028, 1, 1)]
        )

    return Qualifications(
        degree=maybe(list(vocab.Degree)),
        acote=maybe([True, False]),
        licenses=tuple(
            HeldLicense(rng.choice([OT, OTA]), rng.choice(["TX", "CO", "UT", "CA"]), day())
            for _ in range(rng.randint(0, 3))
        ),
        nbcot=tuple(
            HeldCertification(rng.choice([OTR, NBCOT_COTA]), day())
            for _ in range(rng.randint(0, 2))
        ),
        certifications=frozenset(rng.sample(list(vocab.Certification), rng.randint(0, 3))),
        drivers_license=maybe([True, False]),
        years_experience=maybe([0, 1, 2, 4, 10]),
        new_graduate=rng.random() < 0.3,
    )


def encoded_columns(reqs: list[Requirements]) -> dict[str, np.ndarray]:
    rows = [encode(r) for r in reqs]
    dtypes = {"acote": bool, "eligible": bool, "driving": bool, "certifications": np.int64}
    return {
        name: np.array([getattr(row, name) for row in rows], dtype=dtypes.get(name, np.uint8))
        for name in rows[0].__dataclass_fields__
    }


def test_the_index_rules_agree_with_the_checklist_over_random_postings_and_people():
    rng = random.Random(2026)
    reqs = [random_requirements(rng) for _ in range(600)]
    columns = encoded_columns(reqs)
    agreed = 0
    for _ in range(300):
        q = random_qualifications(rng)
        mask = qualified_mask(columns, q, today=TODAY)
        want = np.array([qualifies(r, q, today=TODAY) for r in reqs])
        mismatch = np.flatnonzero(mask != want)
        assert not len(mismatch), (
            reqs[mismatch[0]],
            q,
            evaluate(reqs[mismatch[0]], q, today=TODAY),
        )
        agreed += int(want.sum())
    assert agreed > 500  # the people are not all turned away: qualifying cases were tested too


def test_postings_grouped_by_their_requirements_are_judged_as_each_alone():
    rng = random.Random(5)
    reqs = [random_requirements(rng) for _ in range(800)] * 2  # every set at least twice
    columns = encoded_columns(reqs)

    groups, which = requirement_groups(columns)

    distinct = {encode(r) for r in reqs}
    assert len(groups["degree"]) == len(distinct) < len(reqs)
    for name, column in columns.items():
        assert groups[name].dtype == column.dtype
        assert (groups[name][which] == column).all()  # each posting's own set, every column
    for _ in range(100):
        q = random_qualifications(rng)
        grouped = qualified_mask(groups, q, today=TODAY)[which]
        assert (grouped == qualified_mask(columns, q, today=TODAY)).all()
    empty = {name: column[:0] for name, column in columns.items()}
    assert len(requirement_groups(empty)[1]) == 0


@pytest.mark.django_db
def test_jobs_i_qualify_for_matches_the_checklist_of_every_open_posting():
    rng = random.Random(11)
    employer = EmployerFactory()
    slugs = SlugPool()
    template = JobPostingFactory.build(employer=employer)
    rows = []
    for _ in range(200):
        req = random_requirements(rng)
        posting = JobPosting(
            **{
                f.attname: getattr(template, f.attname)
                for f in JobPosting._meta.concrete_fields
                if not f.primary_key and not f.generated
            },
        )
        posting.role, posting.state, posting.min_degree = req.role, req.state, req.min_degree
        posting.acote_required, posting.licensure_status = req.acote_required, req.licensure_status
        posting.required_credentials = [c for c in (req.license, req.nbcot) if c]
        posting.required_certifications = sorted(req.certifications)
        posting.drivers_license_required = req.drivers_license
        posting.years_experience = req.years_experience
        posting.slug = ""
        rows.append(prepare_posting(posting, slugs=slugs))
    JobPosting.objects.bulk_create(rows)
    postings = list(JobPosting.objects.open())
    assert len(postings) == 200
    for _ in range(40):
        q = random_qualifications(rng)
        result = search(Criteria(qualified=q), page_size=0)
        today = timezone.localdate()
        want = sum(qualifies(p.requirement_set, q, today=today) for p in postings)
        assert result.total == want
        assert result.toggle_counts["qualified"] == want
        # The same rule for a few postings at once (job alerts): exactly those that qualify.
        some = [p.pk for p in postings[:50]]
        expected = [p.pk for p in postings[:50] if qualifies(p.requirement_set, q, today=today)]
        assert current_catalogue().qualifying(some, q, today=today) == expected
