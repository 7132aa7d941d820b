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
