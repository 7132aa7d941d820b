import pytest

from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.SEARCH_VERSION_CHECK_SECONDS = 0


def test_repeat_listing_is_served_from_cache_with_one_version_query(
    client, page_cache, django_assert_num_queries
):
    JobPostingFactory()
    first = client.get("/jobs/?role=pediatric_ot")
    with django_assert_num_queries(1):  # the catalogue version only
        second = client.get("/jobs/?role=pediatric_ot")
    assert second.content == first.content


def test_a_new_posting_changes_the_version_and_the_page(client, page_cache):
    JobPostingFactory(title="First role")
    assert b"First role" in client.get("/jobs/").content
    JobPostingFactory(title="Second role")
    assert b"Second role" in client.get("/jobs/").content


def test_a_closed_posting_leaves_cached_pages_at_once(client, page_cache, posting):
    assert client.get(posting.get_absolute_url()).status_code == 200
    posting.close()
    assert client.get(posting.get_absolute_url()).status_code == 410


def test_visitors_with_a_session_are_never_served_a_cached_page(
    client, page_cache, django_assert_max_num_queries
):
    JobPostingFactory()
    client.get("/jobs/")
    client.cookies["sessionid"] = "whatever"
    response = client.get("/jobs/")
    assert response.status_code == 200
    assert "result" in response.context  # rendered, not from the cache


def test_htmx_fragment_and_full_page_are_cached_apart(client, page_cache):
    JobPostingFactory()
    full = client.get("/jobs/")
    fragment = client.get("/jobs/", headers={"HX-Request": "true"})
    assert b"<html" in full.content
    assert b"<html" not in fragment.content
    assert b"<html" not in client.get("/jobs/", headers={"HX-Request": "true"}).content
    assert "HX-Request" in full["Vary"]


def test_repeated_parameters_in_another_order_are_another_page(client, page_cache):
    JobPostingFactory()
    JobPostingFactory()
    first = client.get("/jobs/?sort=pay&sort=newest")
    second = client.get("/jobs/?sort=newest&sort=pay")
    assert first.context["result"].criteria.sort == "newest"
    assert second.context is not None, "served the other order's page from the cache"
    assert second.context["result"].criteria.sort == "pay"


def test_only_a_true_htmx_header_gets_the_fragment(client, page_cache):
    JobPostingFactory()
    odd = client.get("/jobs/?k=3", headers={"HX-Request": "1"})
    assert odd.text.count("<title>") == 1
    assert client.get("/jobs/?k=3").text.count("<title>") == 1


def test_a_deleted_posting_leaves_counts_and_cached_pages(client, page_cache):
    keep, gone = JobPostingFactory(), JobPostingFactory()
    assert client.get("/jobs/").context["result"].total == 2
    assert client.get(gone.get_absolute_url()).status_code == 200
    url = gone.get_absolute_url()
    gone.delete()
    assert client.get("/jobs/").context["result"].total == 1
    assert client.get(url).status_code == 404
    assert client.get(keep.get_absolute_url()).status_code == 200


def test_a_bulk_update_moves_the_catalogue_version(client, page_cache):
    from listings.models import JobPosting

    posting = JobPostingFactory(role="pediatric_ot")
    assert client.get("/jobs/?role=cota").context["result"].total == 0
    JobPosting.objects.filter(pk=posting.pk).update(role="cota")
    assert client.get("/jobs/?role=cota").context["result"].total == 1


def test_renaming_an_employer_refreshes_its_cached_pages(client, page_cache, posting):
    assert posting.employer.name in client.get("/jobs/").text
    posting.employer.name = "Renamed Therapy Collective"
    posting.employer.save()
    assert "Renamed Therapy Collective" in client.get("/jobs/").text
