"""The shared cache against a real Redis: one client per pool, and how many round trips a
signed-in page makes."""

import pytest
import redis
from django.core.cache import caches

from accounts.readahead import HINT_COOKIE
from listings.caching import forget_recent
from otjobs.env import parse_cache_url
from tests.applicants.test_profile_and_fit import licensed_ot, ot_posting
from tests.listings.test_caching import REDIS_URL, redis_reachable


@pytest.fixture
def redis_cache(settings):
    if not redis_reachable():
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    settings.CACHES = {"default": parse_cache_url("CACHE_URL", REDIS_URL)}
    settings.SESSION_CACHE_ALIAS = "default"
    cache = caches["default"]
    cache.clear()
    forget_recent()
    yield cache
    cache.clear()
    forget_recent()
    del caches["default"]


def commands(server: redis.Redis) -> dict[str, int]:
    stats = server.info("commandstats")
    return {name.removeprefix("cmdstat_"): entry["calls"] for name, entry in stats.items()}


def test_the_redis_cache_keeps_one_client_per_pool(redis_cache):
    redis_cache.set("greeting", {"hello": "world"}, 30)

    assert redis_cache.get("greeting") == {"hello": "world"}
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)


def warm_page_commands(client, *, hint: bool) -> dict[str, int]:
    """The Redis commands a signed-in applicant's third view of a posting page makes (the
    first two store the parts, the user and the applicant's state), with or without the
    sign-in hint their browser holds after signing in through the form."""
    posting = ot_posting()
    profile = licensed_ot()
    client.force_login(profile.user)
    if hint:
        client.cookies[HINT_COOKIE] = str(profile.user.pk)  # as the sign-in response sets it
    for _ in range(2):
        assert "You meet every requirement" in client.get(posting.get_absolute_url()).text

    server = redis.Redis.from_url(REDIS_URL)
    server.ping()  # its own connection's commands are made before counting
    before = commands(server)
    page = client.get(posting.get_absolute_url()).text
    after = commands(server)

    assert "You meet every requirement" in page
    used = {name: after[name] - before.get(name, 0) for name in after}
    return {name: count for name, count in used.items() if count and name != "info"}


@pytest.mark.django_db
def test_a_warm_signed_in_posting_page_makes_two_round_trips_to_redis(client, redis_cache):
    """The session, then the user with what the page needs of them (qualifications, saved
    jobs) in one MGET; the page's own parts come from this process's copy."""
    assert warm_page_commands(client, hint=False) == {"get": 1, "mget": 1}


@pytest.mark.django_db
def test_with_the_sign_in_hint_a_warm_signed_in_page_makes_one_round_trip(client, redis_cache):
    """A browser that signed in here holds the hint of who it is: the session, the user and
    what the page needs of them are read in one MGET (accounts.readahead)."""
    assert warm_page_commands(client, hint=True) == {"mget": 1}
