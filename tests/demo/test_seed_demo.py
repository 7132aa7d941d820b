import copy
import datetime
import os
import random
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.db.models import Max

from demo import loading
from demo.generator import generate
from demo.generator.employers import employer_count
from demo.generator.facts import AGENCY_ROLES, HOME_SETTINGS, KIND_SETTINGS, SETTING_ROLES
from demo.generator.places import CITIES
from demo.generator.postings import LifecyclePlan
from demo.generator.variants import AGENCY_VARIANTS, DIRECT_VARIANTS
from demo.management.commands import seed_demo
from listings import vocab
from listings.geo import zip_place
from listings.models import (
    DEFAULT_POSTING_LIFETIME,
    CatalogueChange,
    Employer,
    JobPosting,
    PostingSearch,
)
from listings.preparation import SlugPool, prepare_employer, prepare_posting
from listings.requirements import DEGREE_RANK, ROLE_STANDARDS, is_licensed_role, new_grads_welcome
from listings.search import Criteria, search
from tests.factories import EmployerFactory, JobPostingFactory

NOW = datetime.datetime(2026, 11, 20, 15, 30, tzinfo=datetime.UTC)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONTENT_FIELDS = (
    "employer__slug", "employer__name", "employer__kind", "employer__zip_code", "title",
    "slug", "role", "setting", "employment_type", "min_degree", "licensure_status",
    "required_credentials", "age_groups", "focus_areas", "pay_min", "pay_max", "pay_unit",
    "city", "state", "zip_code", "latitude", "longitude", "description", "requirements",
    "benefits", "how_to_apply", "apply_url", "client_name", "caseload_direct",
    "contract_days", "sign_on_bonus", "status", "published_at", "expires_at", "closed_at",
    "apply_by", "last_confirmed_open",
)  # fmt: skip


def seed(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def content() -> list[tuple]:
    return list(JobPosting.objects.order_by("slug").values_list(*CONTENT_FIELDS))


def generated(postings: int, seed: int) -> list[tuple[dict, dict]]:
    """(employer fields, posting fields) pairs, built without the database."""
    run = generate(postings=postings, seed=seed, now=NOW)
    return [(run.employers[index].fields, fields) for index, fields in run.postings]


# Determinism ---------------------------------------------------------------------------------
def test_same_seed_and_now_generate_identical_data():
    assert generated(300, seed=7) == generated(300, seed=7)


def test_different_seeds_generate_different_data():
    first, second = generated(100, seed=7), generated(100, seed=8)
    assert [p["title"] for _, p in first] != [p["title"] for _, p in second]


@pytest.mark.django_db
def test_command_with_same_seed_writes_identical_rows_and_another_seed_differs():
    with time_machine.travel(NOW, tick=False):
        seed("--postings", "40", "--seed", "3", "--applicants", "0", "--verbosity", "0")
        first = content()
        JobPosting.objects.all().delete()
        Employer.objects.all().delete()

        seed("--postings", "40", "--seed", "3", "--applicants", "0", "--verbosity", "0")
        assert content() == first

        JobPosting.objects.all().delete()
        Employer.objects.all().delete()
        seed("--postings", "40", "--seed", "4", "--applicants", "0", "--verbosity", "0")
        assert content() != first


# Counts and lifecycle --------------------------------------------------------------------------
@pytest.mark.django_db
def test_creates_exactly_the_requested_postings_with_planned_statuses():
    stdout, _ = seed("--postings", "50", "--verbosity", "1")

    plan = LifecyclePlan.for_total(50)
    now = datetime.datetime.now(tz=datetime.UTC)
    postings = JobPosting.objects.all()
    assert postings.count() == 50
    assert Employer.objects.count() >= 1
    assert JobPosting.objects.open().count() == plan.open
    assert postings.filter(status=vocab.PostingStatus.CLOSED).count() == plan.closed
    assert postings.filter(status=vocab.PostingStatus.DRAFT).count() == plan.draft
    expired = postings.filter(status=vocab.PostingStatus.PUBLISHED, expires_at__lte=now)
    assert expired.count() == plan.expired
    assert min(plan.closed, plan.draft, plan.expired) > 0  # open() has something to exclude
    assert "50 postings" in stdout


def test_lifecycle_plan_keeps_small_fractions_closed_expired_and_draft():
    plan = LifecyclePlan.for_total(100_000)
    assert (plan.closed, plan.expired, plan.draft, plan.open) == (3000, 2000, 2000, 93000)


def test_about_one_employer_per_eight_to_fifteen_postings():
    assert employer_count(3) == 3
    assert employer_count(50) == 5
    assert 100_000 / 15 <= employer_count(100_000) <= 100_000 / 8


def test_publication_dates_spread_over_the_last_45_days_and_expire_after_a_lifetime():
    for _, posting in generated(500, seed=2):
        if posting["status"] == vocab.PostingStatus.DRAFT:
            assert posting["published_at"] is None
            assert posting["expires_at"] is None
            continue
        assert posting["published_at"] < NOW
        assert posting["expires_at"] == posting["published_at"] + DEFAULT_POSTING_LIFETIME
        if posting["status"] == vocab.PostingStatus.CLOSED:
            assert posting["published_at"] < posting["closed_at"] <= NOW
        elif posting["expires_at"] > NOW:
            assert NOW - posting["published_at"] <= datetime.timedelta(days=45)
            # every open posting is confirmed: most within 14 days, a few 31-44 days ago
            assert posting["last_confirmed_open"] is not None
            age = (NOW.date() - posting["last_confirmed_open"]).days
            assert age <= 14 or 31 <= age <= 44


# An existing database ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_refuses_a_database_that_has_postings_and_adds_nothing():
    JobPostingFactory()

    with pytest.raises(CommandError, match=r"already has 1 postings.*use --force"):
        seed("--postings", "10", "--verbosity", "0")

    assert JobPosting.objects.count() == 1
    assert Employer.objects.count() == 1


@pytest.mark.django_db
def test_refuses_a_database_that_has_only_an_employer():
    EmployerFactory()

    with pytest.raises(CommandError, match="use --force"):
        seed("--postings", "10", "--verbosity", "0")

    assert JobPosting.objects.count() == 0


@pytest.mark.django_db
def test_force_adds_to_existing_data_twice_with_unique_slugs():
    JobPostingFactory()

    seed("--postings", "20", "--force", "--verbosity", "0")
    seed("--postings", "20", "--force", "--verbosity", "0")  # the same seed again

    assert JobPosting.objects.count() == 41
    assert JobPosting.objects.values("slug").distinct().count() == 41
    assert Employer.objects.values("slug").distinct().count() == Employer.objects.count()


@pytest.mark.django_db
def test_if_empty_leaves_existing_data_alone_and_succeeds():
    JobPostingFactory()

    stdout, _ = seed("--postings", "20", "--if-empty")

    assert JobPosting.objects.count() == 1
    assert "nothing to do" in stdout


@pytest.mark.django_db
def test_if_empty_seeds_an_empty_database():
    seed("--postings", "12", "--if-empty", "--verbosity", "0")

    assert JobPosting.objects.count() == 12


@pytest.mark.django_db(transaction=True)  # no test transaction to hide a missing atomic()
def test_a_database_error_midway_leaves_nothing_written(monkeypatch):
    monkeypatch.setattr(loading, "BATCH_SIZE", 10)
    prepare = loading.prepare_posting
    prepared = []

    def twenty_fifth_refused(posting, **kwargs):
        prepared.append(posting)
        if len(prepared) == 25:
            posting.pay_min = posting.pay_max + 1  # breaks a check constraint
        return prepare(posting, **kwargs)

    monkeypatch.setattr(loading, "prepare_posting", twenty_fifth_refused)
    stored = []
    monkeypatch.setattr(seed_demo.Progress, "update", lambda self, done: stored.append(done))
    changes_before = CatalogueChange.objects.count()  # a flush by an earlier test logs one

    with pytest.raises(IntegrityError):
        seed("--postings", "30", "--verbosity", "0")

    assert stored == [10, 20]  # two batches were stored before the third one failed
    assert JobPosting.objects.count() == 0
    assert Employer.objects.count() == 0
    assert CatalogueChange.objects.count() == changes_before


@pytest.mark.django_db(transaction=True)
def test_an_error_while_building_postings_leaves_nothing_written(monkeypatch):
    monkeypatch.setattr(loading, "BATCH_SIZE", 10)
    prepare = loading.prepare_posting
    prepared = []

    def failing_at_the_45th(posting, **kwargs):
        prepared.append(posting)
        if len(prepared) == 45:  # batches are still being written
            raise RuntimeError("generator bug")
        return prepare(posting, **kwargs)

    monkeypatch.setattr(loading, "prepare_posting", failing_at_the_45th)

    with pytest.raises(RuntimeError, match="generator bug"):
        seed("--postings", "60", "--verbosity", "0")

    assert JobPosting.objects.count() == 0
    assert Employer.objects.count() == 0


# Arguments ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--postings", "0"], "Nothing to create"),
        (["--postings", "-5"], "between 0 and"),
        (["--postings", "1000001"], "between 0 and"),
        (["--postings", "ten"], "whole number"),
        (["--postings", "2.5"], "whole number"),
        (["--postings", "5", "--seed", "abc"], "whole number"),
        ([], "--postings"),
        (["--postings", "5", "--force", "--if-empty"], "not allowed with"),
    ],
)
def test_bad_arguments_fail_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        seed(*args)


def test_bad_arguments_exit_non_zero_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--postings", "-5"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode != 0
    assert "--postings: must be between 0 and 1,000,000, not -5" in result.stderr


# Output ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_progress_bar_goes_to_stderr_and_verbosity_0_is_silent():
    stdout, stderr = seed("--postings", "15", "--applicants", "0")
    assert "Postings 15/15 [" in stderr
    assert "100%" in stderr
    assert "Applicants" not in stderr
    assert "Created 5 employers and 15 postings" in stdout

    JobPosting.objects.all().delete()
    Employer.objects.all().delete()
    assert seed("--postings", "15", "--applicants", "0", "--verbosity", "0") == ("", "")


# The data itself ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_sample_of_postings_and_their_employers_pass_model_validation():
    seed("--postings", "300", "--seed", "5", "--verbosity", "0")

    ids = sorted(JobPosting.objects.values_list("id", flat=True))
    for posting in JobPosting.objects.filter(id__in=random.Random(0).sample(ids, 200)):
        posting.full_clean()
    for employer in Employer.objects.all():
        employer.full_clean()


@pytest.mark.django_db(transaction=True)  # committed, as a real seed is
def test_every_row_is_stored_as_save_would_prepare_it():
    seed("--postings", "150", "--verbosity", "0")

    # Prepared again in insertion order with fresh slug pools, each row comes out the same:
    # its slug, its coordinates (from its ZIP) and its cleaned text are prepare_*()'s own.
    employer_slugs, posting_slugs = SlugPool(), SlugPool()
    for employer in Employer.objects.order_by("id"):
        again = prepare_employer(unprepared(employer, slug=""), slugs=employer_slugs)
        assert stored_values(again) == stored_values(employer)
    postings = list(JobPosting.objects.order_by("id"))
    assert len(postings) == 150
    for posting in postings:
        fresh = unprepared(posting, slug="", latitude=None, longitude=None)
        again = prepare_posting(fresh, slugs=posting_slugs)
        assert stored_values(again) == stored_values(posting)
        place = zip_place(posting.zip_code)
        assert (posting.latitude, posting.longitude) == (place.latitude, place.longitude)


@pytest.mark.django_db(transaction=True)  # the change log is written at commit
def test_every_posting_has_a_change_and_search_row_as_one_saved_in_the_admin_would():
    before = CatalogueChange.objects.aggregate(last=Max("id"))["last"] or 0

    seed("--postings", "150", "--verbosity", "0")

    ids = set(JobPosting.objects.values_list("id", flat=True))
    changes = CatalogueChange.objects.filter(id__gt=before)
    assert sorted(changes.values_list("posting_id", flat=True)) == sorted(ids)
    if connection.vendor != "postgresql":
        return  # search vectors exist on PostgreSQL only
    assert set(PostingSearch.objects.values_list("posting_id", flat=True)) == ids
    for seeded in JobPosting.objects.filter(id__in=random.Random(1).sample(sorted(ids), 10)):
        saved = unprepared(seeded, pk=None, slug="")
        saved._state.adding = True
        saved.save()
        assert search_row(seeded.pk) == search_row(saved.pk)


@pytest.mark.django_db
def test_keyword_search_finds_seeded_postings():
    seed("--postings", "150", "--verbosity", "0")

    open_postings = list(JobPosting.objects.open().order_by("id"))
    assert open_postings
    for posting in random.Random(2).sample(open_postings, 10):
        result = search(Criteria(q=posting.title), page_size=len(open_postings))
        assert posting.pk in result.ids, posting.title
    assert search(Criteria(q="xylophonist")).total == 0


@pytest.mark.django_db
def test_seeding_forgets_cached_pages_of_the_earlier_data():
    cache.set("page:earlier", "a page of postings that are gone")

    seed("--postings", "12", "--verbosity", "0")

    assert cache.get("page:earlier") is None


def unprepared(row, **values):
    """A copy of a stored row with some fields set back."""
    clone = copy.copy(row)
    for name, value in values.items():
        setattr(clone, name, value)
    return clone


def stored_values(row) -> list:
    return [getattr(row, field.attname) for field in row._meta.concrete_fields]


def search_row(posting_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT headline::text, document::text, text FROM listings_postingsearch "
            "WHERE posting_id = %s",
            [posting_id],
        )
        return cursor.fetchone()


def test_every_demo_city_zip_resolves_in_its_state():
    assert len(CITIES) >= 60
    assert len({city.state for city in CITIES}) >= 45
    for city in CITIES:
        for zip_code in city.zips:
            place = zip_place(zip_code)
            assert place is not None, zip_code
            assert place.state == city.state, zip_code


def test_every_role_and_setting_a_generator_can_reach_has_titles():
    for kind, settings in KIND_SETTINGS.items():
        agency = kind == vocab.EmployerKind.STAFFING_AGENCY
        roles = AGENCY_ROLES if agency else SETTING_ROLES
        variants = AGENCY_VARIANTS if agency else DIRECT_VARIANTS
        for setting in settings.items:
            for role in roles[setting].items:
                assert variants[role, setting].items, (kind, role, setting)


ROLE_FACTS = generated(3000, seed=11)


@pytest.mark.parametrize(("employer", "posting"), ROLE_FACTS[:5])
def test_generated_values_come_from_the_vocabularies(employer, posting):
    assert employer["kind"] in vocab.EmployerKind.values
    assert employer["state"] in vocab.State.values
    for name, choices in [
        ("role", vocab.Role),
        ("setting", vocab.Setting),
        ("employment_type", vocab.EmploymentType),
        ("min_degree", vocab.Degree),
        ("licensure_status", vocab.LicensureStatus),
        ("pay_unit", vocab.PayUnit),
        ("state", vocab.State),
    ]:
        assert posting[name] in choices.values


@pytest.mark.parametrize("role", vocab.Role)
def test_every_posting_requires_what_its_role_requires(role):
    standard = ROLE_STANDARDS[role]
    postings = [p for _, p in ROLE_FACTS if p["role"] == role]
    assert postings
    for posting in postings:
        needs = JobPosting(**posting).requirement_set
        assert needs.license == standard.license
        assert needs.nbcot == standard.nbcot
        # The entry-level degree, or now and then one above it (an OTD, a COTA's bachelor's).
        assert DEGREE_RANK[needs.min_degree] - DEGREE_RANK[standard.degree] in (0, 1)
        licensed = posting["licensure_status"] != vocab.LicensureStatus.NONE
        assert licensed == is_licensed_role(role)


def test_some_postings_ask_for_a_degree_above_the_entry_level():
    above = {
        p["role"]
        for _, p in ROLE_FACTS
        if DEGREE_RANK[p["min_degree"]] > DEGREE_RANK[ROLE_STANDARDS[p["role"]].degree]
    }
    assert vocab.Role.COTA in above
    assert above & {vocab.Role.PEDIATRIC_OT, vocab.Role.SCHOOL_OT}


def test_cota_postings_say_how_the_assistant_is_supervised():
    cotas = [p for _, p in ROLE_FACTS if p["role"] == vocab.Role.COTA]
    assert cotas
    for posting in cotas:
        assert posting["cota_supervision"]


# (role, unit) -> the plausible band from DOMAIN.md and the issue, contract rates included.
PLAUSIBLE_PAY = {
    (vocab.Role.PEDIATRIC_OT, vocab.PayUnit.HOUR): (38, 70),
    (vocab.Role.PEDIATRIC_OT, vocab.PayUnit.YEAR): (70_000, 105_000),
    (vocab.Role.PEDIATRIC_OT, vocab.PayUnit.VISIT): (55, 95),
    (vocab.Role.PEDIATRIC_OT, vocab.PayUnit.WEEK): (1_800, 2_700),
    (vocab.Role.SCHOOL_OT, vocab.PayUnit.YEAR): (60_000, 95_000),
    (vocab.Role.SCHOOL_OT, vocab.PayUnit.DAY): (350, 500),
    (vocab.Role.SCHOOL_OT, vocab.PayUnit.HOUR): (45, 70),
    (vocab.Role.SCHOOL_OT, vocab.PayUnit.WEEK): (1_800, 2_700),
    (vocab.Role.COTA, vocab.PayUnit.HOUR): (26, 46),
    (vocab.Role.COTA, vocab.PayUnit.YEAR): (45_000, 64_000),
    (vocab.Role.COTA, vocab.PayUnit.VISIT): (40, 65),
    (vocab.Role.COTA, vocab.PayUnit.WEEK): (1_300, 1_900),
    (vocab.Role.OT_TECHNICIAN, vocab.PayUnit.HOUR): (16, 22),
}


def test_pay_is_plausible_for_each_role_and_unit():
    for _, posting in ROLE_FACTS:
        low, high = PLAUSIBLE_PAY[posting["role"], posting["pay_unit"]]
        assert Decimal(low) <= posting["pay_min"] <= posting["pay_max"] <= Decimal(high)
    per_visit = [p for _, p in ROLE_FACTS if p["pay_unit"] == vocab.PayUnit.VISIT]
    assert per_visit
    assert {p["setting"] for p in per_visit} <= set(HOME_SETTINGS)


def test_school_postings_follow_the_school_calendar():
    schools = [
        (e, p)
        for e, p in ROLE_FACTS
        if p["setting"] == vocab.Setting.SCHOOL and e["kind"] == vocab.EmployerKind.SCHOOL_DISTRICT
    ]
    assert schools
    for _, posting in schools:
        assert posting["employment_type"] in (
            vocab.EmploymentType.SCHOOL_YEAR,
            vocab.EmploymentType.PART_TIME,
        )
        assert 180 <= posting["contract_days"] <= 190
        assert "productivity_target" not in posting
        assert set(posting["age_groups"]) <= {
            vocab.AgeGroup.PRESCHOOL,
            vocab.AgeGroup.SCHOOL_AGE,
            vocab.AgeGroup.ADOLESCENTS,
            vocab.AgeGroup.TRANSITION,
        }
        if posting["role"] == vocab.Role.SCHOOL_OT:
            assert posting["caseload_direct"]
        if posting["sites_count"] > 1:
            assert posting["drivers_license_required"]


def test_early_intervention_and_home_visits_need_a_car_and_serve_young_children():
    home = [p for _, p in ROLE_FACTS if p["setting"] in HOME_SETTINGS]
    assert home
    for posting in home:
        assert posting["drivers_license_required"] is True
        assert posting["mileage_policy"]
        assert posting["sites_count"] >= 2
        if posting["setting"] == vocab.Setting.EARLY_INTERVENTION:
            assert posting["age_groups"] == [vocab.AgeGroup.INFANTS_TODDLERS]


def test_agency_postings_name_the_employment_model_and_the_client():
    agency = [p for e, p in ROLE_FACTS if e["kind"] == vocab.EmployerKind.STAFFING_AGENCY]
    assert agency
    for posting in agency:
        assert posting["employment_model"] in (
            vocab.EmploymentModel.AGENCY_W2,
            vocab.EmploymentModel.CONTRACTOR_1099,
        )
        assert posting["client_name"]
        assert is_licensed_role(posting["role"])  # agencies place therapists, not aides


def test_new_graduate_postings_are_license_eligible_with_formal_mentorship():
    new_grads = [p for _, p in ROLE_FACTS if p["title"].startswith("New Grad")]
    assert new_grads
    for posting in new_grads:
        assert posting["licensure_status"] == vocab.LicensureStatus.LICENSE_ELIGIBLE
        assert posting["years_experience"] == 0
        assert new_grads_welcome(posting["licensure_status"], posting["years_experience"])
        assert posting["mentorship"] == vocab.Mentorship.FORMAL
        assert posting["mentorship_weeks"]


def test_external_applications_point_at_the_employers_website():
    external = [(e, p) for e, p in ROLE_FACTS if p["how_to_apply"] == vocab.HowToApply.EXTERNAL]
    assert 0 < len(external) < len(ROLE_FACTS) / 2
    for employer, posting in external:
        assert posting["apply_url"].startswith(employer["website"] + "/")


def test_postings_vary_and_read_like_postings():
    titles = {p["title"] for _, p in ROLE_FACTS}
    assert len(titles) >= 50
    assert any(p["vacancy"] == vocab.Vacancy.POOL for _, p in ROLE_FACTS)
    assert any(p.get("sign_on_repayment_terms") for _, p in ROLE_FACTS)
    assert any(p.get("apply_by") for _, p in ROLE_FACTS)
    for _, posting in ROLE_FACTS[:200]:
        paragraphs = posting["description"].split("\n\n")
        assert len(paragraphs) >= 3
        assert "{" not in posting["description"] + posting["requirements"]
        assert posting["benefits"]
