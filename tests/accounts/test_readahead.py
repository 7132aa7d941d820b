"""The sign-in hint: what a signed-in page reads ahead from the cache, and that it never
decides who is signed in (accounts.readahead)."""

import pytest
from django.core.cache import cache

from accounts.readahead import HINT_COOKIE
from tests.applicants.test_accounts import verified_user
from tests.applicants.test_profile_and_fit import licensed_ot, ot_posting
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_sets_the_hint_and_signing_out_removes_it(client):
    user = verified_user()

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    hint = response.cookies[HINT_COOKIE]
    assert hint.value == str(user.pk)
    assert hint["httponly"]
    assert hint["samesite"] == "Lax"
    assert client.get("/me/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.cookies[HINT_COOKIE].value == ""  # deleted
    assert response.cookies[HINT_COOKIE]["max-age"] == 0
    assert client.get("/me/").status_code == 302


def test_the_hint_never_decides_who_is_signed_in(client):
    """A browser signed in as one applicant, with another's id as its hint (forged, or left
    from an earlier sign-in): every page is still the session's own user's."""
    mine, theirs = licensed_ot("IL"), licensed_ot("CA")
    posting = ot_posting("CA")
    other = client.__class__()
    other.force_login(theirs.user)
    other.cookies[HINT_COOKIE] = str(theirs.user.pk)
    assert "You meet every requirement" in other.get(posting.get_absolute_url()).text  # cached

    client.force_login(mine.user)
    client.cookies[HINT_COOKIE] = str(theirs.user.pk)
    page = client.get(posting.get_absolute_url()).text
    dashboard = client.get("/me/").text

    assert "You don't meet" in page
    assert mine.user.email in dashboard
    assert theirs.user.email not in dashboard


def test_a_session_no_longer_in_the_cache_is_read_from_the_database(client):
    profile = licensed_ot("IL")
    client.force_login(profile.user)
    client.cookies[HINT_COOKIE] = str(profile.user.pk)
    cache.clear()

    assert profile.user.email in client.get("/me/").text


def test_a_hint_without_a_session_is_removed_and_the_visitor_is_anonymous(client):
    user = verified_user()
    client.cookies[HINT_COOKIE] = str(user.pk)

    response = client.get("/me/")

    assert response.status_code == 302
    assert response.cookies[HINT_COOKIE].value == ""
    client.cookies[HINT_COOKIE] = str(user.pk)
    public = client.get("/jobs/")  # a public page, which the hint's removal makes private
    assert public.cookies[HINT_COOKIE].value == ""
    assert "private" in public["Cache-Control"]
    assert "public" not in public["Cache-Control"]


def test_a_hint_that_is_not_a_number_is_ignored(client):
    profile = licensed_ot("IL")
    client.force_login(profile.user)
    client.cookies[HINT_COOKIE] = "1 OR 1=1"

    assert profile.user.email in client.get("/me/").text


def test_an_entry_read_ahead_serves_one_read_and_only_within_its_request(rf, settings):
    from django.http import HttpResponse

    from accounts.backends import user_cache_key
    from accounts.readahead import ReadAheadMiddleware, read_ahead

    cache.set(user_cache_key(7), "the user as cached")
    request = rf.get("/")
    request.COOKIES = {settings.SESSION_COOKIE_NAME: "abc12345session", HINT_COOKIE: "7"}
    reads = []

    def view(request):
        reads.append(read_ahead([user_cache_key(7)]))
        reads.append(read_ahead([user_cache_key(7)]))  # a second read goes to the cache
        return HttpResponse()

    ReadAheadMiddleware(view)(request)

    assert reads == [{user_cache_key(7): "the user as cached"}, None]
    assert read_ahead([user_cache_key(7)]) is None  # nothing outlives the request
