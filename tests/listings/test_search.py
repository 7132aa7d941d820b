"""The listing's facets, toggles and filters against an independent computation."""

import datetime
import math
import random
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from listings import vocab
from listings.geo import EARTH_RADIUS_MILES, distance_miles, zip_place
from listings.models import JobPosting
from listings.search import reset_catalogue
from listings.search.catalogue import search_stats
from listings.search.criteria import LicensureFacet
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

PLACES = [
    ("78701", "Austin", "TX"),
    ("80202", "Denver", "CO"),
    ("60601", "Chicago", "IL"),
    ("76102", "Fort Worth", "TX"),
    ("78205", "San Antonio", "TX"),
    ("98101", "Seattle", "WA"),
]
LICENSURE_OF = {
    LicensureFacet.NONE: lambda p: p.licensure_status == vocab.LicensureStatus.NONE,
    LicensureFacet.LICENSE_ELIGIBLE: (
        lambda p: p.licensure_status == vocab.LicensureStatus.LICENSE_ELIGIBLE
    ),
    LicensureFacet.OT_LICENSE: lambda p: "ot_license" in p.required_credentials,
    LicensureFacet.OTA_LICENSE: lambda p: "ota_license" in p.required_credentials,
    LicensureFacet.NBCOT: lambda p: bool({"nbcot_otr", "nbcot_cota"} & set(p.required_credentials)),
}


def facet_values(posting, facet: str) -> set[str]:
    """What a posting offers for a facet, computed straight from the model."""
    single = {"role": "role", "setting": "setting", "degree": "min_degree",
              "employment": "employment_type", "state": "state"}  # fmt: skip
    if facet in single:
        return {getattr(posting, single[facet])}
    if facet == "ages":
        return set(posting.age_groups)
    return {code for code, test in LICENSURE_OF.items() if test(posting)}


def expected(postings, params: dict, *, leave_out: str | None = None):
    out = []
    for p in postings:
        if any(
            facet != leave_out and values and not (facet_values(p, facet) & set(values))
            for facet, values in params.get("facets", {}).items()
        ):
            continue
        if (
            params.get("new_grad")
            and leave_out != "new_grad"
            and not (
                p.licensure_status == vocab.LicensureStatus.LICENSE_ELIGIBLE
                or p.years_experience == 0
            )
        ):
            continue
        if params.get("no_driving") and leave_out != "no_driving" and p.drivers_license_required:
            continue
        if "pay_min" in params and p.pay_annual_max < params["pay_min"]:
            continue
        if "near" in params:
            place = zip_place(params["near"])
            if (
                distance_miles(place.latitude, place.longitude, p.latitude, p.longitude)
                > params["radius"]
            ):
                continue
        out.append(p)
    return out


@pytest.fixture
def catalogue(db):
    """60 open postings with varied facts, plus closed, draft and expired ones to ignore."""
    reset_catalogue()
    rng = random.Random(7)
    employers = [EmployerFactory() for _ in range(4)]
    now = timezone.now()
    for i in range(60):
        zip_code, city, state = rng.choice(PLACES)
        unit = rng.choice(list(vocab.PayUnit))
        low = {"HOUR": 30, "DAY": 300, "WEEK": 1500, "MONTH": 5000, "YEAR": 60000, "VISIT": 50}[
            unit
        ]
        status = rng.choice([vocab.LicensureStatus.LICENSED, vocab.LicensureStatus.LICENSE_ELIGIBLE,
                             vocab.LicensureStatus.NONE])  # fmt: skip
        JobPostingFactory(
            employer=rng.choice(employers),
            role=rng.choice(list(vocab.Role)),
            setting=rng.choice(list(vocab.Setting)),
            employment_type=rng.choice(list(vocab.EmploymentType)),
            min_degree=rng.choice(list(vocab.Degree)),
            licensure_status=status,
            required_credentials=rng.sample(list(vocab.Credential), rng.randint(0, 2)),
            age_groups=rng.sample(list(vocab.AgeGroup), rng.randint(0, 3)),
            years_experience=rng.choice([0, 0, 1, 2, 5]),
            drivers_license_required=rng.random() < 0.4,
            pay_unit=unit,
            pay_min=Decimal(low),
            pay_max=Decimal(low * rng.choice([1, 1.2, 1.5])).quantize(Decimal(1)),
            zip_code=zip_code,
            city=city,
            state=state,
            published_at=now - datetime.timedelta(hours=i * 7),
        )
    JobPostingFactory(closed=True)
    JobPostingFactory(draft=True)
    JobPostingFactory(
        published_at=now - datetime.timedelta(days=80), expires_at=now - datetime.timedelta(days=1)
    )
    return list(JobPosting.objects.open())


def listing(client, query: dict):
    response = client.get("/jobs/?" + urlencode(query, doseq=True))
    assert response.status_code == 200
    return response.context["result"].hydrate()  # the page's postings, read back


CASES = [
    {},
    {"facets": {"role": ["pediatric_ot"]}},
    {"facets": {"role": ["cota", "ot_technician"]}},
    {
        "facets": {
            "setting": ["school", "early_intervention"],
            "role": ["school_ot", "pediatric_ot"],
        }
    },
    {"facets": {"degree": ["masters", "doctorate"], "employment": ["full_time"]}},
    {"facets": {"licensure": ["license_eligible", "none"]}},
    {"facets": {"licensure": ["nbcot"], "state": ["TX"]}},
    {"facets": {"ages": ["infants_toddlers", "transition"]}},
    {"facets": {"state": ["TX", "CO"], "ages": ["school_age"], "role": ["school_ot"]}},
    {"new_grad": True},
    {"no_driving": True, "facets": {"setting": ["hospital", "outpatient_clinic"]}},
    {"new_grad": True, "no_driving": True, "facets": {"employment": ["part_time", "per_diem"]}},
    {"pay_min": 90000},
    {"near": "78701", "radius": 100},
    {"near": "78701", "radius": 100, "facets": {"role": ["cota"]}, "pay_min": 50000},
]


def to_query(case: dict) -> dict:
    query = dict(case.get("facets", {}))
    for key in ("new_grad", "no_driving"):
        if case.get(key):
            query[key] = "1"
    for key in ("pay_min", "near", "radius"):
        if key in case:
            query[key] = case[key]
    return query


@pytest.mark.parametrize(
    "case", CASES, ids=[urlencode(to_query(c), doseq=True) or "all" for c in CASES]
)
def test_results_and_every_count_match_an_independent_computation(client, catalogue, case):
    result = listing(client, {**to_query(case), "sort": "newest"})

    want = expected(catalogue, case)
    assert result.total == len(want)
    want_first_page = sorted(want, key=lambda p: (p.published_at, p.id), reverse=True)[:20]
    assert [p.pk for p in result.postings] == [p.pk for p in want_first_page]

    for facet in result.facets:
        # Each option counts the postings it would give with the *other* selections applied.
        pool = expected(catalogue, case, leave_out=facet.name)
        for option in facet.options:
            n = sum(option.value in facet_values(p, facet.name) for p in pool)
            assert option.count == n, (facet.name, option.value)
    for toggle in ("new_grad", "no_driving"):
        pool = expected(catalogue, case, leave_out=toggle)
        test = {
            "new_grad": lambda p: (
                p.licensure_status == vocab.LicensureStatus.LICENSE_ELIGIBLE
                or p.years_experience == 0
            ),
            "no_driving": lambda p: not p.drivers_license_required,
        }[toggle]
        assert result.toggle_counts[toggle] == sum(map(test, pool))


def test_closed_draft_and_expired_postings_never_appear(client, catalogue):
    result = listing(client, {"page": 1})
    assert result.total == len(catalogue) == 60
    open_ids = {p.pk for p in catalogue}
    assert {p.pk for p in result.postings} <= open_ids


def test_radius_results_show_their_distance_and_sort_nearest_first(client, catalogue):
    result = listing(client, {"near": "78701", "radius": 100, "sort": "distance"})
    distances = [p.distance for p in result.postings]
    assert distances == sorted(distances)
    assert all(d <= 100 for d in distances)
    # Austin to San Antonio is about 75 miles by great circle.
    san_antonio = [p for p in result.postings if p.city == "San Antonio"]
    assert san_antonio
    assert san_antonio[0].distance == pytest.approx(74, abs=4)


def test_city_and_state_work_like_a_zip(client, catalogue):
    by_zip = listing(client, {"near": "78701", "radius": 25})
    by_city = listing(client, {"near": "Austin, TX", "radius": 25})
    assert by_zip.total == by_city.total > 0


def test_pay_sort_puts_the_highest_yearly_pay_first(client, catalogue):
    result = listing(client, {"sort": "pay"})
    tops = [p.pay_annual_max for p in result.postings]
    assert tops == sorted(tops, reverse=True)
    assert tops[0] == max(p.pay_annual_max for p in catalogue)


def test_posted_within_a_day_keeps_only_fresh_postings(client, catalogue):
    result = listing(client, {"posted": 1})
    cutoff = timezone.now() - datetime.timedelta(days=1)
    assert result.total == sum(p.published_at >= cutoff for p in catalogue)


def test_pages_hold_twenty_and_cover_every_result(client, catalogue):
    seen = []
    for number in (1, 2, 3):
        result = listing(client, {"page": number})
        seen += [p.pk for p in result.postings]
    assert len(seen) == 60
    assert len(set(seen)) == 60


def test_a_new_posting_appears_without_a_restart(client, catalogue):
    before = listing(client, {}).total
    JobPostingFactory(title="Brand new NICU feeding specialist")
    assert listing(client, {}).total == before + 1


def test_a_closed_posting_disappears_at_once(client, catalogue):
    before = listing(client, {}).total
    catalogue[0].close()
    assert listing(client, {}).total == before - 1


def check_every_case(client, postings):
    for case in CASES:
        result = listing(client, {**to_query(case), "sort": "newest"})
        want = expected(postings, case)
        assert result.total == len(want), case
        for facet in result.facets:
            pool = expected(postings, case, leave_out=facet.name)
            for option in facet.options:
                n = sum(option.value in facet_values(p, facet.name) for p in pool)
                assert option.count == n, (case, facet.name, option.value)


def test_counts_stay_exact_through_edits_without_a_full_rebuild(client, catalogue):
    check_every_case(client, catalogue)
    builds = search_stats()["full_builds"]
    employer = catalogue[3].employer
    edits = [
        lambda: catalogue[0].close(),
        lambda: JobPosting.objects.filter(pk=catalogue[1].pk).update(role="cota", state="CO"),
        lambda: JobPosting.objects.filter(pk=catalogue[2].pk).update(
            pay_unit="YEAR", pay_min=Decimal(95000), pay_max=Decimal(120000)
        ),
        lambda: JobPostingFactory(role="school_ot", setting="school", zip_code="78701"),
        lambda: catalogue[4].delete(),
        lambda: JobPosting.objects.filter(pk=catalogue[5].pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        ),
        lambda: setattr(employer, "name", "Renamed Therapy Group") or employer.save(),
        lambda: JobPosting.objects.filter(pk=catalogue[6].pk).update(
            licensure_status="license_eligible", years_experience=0, drivers_license_required=True
        ),
    ]
    for edit in edits:
        edit()
        check_every_case(client, list(JobPosting.objects.open()))
    assert search_stats()["full_builds"] == builds


def test_the_first_of_a_sort_are_what_sorting_everything_gives():
    """Distance, pay and relevance pages sort only as far as the page they show; ties and
    unknown distances must come out as a full stable sort orders them."""
    import numpy as np

    from listings.search.engine import _first_in_order

    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(1, 3000))
        matched = np.sort(rng.choice(100_000, size=n, replace=False))
        keys = rng.integers(0, int(rng.integers(1, 50)), size=n).astype(np.float64)
        keys[rng.random(n) < 0.1] = np.nan
        count = int(rng.integers(1, 60))

        full = matched[np.argsort(keys, kind="stable")]
        first = _first_in_order(matched, keys, count)

        assert list(first[:count]) == list(full[:count])


def test_a_radius_keeps_what_lies_within_it_and_nothing_beyond(client, db):
    """Postings due north, south and east of Austin just inside and just beyond 50 miles
    (the search looks at a band of latitudes first, then measures)."""
    reset_catalogue()
    austin = zip_place("78701")
    per_degree = EARTH_RADIUS_MILES * math.pi / 180  # miles in a degree of latitude
    per_degree_east = per_degree * math.cos(math.radians(austin.latitude))
    spots = {
        "north inside": (49.8 / per_degree, 0),
        "north beyond": (50.2 / per_degree, 0),
        "south inside": (-49.8 / per_degree, 0),
        "south beyond": (-50.2 / per_degree, 0),
        "east inside": (0, 49.8 / per_degree_east),
        "east beyond": (0, 50.2 / per_degree_east),
    }
    for title, (north, east) in spots.items():
        posting = JobPostingFactory(title=title)
        JobPosting.objects.filter(pk=posting.pk).update(
            latitude=austin.latitude + north, longitude=austin.longitude + east
        )
    reset_catalogue()
    result = listing(client, {"near": "78701", "radius": 50})
    found = sorted(p.title for p in result.postings)
    assert found == ["east inside", "north inside", "south inside"]
    assert all(49.7 < p.distance < 49.9 for p in result.postings)
