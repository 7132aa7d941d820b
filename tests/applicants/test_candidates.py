"""Candidate search: a posting's recruiters find the people who let recruiters see their
profile and meet every requirement, best fit first; contact details only once they applied."""

import dataclasses
import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applicants import candidates as search
from applicants.candidates import (
    WISHES,
    candidate_profile,
    candidates_for,
    requirement_filter,
    visible_profiles,
)
from applicants.models import Application, License, Profile
from applicants.recommend import _score
from listings import vocab
from listings.requirements import Requirements, qualifies
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.factories import JobPostingFactory, RecruiterFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
OT, OTA = vocab.Credential.OT_LICENSE, vocab.Credential.OTA_LICENSE
OTR, COTA = vocab.Credential.NBCOT_OTR, vocab.Credential.NBCOT_COTA


def person(name="Ana Reyes", *, licensed_in=("TX",), visible=True, **fields) -> Profile:
    """An OT with a master's, NBCOT OTR and a valid OT license in each of `licensed_in`:
    meets every requirement of a JobPostingFactory posting when licensed in Texas."""
    expires = TODAY() + datetime.timedelta(days=400)
    values = {
        "headline": "Pediatric OTR/L, sensory and feeding",
        "home_zip": "78702",
        "phone": "512-555-0101",
        "degree": vocab.Degree.MASTERS,
        "acote_accredited": True,
        "years_experience": 3,
        "nbcot": OTR,
        "nbcot_number": "OTR-1",
        "nbcot_expires": expires,
        "drivers_license": True,
        "visible_to_recruiters": visible,
        **fields,
    }
    profile = Profile.objects.create(user=UserFactory(full_name=name), **values)
    for state in licensed_in:
        License.objects.create(
            profile=profile, kind=OT, state=state, number=f"{state}-1", expires_on=expires
        )
    return profile


def names(found) -> list[str]:
    return [c.profile.user.full_name for c in found.candidates]


def candidates_url(posting) -> str:
    return f"/admin/listings/jobposting/{posting.pk}/candidates/"


def candidate_url(posting, profile) -> str:
    return f"{candidates_url(posting)}{profile.pk}/"


# Who may search ------------------------------------------------------------------------------
@pytest.fixture
def world(access_world):
    """The access world, with a candidate for each posting."""
    person("Tess Candidate")
    return access_world


CANDIDATE_ACCESS = access_matrix(
    {
        f"GET {url}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        }
        for url in (
            "/admin/listings/jobposting/{posting}/candidates/",
            "/admin/listings/jobposting/{posting}/candidates/{profile}/",
        )
    }
    | {
        f"GET {url}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        }
        for url in (
            "/admin/listings/jobposting/{other_posting}/candidates/",
            "/admin/listings/jobposting/{other_posting}/candidates/{profile}/",
        )
    }
)


@pytest.mark.parametrize("cell", CANDIDATE_ACCESS)
def test_candidate_search_access(client, world, cell):
    profile = Profile.objects.get(user__full_name="Tess Candidate")
    cell = dataclasses.replace(cell, url=cell.url.replace("{profile}", str(profile.pk)))

    response = assert_access(client, world, cell)

    if response.status_code == 200:
        assert "Tess Candidate" in response.content.decode()


def test_no_such_posting_or_candidate_is_not_found(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))
    hidden = person("Hidden Person", visible=False)

    assert client.get("/admin/listings/jobposting/999999/candidates/").status_code == 404
    assert client.get(candidate_url(posting, hidden)).status_code == 404
    assert client.get(f"{candidates_url(posting)}999999/").status_code == 404


def test_only_the_postings_recruiters_may_search_its_candidates():
    posting = JobPostingFactory()
    person()
    outsider = RecruiterFactory(employers=[JobPostingFactory().employer])

    with pytest.raises(PermissionDenied):
        candidates_for(posting, viewer=outsider, today=TODAY())
    with pytest.raises(PermissionDenied):
        candidates_for(posting, viewer=UserFactory(), today=TODAY())
    assert names(candidates_for(posting, viewer=SuperuserFactory(), today=TODAY())) == ["Ana Reyes"]


# Whom they find ------------------------------------------------------------------------------
def test_only_visible_profiles_that_meet_every_requirement_are_found():
    posting = JobPostingFactory()  # OT license in Texas, NBCOT OTR, master's, 1 year
    recruiter = RecruiterFactory(employers=[posting.employer])
    person("Ana Meets")
    person("Bo Hidden", visible=False)
    person("Cy Elsewhere", licensed_in=("CO",))
    person("Di Bachelor", degree=vocab.Degree.BACHELORS)
    person("Ed Unsaid", years_experience=None)
    expired = person("Flo Expired", licensed_in=())
    License.objects.create(
        profile=expired, kind=OT, state="TX", number="1", expires_on=TODAY() - datetime.timedelta(1)
    )
    gone = person("Gil Inactive")
    gone.user.is_active = False
    gone.user.save()

    found = candidates_for(posting, viewer=recruiter, today=TODAY())

    assert names(found) == ["Ana Meets"]
    assert found.found == 1
    assert not found.capped


def test_license_eligible_postings_find_new_graduates_and_licensees_of_other_states():
    posting = JobPostingFactory(licensure_status=vocab.LicensureStatus.LICENSE_ELIGIBLE)
    recruiter = RecruiterFactory(employers=[posting.employer])
    person("Ana Colorado", licensed_in=("CO",))
    person("Bo New Grad", licensed_in=(), nbcot="", nbcot_number="", awaiting_license=True)
    person("Cy Nothing", licensed_in=(), nbcot="", nbcot_number="")

    found = candidates_for(posting, viewer=recruiter, today=TODAY())

    assert sorted(names(found)) == ["Ana Colorado", "Bo New Grad"]


def test_the_best_fit_with_what_people_want_comes_first():
    posting = JobPostingFactory(pay_min=40, pay_max=48)  # pediatric OT, outpatient, Austin TX
    recruiter = RecruiterFactory(employers=[posting.employer])
    person("Ana Other Wishes", roles=[vocab.Role.SCHOOL_OT], states=["CO"])
    person(
        "Bo Same Wishes",
        roles=[vocab.Role.PEDIATRIC_OT],
        practice_settings=[vocab.Setting.OUTPATIENT_CLINIC],
        states=["TX"],
        min_yearly_pay=60_000,
        radius_miles=20,
    )
    person("Cy No Wishes")

    found = candidates_for(posting, viewer=recruiter, today=TODAY())

    assert names(found) == ["Bo Same Wishes", "Cy No Wishes", "Ana Other Wishes"]
    best = found.candidates[0].ranking
    assert best.matches == ["role", "setting", "state", "pay", "distance from home"]
    assert best.misses == []


def test_every_wish_the_score_judges_has_words_for_recruiters():
    posting = JobPostingFactory(
        caseload_direct=30,
        employment_model=vocab.EmploymentModel.EMPLOYEE,
        sites_count=2,
        telehealth=vocab.Telehealth.HYBRID,
    )
    wishes = person(
        roles=["cota"],
        practice_settings=["school"],
        employment_types=["part_time"],
        states=["CO"],
        min_yearly_pay=1,
        age_groups=["preschool"],
        focus_areas=["feeding"],
        max_caseload=10,
        w2_only=True,
        school_year_calendar=True,
        mentorship_wanted=True,
        telehealth_ok=False,
        max_sites_per_week=1,
    )
    judged = _score(posting, wishes, True)

    assert len(judged.matches + judged.misses) == 13
    assert set(judged.matches + judged.misses) <= set(WISHES)


def test_pages_of_candidates_cost_the_same_queries_however_many_there_are(client, monkeypatch):
    posting = JobPostingFactory()
    recruiter = RecruiterFactory(employers=[posting.employer])
    person("Ana Reyes")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            candidates_for(posting, viewer=recruiter, today=TODAY(), per_page=10)
        return len(captured)

    few = queries()
    for n in range(25):
        person(f"Person {n}", licensed_in=("TX", "CO"))
    many = queries()

    assert few == many == 5
    found = candidates_for(posting, viewer=recruiter, today=TODAY(), page=3, per_page=10)
    assert (found.page.number, len(found.candidates), found.found) == (3, 6, 26)


def test_at_most_max_ranked_profiles_are_ranked_and_the_page_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    posting = JobPostingFactory()
    recruiter = RecruiterFactory(employers=[posting.employer])
    for n in range(5):
        person(f"Person {n}")
    client.force_login(recruiter)

    found = candidates_for(posting, viewer=recruiter, today=TODAY())
    page = client.get(candidates_url(posting)).content.decode()

    assert (found.found, found.capped) == (3, True)
    assert "Ranked among the 3 most recently updated profiles that qualify." in page


def test_a_bad_page_number_shows_a_page_not_an_error(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))
    person()

    for page in ("abc", "-1", "99", ""):
        response = client.get(candidates_url(posting), {"p": page})
        assert response.status_code == 200
        assert "Ana Reyes" in response.content.decode()


# The SQL narrowing agrees with the checklist ------------------------------------------------
def random_profile(rng: random.Random, number: int) -> Profile:
    today = TODAY()

    def day():
        return rng.choice([today - datetime.timedelta(days=30), today, today.replace(year=2099)])

    nbcot = rng.choice(["", OTR, COTA])
    profile = Profile.objects.create(
        user=UserFactory(),
        visible_to_recruiters=True,
        degree=rng.choice(["", *vocab.Degree.values]),
        acote_accredited=rng.choice([None, True, False]),
        awaiting_license=rng.random() < 0.3,
        years_experience=rng.choice([None, 0, 1, 2, 4, 10]),
        nbcot=nbcot,
        nbcot_number=f"N{number}" if nbcot else "",
        nbcot_expires=rng.choice([None, day()]) if nbcot else None,
        certifications=rng.sample(vocab.Certification.values, rng.randint(0, 3)),
        drivers_license=rng.choice([None, True, False]),
    )
    for kind, state in {
        (rng.choice([OT, OTA]), rng.choice(["TX", "CO", "UT"])) for _ in range(rng.randint(0, 3))
    }:
        License.objects.create(
            profile=profile, kind=kind, state=state, number="1", expires_on=day()
        )
    return profile


def random_requirements(rng: random.Random) -> Requirements:
    return Requirements.from_values(
        role=rng.choice(vocab.Role.values),
        state=rng.choice(["TX", "CO", "UT"]),
        min_degree=rng.choice(vocab.Degree.values),
        acote_required=rng.random() < 0.4,
        licensure_status=rng.choice(vocab.LicensureStatus.values),
        required_credentials=rng.sample(vocab.Credential.values, rng.randint(0, 3)),
        required_certifications=rng.sample(vocab.Certification.values, rng.randint(0, 2)),
        drivers_license_required=rng.random() < 0.3,
        years_experience=rng.choice([0, 0, 1, 2, 5]),
    )


def test_the_sql_filter_finds_exactly_the_people_the_checklist_qualifies():
    rng = random.Random(2027)
    today = TODAY()
    profiles = [random_profile(rng, n) for n in range(160)]
    held = {p.pk: p.qualifications() for p in Profile.objects.prefetch_related("licenses")}
    agreed = 0
    for _ in range(120):
        req = random_requirements(rng)
        found = set(
            visible_profiles().filter(requirement_filter(req, today)).values_list("pk", flat=True)
        )
        want = {p.pk for p in profiles if qualifies(req, held[p.pk], today=today)}
        assert found == want, (req, found ^ want)
        agreed += len(want)
    assert agreed > 100  # qualifying people were tested too, not only refusals


# What recruiters see -------------------------------------------------------------------------
def test_the_list_shows_name_headline_degree_licenses_years_and_fit(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))
    person("Ana Reyes", licensed_in=("CO", "TX"), roles=[vocab.Role.PEDIATRIC_OT])

    page = client.get(candidates_url(posting)).content.decode()

    for text in (
        "Ana Reyes",
        "Pediatric OTR/L, sensory and feeding",
        "Master&#x27;s degree",
        "OT license: CO, TX",
        "Meets all",
        "1 of 1 wish met: role.",
    ):
        assert text in page, text
    assert "78702" not in page  # the home ZIP code, never
    assert "512-555-0101" not in page


def test_contact_details_only_once_they_applied_to_one_of_the_recruiters_postings(client):
    posting = JobPostingFactory()
    recruiter = RecruiterFactory(employers=[posting.employer])
    applied, not_yet = person("Ana Applied"), person("Bo Browsing")
    application = Application.objects.create(
        user=applied.user, posting=posting, name="Ana Applied", email="ana@mail.example"
    )
    Application.objects.create(  # to another employer: none of this recruiter's business
        user=not_yet.user, posting=JobPostingFactory(), name="Bo", email="bo@mail.example"
    )
    client.force_login(recruiter)

    listing = client.get(candidates_url(posting)).content.decode()
    ana = client.get(candidate_url(posting, applied)).content.decode()
    bo = client.get(candidate_url(posting, not_yet)).content.decode()

    assert f"/admin/applicants/application/{application.pk}/change/" in listing
    assert "ana@mail.example" in ana
    assert f"/admin/applicants/application/{application.pk}/change/" in ana
    assert "bo@mail.example" not in bo
    assert "512-555-0101" not in bo
    assert "contact details show once they apply" in bo
    assert "78702" not in ana + bo


def test_a_candidate_who_no_longer_qualifies_is_not_found(client):
    posting = JobPostingFactory()
    recruiter = RecruiterFactory(employers=[posting.employer])
    profile = person()
    profile.licenses.update(expires_on=TODAY() - datetime.timedelta(days=1))

    assert candidate_profile(posting, profile.pk, viewer=recruiter, today=TODAY()) is None
    client.force_login(recruiter)
    assert client.get(candidate_url(posting, profile)).status_code == 404


def test_find_candidates_from_the_changelist_row(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))

    page = client.get("/admin/listings/jobposting/").content.decode()

    assert (
        f'<a href="{candidates_url(posting)}" aria-label="Find candidates for {posting.title}">'
        "Find</a>"
    ) in page
