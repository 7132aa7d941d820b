import pytest
from django.db import connection

from listings.search import Criteria, reset_catalogue, search
from listings.search.keywords import parse_terms
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@pytest.fixture
def postings(db):
    reset_catalogue()
    sunflower = EmployerFactory(name="Sunflower Sensory Gym")
    return {
        "title": JobPostingFactory(
            title="Sensory Integration Pediatric OT",
            description="Outpatient clinic role with a great team.",
        ),
        "employer": JobPostingFactory(
            employer=sunflower,
            title="Pediatric Occupational Therapist",
            description="Outpatient clinic role with a great team.",
        ),
        "description": JobPostingFactory(
            title="Pediatric OT",
            description="You will support children with sensory processing needs.",
        ),
        "nicu": JobPostingFactory(
            title="NICU Occupational Therapist",
            description="Feeding and sensory care for infants in our NICU.",
        ),
        "handwriting": JobPostingFactory(
            title="School-based OT",
            description="Handwriting and fine motor groups across two elementary schools.",
        ),
    }


def keyword_ids(q: str, sort: str = "relevance") -> list[int]:
    return [p.pk for p in search(Criteria(q=q, sort=sort)).postings]


def test_keywords_find_title_employer_and_description_matches(postings):
    found = set(keyword_ids("sensory"))
    assert found == {postings[k].pk for k in ("title", "employer", "description", "nicu")}


def test_minus_excludes_a_word(postings):
    found = set(keyword_ids("sensory -NICU"))
    assert postings["nicu"].pk not in found
    assert postings["title"].pk in found


def test_quoted_phrase_must_appear_as_written(postings):
    assert keyword_ids('"fine motor"') == [postings["handwriting"].pk]


def test_no_match_gives_no_results(postings):
    assert keyword_ids("hippotherapy") == []


@postgres_only
def test_title_ranks_above_employer_above_description(postings):
    ranked = keyword_ids("sensory")
    assert ranked.index(postings["title"].pk) < ranked.index(postings["employer"].pk)
    assert ranked.index(postings["employer"].pk) < ranked.index(postings["description"].pk)


@postgres_only
def test_english_stemming_matches_word_forms(postings):
    # "schools", "infant" and "therapists" share stems with "School", "infants", "Therapist".
    assert postings["handwriting"].pk in keyword_ids("schools")
    assert postings["nicu"].pk in keyword_ids("infant")
    assert postings["nicu"].pk in keyword_ids("NICU therapists")


@postgres_only
def test_renaming_an_employer_updates_its_postings_search(postings):
    employer = postings["employer"].employer
    assert postings["employer"].pk in keyword_ids("sunflower")  # remembered per process
    employer.name = "Bright Horizons Kids"
    employer.save()  # moves the catalogue version, so the remembered results are not used
    assert postings["employer"].pk in keyword_ids("horizons")
    assert postings["employer"].pk not in keyword_ids("sunflower")


def test_fallback_parser_reads_phrases_and_exclusions():
    assert parse_terms('"fine motor" sensory -NICU therapists') == (
        ["fine motor", "sensory", "therapist"],
        ["NICU"],
    )


@pytest.mark.parametrize(
    "q",
    [
        "sensory " + "-" * 40,
        "-" * 33,
        "- " * 40 + "sensory",
        "sensory " + "-" * 40 + "nicu",
        "(" * 40 + "sensory",
        "!" * 50 + " & | <-> :*",
        "sensory or " * 60,
    ],
)
def test_any_keywords_a_person_can_type_give_a_page(client, postings, q):
    for path in ("/jobs/", "/jobs/feed/rss/", "/jobs/feed/atom/"):
        assert client.get(path, {"q": q}).status_code == 200
    response = client.get("/jobs/", {"q": q}, headers={"HX-Request": "true"})
    assert response.status_code == 200


@postgres_only
def test_a_run_of_minus_signs_still_searches_the_words(postings):
    assert keyword_ids("sensory " + "-" * 40) == keyword_ids("sensory")


def test_a_changed_posting_is_matched_again_without_asking_for_every_match(postings):
    assert postings["nicu"].pk in keyword_ids("nicu")  # remembered by this process
    postings["nicu"].description = "Feeding therapy in the outpatient clinic."
    postings["nicu"].title = "Feeding therapist"
    postings["nicu"].save()
    assert postings["nicu"].pk not in keyword_ids("nicu")
    assert postings["nicu"].pk in keyword_ids("feeding")
