"""Bad input on /jobs/ gives a normal page with a message by the field, never a 500."""

import pytest

from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(db):
    return [JobPostingFactory(), JobPostingFactory(role="cota", min_degree="associate")]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("role=astronaut", "role", "“astronaut” is not a known option"),
        ("radius=far", "radius", "Choose a distance of 10, 25, 50 or 100 miles."),
        ("radius=37", "radius", "Choose a distance of 10, 25, 50 or 100 miles."),
        ("near=99999", "near", "We could not find “99999”"),
        ("near=Atlantis,+ZZ", "near", "We could not find “Atlantis, ZZ”"),
        ("q=" + "sensory+" * 700, "q", "Keep keywords under 200 characters"),
        ("pay_min=lots", "pay_min", "Enter a yearly amount in dollars"),
        ("pay_min=-5", "pay_min", "greater than or equal to 0"),
        ("posted=3", "posted", "Choose 1, 7 or 30 days."),
        ("sort=random", "sort", "Unknown sort order"),
        ("state=XX", "state", "“XX” is not a known option"),
    ],
)
def test_bad_parameter_is_explained_next_to_its_field(client, postings, query, field, message):
    response = client.get(f"/jobs/?{query}")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert any(message in e for e in errors[field])
    assert message in response.text.replace("&#x27;", "'").replace("&quot;", '"')


def test_other_parameters_still_apply_beside_a_bad_one(client, postings):
    response = client.get("/jobs/?role=cota&radius=far")
    assert response.context["result"].total == 1


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=-1",
        "role=cota&role=cota&role=school_ot",
        "q=a&q=b",
        "near=78701&near=80202",
        "radius=10&radius=25",
        "new_grad=0",
        "new_grad=banana",
        "q=%00%ff",
        "q=%22unbalanced",
        "q=-",
        "near=%2C",
        "pay_min=1e309",
        "ages=infants_toddlers&ages=",
    ],
)
def test_odd_parameters_never_break_the_page(client, postings, query):
    response = client.get(f"/jobs/?{query}")
    assert response.status_code == 200


def test_repeated_single_value_parameter_uses_the_last(client, postings):
    response = client.get("/jobs/?sort=pay&sort=newest")
    assert response.context["result"].criteria.sort == "newest"


def test_listing_query_count_is_bounded(client, postings, django_assert_max_num_queries):
    for _ in range(3):
        JobPostingFactory()
    client.get("/jobs/")  # builds this process's index
    queries = [
        "",
        "role=cota&setting=school&degree=masters&licensure=nbcot&employment=full_time",
        "q=sensory&near=78701&radius=50&sort=distance&page=2",
        "ages=preschool&state=TX&new_grad=1&no_driving=1&pay_min=50000&posted=7&sort=pay",
    ]
    for query in queries:
        with django_assert_max_num_queries(6):
            assert client.get(f"/jobs/?{query}").status_code == 200


def test_unicode_digits_near_is_a_field_error_not_a_crash(client, postings):
    response = client.get("/jobs/?near=%D9%A1%D9%A2%D9%A3%D9%A4%D9%A5")
    assert response.status_code == 200
    assert "near" in response.context["form"].errors
    assert client.get("/jobs/feed/rss/?near=%D9%A1%D9%A2%D9%A3%D9%A4%D9%A5").status_code == 200


def test_control_characters_in_keywords_never_break_feeds(client, postings):
    assert client.get("/jobs/feed/rss/?q=%01x%1f").status_code == 200
    assert client.get("/jobs/feed/atom/?q=%01x").status_code == 200


def test_repeated_facet_values_count_once(client, postings):
    response = client.get("/jobs/?" + "&".join(["state=TX"] * 50 + ["role=cota"] * 20))
    assert [chip.label for chip in response.context["chips"]] == ["COTA", "Texas"]
    assert response.context["result"].total == 1


@pytest.mark.parametrize("page", ["0", "-3", "9" * 5000, "%D9%A1"])
def test_page_numbers_below_one_mean_the_first_page(client, postings, page):
    response = client.get(f"/jobs/?page={page}")
    assert response.context["page"].number == 1


def test_each_form_has_fields_of_its_own_and_one_forms_error_stays_its_own():
    """Forms share their fields' vocabularies, never the fields, widgets or messages."""
    from django.http import QueryDict

    from listings.forms import ListingForm

    bad, good = (
        ListingForm(QueryDict("radius=7&role=nope")),
        ListingForm(QueryDict("radius=50&role=cota")),
    )
    for name, field in bad.fields.items():
        other = good.fields[name]
        assert field is not other
        assert field.widget is not other.widget
        assert field.widget.attrs is not other.widget.attrs
        assert field.error_messages is not other.error_messages
    bad.fields["radius"].error_messages["invalid_choice"] = "changed"
    bad.criteria()
    assert "radius" in bad.errors
    assert "role" in bad.errors
    assert good.criteria().facets["role"] == ("cota",)
    assert not good.errors
    assert (
        ListingForm(QueryDict("radius=7")).fields["radius"].error_messages["invalid_choice"]
        == "Choose a distance of 10, 25, 50 or 100 miles."
    )
