"""The listing's parameters: parsed once into Criteria, and Criteria back to links and words."""

import pytest
from django.db import models
from django.http import QueryDict

from listings.forms import ListingForm
from listings.search import Criteria, engine, search
from listings.search.criteria import FACETS_BY_NAME, Facet
from tests.factories import JobPostingFactory


def parse(query: str) -> tuple[Criteria, ListingForm]:
    form = ListingForm(QueryDict(query))
    return form.criteria(), form


def test_a_query_survives_the_round_trip_through_criteria():
    query = (
        "q=sensory&near=78701&radius=50&role=cota&role=school_ot&new_grad=1&pay_min=60000"
        "&posted=7&sort=pay"
    )
    criteria, _ = parse(query)
    again, form = parse(criteria.query())
    assert again == criteria
    assert not form.errors


def test_defaults_stay_out_of_the_query():
    criteria, _ = parse("near=78701&radius=25&sort=newest")
    assert criteria.query() == "near=78701"
    criteria, _ = parse("q=feeding&sort=relevance")
    assert criteria.query() == "q=feeding"


def test_unknown_facet_values_are_dropped_one_by_one_and_reported():
    criteria, form = parse("role=cota&role=bogus&state=CA&state=ca&state=zz")
    assert criteria.selected("role") == ("cota",)
    assert criteria.selected("state") == ("CA",)
    assert form.errors["role"] == ["“bogus” is not a known option; it was ignored."]
    assert form.errors["state"] == ["“zz” is not a known option; it was ignored."]


@pytest.mark.django_db
def test_the_good_values_beside_a_bad_one_still_filter(client):
    JobPostingFactory(role="cota")
    JobPostingFactory(role="school_ot")
    response = client.get("/jobs/?role=cota&role=bogus")
    assert response.context["result"].total == 1
    assert "“bogus” is not a known option" in response.text


def test_each_chip_removes_exactly_its_own_filter():
    criteria, _ = parse("q=nicu&near=78701&role=cota&role=school_ot&no_driving=1&sort=distance")
    chips = dict(criteria.removals())
    assert list(chips) == [
        "“nicu”",
        "Within 25 mi of Austin, TX 78701",
        "COTA",
        "School-based OT",
        "No driver's license needed",
    ]
    assert chips["COTA"].selected("role") == ("school_ot",)
    without_place = chips["Within 25 mi of Austin, TX 78701"]
    assert without_place.place is None
    assert without_place.sort == "relevance"
    assert chips["“nicu”"].q == ""
    assert chips["“nicu”"].sort == "distance"


def test_the_summary_names_every_filter_in_words():
    criteria, _ = parse(
        "q=feeding&role=cota&setting=school&near=78701&new_grad=1&pay_min=50000&posted=7"
    )
    assert criteria.summary() == (
        "“feeding” · COTA · Schools · near Austin, TX 78701 · new grads welcome · "
        "from $50,000/year · last 7 days"
    )


@pytest.mark.django_db
def test_an_empty_result_suggests_the_removals_that_find_jobs(client):
    JobPostingFactory(role="cota", state="TX", zip_code="78701", city="Austin")
    JobPostingFactory(role="school_ot", state="TX", zip_code="78701", city="Austin")
    JobPostingFactory(role="school_ot", state="TX", zip_code="78701", city="Austin")
    response = client.get("/jobs/?role=cota&pay_min=900000")
    assert response.context["result"].total == 0
    suggestions = [(chip.label, n) for chip, n in response.context["relaxations"]]
    assert suggestions == [("Pay from $900,000 a year", 1)]
    assert "Remove “Pay from $900,000 a year” to see 1 job" in response.text
    response = client.get("/jobs/?role=cota&setting=hospital&pay_min=900000")
    assert response.context["relaxations"] == []
    assert "Removing any one filter still finds nothing" in response.text


class Nothing(models.TextChoices):
    pass


@pytest.mark.django_db
def test_toggle_counts_do_not_depend_on_the_last_facet(monkeypatch):
    # The old engine reused its `counts` flag for each facet's list of counts, so a last
    # facet with no options (an empty list) silently switched the toggle counts off.
    JobPostingFactory(years_experience=0)
    monkeypatch.setattr(
        engine, "FACETS", (FACETS_BY_NAME["role"], Facet("ages", "Nothing yet", Nothing))
    )
    result = search(Criteria(), page_size=1)
    assert result.toggle_counts == {"new_grad": 1, "no_driving": 1}
    assert search(Criteria(), page_size=1, with_counts=False).toggle_counts == {}
