"""The page caches: fast for everyone, never another visitor's page, never a stale posting,
and an edit makes cold only what it changed."""

import gzip
import os
import re

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.test import Client
from django.utils.http import http_date

from listings.caching import SLOT, forget_recent, kept_apart, page_shell, stored_shell
from listings.search.catalogue import search_stats
from otjobs.env import parse_cache_url
from tests.factories import JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("OTJOBS_REQUIRE_REDIS"):
            raise
        return False


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """Every test here runs on the per-process cache and on Redis, the shared one."""
    if request.param == "redis":
        if not redis_reachable():
            pytest.skip(f"Redis is not running at {REDIS_URL}")
        settings.CACHES = {"default": parse_cache_url("CACHE_URL", REDIS_URL)}
        caches["default"].clear()
    settings.PAGE_CACHE_SECONDS = 60
    settings.SEARCH_VERSION_CHECK_SECONDS = 0
    yield
    caches["default"].clear()


@pytest.fixture
def test_pages(settings, page_cache):
    settings.ROOT_URLCONF = "tests.listings.caching_urls"


# Whole pages ---------------------------------------------------------------------------------
def test_a_repeat_visit_is_served_whole_from_the_cache(
    client, page_cache, django_assert_num_queries
):
    JobPostingFactory()
    first = client.get("/jobs/?role=pediatric_ot")
    with django_assert_num_queries(1):  # asking the change log whether anything changed
        second = client.get("/jobs/?role=pediatric_ot")
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    assert set(re.split(r",\s*", second["Vary"])) >= {"Cookie", "HX-Request", "Accept-Encoding"}


def test_two_anonymous_visitors_of_a_cached_page_with_a_form_can_both_post(test_pages):
    # A page that uses the CSRF token is never stored: each visitor gets a token of their own.
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/test/form/")
        assert "Cache-Control" not in page or "public" not in page["Cache-Control"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        response = visitor.post("/test/save/", {"csrfmiddlewaretoken": token})
        assert response.status_code == 200, response.content


def test_a_signed_in_visitors_page_is_never_served_to_anyone_else(test_pages):
    alice, bob = UserFactory(email="alice@example.org"), UserFactory(email="bob@example.org")
    as_alice, as_bob, anonymous = Client(), Client(), Client()
    as_alice.force_login(alice)
    as_bob.force_login(bob)

    assert "alice@example.org" in as_alice.get("/test/who/").text
    assert "alice@example.org" not in anonymous.get("/test/who/").text
    assert "Welcome" in anonymous.get("/test/who/").text
    bobs = as_bob.get("/test/who/")
    assert "bob@example.org" in bobs.text
    assert "alice@example.org" not in bobs.text
    # And the signed-in page tells every cache in between to keep it to itself.
    assert "private" in bobs["Cache-Control"]
    assert "no-store" in bobs["Cache-Control"]


def test_a_signed_in_visitor_gets_their_own_page_not_the_cached_anonymous_one(test_pages):
    anonymous = Client()
    anonymous.get("/test/who/")  # the anonymous page is now cached
    alice = UserFactory(email="alice@example.org")
    as_alice = Client()
    as_alice.force_login(alice)
    assert "Signed in as alice@example.org" in as_alice.get("/test/who/").text


def test_gzip_is_served_from_the_cache_to_clients_that_accept_it(client, page_cache):
    JobPostingFactory()
    plain = client.get("/jobs/")
    zipped = client.get("/jobs/", headers={"Accept-Encoding": "gzip, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content


def test_an_unchanged_page_answers_304_to_its_etag(client, page_cache):
    JobPostingFactory()
    first = client.get("/jobs/")
    again = client.get("/jobs/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_feeds_answer_if_modified_since_with_304(client):
    posting = JobPostingFactory()
    since = http_date(posting.updated_at.timestamp() + 5)
    assert client.get("/jobs/feed/rss/", headers={"If-Modified-Since": since}).status_code == 304
    older = http_date(posting.updated_at.timestamp() - 3600)
    assert client.get("/jobs/feed/rss/", headers={"If-Modified-Since": older}).status_code == 200


def test_visitors_with_a_session_are_never_served_a_cached_page(client, page_cache):
    JobPostingFactory()
    client.get("/jobs/")
    client.cookies["sessionid"] = "whatever"
    response = client.get("/jobs/")
    assert response.status_code == 200
    assert "result" in response.context  # rendered, not replayed


def test_htmx_fragment_and_full_page_are_cached_apart(client, page_cache):
    JobPostingFactory()
    full = client.get("/jobs/")
    fragment = client.get("/jobs/", headers={"HX-Request": "true"})
    assert b"<html" in full.content
    assert b"<html" not in fragment.content
    assert b"<html" not in client.get("/jobs/", headers={"HX-Request": "true"}).content
    assert b"<html" in client.get("/jobs/").content


def test_repeated_parameters_in_another_order_are_another_page(client, page_cache):
    JobPostingFactory(role="cota")
    JobPostingFactory(role="school_ot")
    first = client.get("/jobs/?role=cota&role=school_ot&sort=pay&sort=newest")
    second = client.get("/jobs/?role=school_ot&role=cota&sort=newest&sort=pay")
    assert first.context["criteria"].sort == "newest"
    assert second.context["criteria"].sort == "pay"


# Edits ---------------------------------------------------------------------------------------
def test_a_closed_posting_leaves_every_cached_page_at_once(client, page_cache):
    posting = JobPostingFactory(title="Feeding specialist OT")
    assert posting.title in client.get("/jobs/").text
    assert client.get(posting.get_absolute_url()).status_code == 200
    posting.close()
    assert posting.title not in client.get("/jobs/").text
    assert client.get(posting.get_absolute_url()).status_code == 410
    assert posting.title not in client.get(posting.employer.get_absolute_url()).text


def test_an_edit_changes_its_own_page_and_leaves_the_others_warm(
    client, page_cache, django_assert_num_queries
):
    edited, other = JobPostingFactory(title="First title"), JobPostingFactory(role="cota")
    client.get(edited.get_absolute_url())
    client.get(other.get_absolute_url())
    client.get("/jobs/?role=cota")
    builds = search_stats()["full_builds"]

    edited.title = "Second title"
    edited.save()
    assert "Second title" in client.get(edited.get_absolute_url()).text
    # The other posting's page and the COTA listing only re-check what they show against
    # the index (one read of the change log): no posting, card or similar posting is read.
    with django_assert_num_queries(1):
        assert client.get(other.get_absolute_url()).status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/jobs/?role=cota").status_code == 200
    assert search_stats()["full_builds"] == builds  # the index took in one posting


def test_the_content_of_a_page_is_shared_with_signed_in_visitors(client, page_cache):
    posting = JobPostingFactory()
    anonymous = client.get(posting.get_absolute_url())
    as_user = Client()
    as_user.force_login(UserFactory())
    signed_in = as_user.get(posting.get_absolute_url())
    # The posting's own parts are the same; only the visitor's "do you qualify?" differs.
    header = re.compile(r"<main.*?</div>\s*</div>\s*</div>\s*</div>", re.S)
    body = re.compile(r'<div class="container posting-layout">.*</main>', re.S)
    assert header.search(signed_in.text)[0] == header.search(anonymous.text)[0]
    assert body.search(signed_in.text)[0] == body.search(anonymous.text)[0]
    assert "/accounts/login/?next=" in anonymous.text
    assert "/accounts/login/?next=" not in signed_in.text


def test_a_page_shell_that_used_a_csrf_token_is_never_kept(rf, page_cache):
    """A page kept whole for every visitor of a kind holds nothing of one visitor's: a
    render that used the request's CSRF token is used once and not kept."""

    def request():
        made = rf.get("/jobs/shell/")
        made.user = AnonymousUser()
        made.session = SessionStore()
        made._messages = FallbackStorage(made)
        return made

    def with_token(slot: str) -> str:
        return f"<p>{get_token(first)}</p>{slot}<p>after</p>"

    first = request()
    assert page_shell(first, "shell-test", "s", with_token) is None
    assert stored_shell(request(), "shell-test", "s") is None

    second = request()
    assert page_shell(second, "shell-test", "s", lambda slot: f"<p>x</p>{slot}<p>y</p>") == (
        "<p>x</p>",
        "<p>y</p>",
    )
    assert stored_shell(request(), "shell-test", "s") == ("<p>x</p>", "<p>y</p>")
    assert SLOT not in "".join(stored_shell(request(), "shell-test", "s"))


def test_a_page_kept_apart_is_shared_through_the_cache_and_kept_in_this_process(rf, page_cache):
    made = []

    def make():
        made.append(1)
        return 3, 1, "<p>three jobs</p>"

    def look():
        return kept_apart(rf.get("/jobs/?qualified=1"), "apart-test", "digest", make)

    assert look() == (3, 1, "<p>three jobs</p>")
    forget_recent()  # as another process sees it: from the shared cache
    assert look() == (3, 1, "<p>three jobs</p>")
    caches["default"].clear()  # as this process sees it again: its own copy
    assert look() == (3, 1, "<p>three jobs</p>")
    assert made == [1]
    forget_recent()
    assert look() == (3, 1, "<p>three jobs</p>")
    assert made == [1, 1]


def test_an_anonymous_posting_page_sets_no_cookie_and_is_served_whole_again(
    client, page_cache, django_assert_num_queries
):
    """Its "do you qualify? sign in" band has no form: no CSRF token is made for it."""
    url = JobPostingFactory().get_absolute_url()
    first = client.get(url)
    assert not first.cookies
    assert "Sign in</a> or" in first.text
    with django_assert_num_queries(1):  # asking the change log whether anything changed
        second = client.get(url)
    assert second.content == first.content


def test_keys_change_with_the_release_that_renders_the_pages(settings, tmp_path):
    """Content kept by an earlier release (its templates, static files or code) is never
    served after a deploy: every key holds a digest of them."""
    from listings.caching.base import _release

    settings.BASE_DIR = tmp_path
    (tmp_path / "templates").mkdir()
    (tmp_path / "tests").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ posting.title }}</p>")
    first = _release()

    (tmp_path / "tests" / "test_page.py").write_text("assert True")  # not rendered from
    assert _release() == first
    page.write_text("<p>{{ posting.title|upper }}</p>")
    assert _release() != first
    page.write_text("<p>{{ posting.title }}</p>")
    assert _release() == first
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "views.py").write_text("x = 1")
    assert _release() != first
