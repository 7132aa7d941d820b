import pytest
from django.core.cache import cache
from django.db import connection

from listings.caching import forget_recent
from listings.search import reset_catalogue
from listings.views import forget_memos
from tests.access import AccessWorld, build_access_world
from tests.factories import EmployerFactory, JobPostingFactory, SuperuserFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_catalogue(settings):
    """Every test sees its own writes at once and renders every page: no throttled version
    check, no page cache (tests/listings/test_caching.py turns it on)."""
    settings.SEARCH_VERSION_CHECK_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    reset_catalogue()
    cache.clear()
    forget_recent()
    forget_memos()
    yield
    reset_catalogue()
    cache.clear()
    forget_recent()
    forget_memos()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests sign many users in; the production hasher takes most of a second each time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def catalogue_changes_at_once(request):
    """On PostgreSQL the catalogue-change triggers run at commit (migration 0008), which a
    test inside a transaction that is rolled back never reaches: run them with each
    statement instead. Tests that commit (transactional ones) keep the real timing."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if transactional or not (marker or "db" in request.fixturenames):
        return
    request.getfixturevalue("db")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS listings_posting_changed, listings_employer_changed IMMEDIATE"
            )


@pytest.fixture(autouse=True)
def files_in_tmp_path(settings, tmp_path):
    """Files a test saves (logos, resumes) land in its own temporary folder, never in var/.

    The private storage's location is read from PRIVATE_MEDIA_ROOT once, when the settings
    module is imported, so STORAGES itself is overridden (which also resets the storages
    Django has already built).
    """
    media, private = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = media
    settings.PRIVATE_MEDIA_ROOT = private
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": media}},
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {**settings.STORAGES["private"]["OPTIONS"], "location": private},
        },
    }


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def posting(db):
    return JobPostingFactory()


@pytest.fixture
def user(db):
    """A signed-up job seeker with no employer."""
    return UserFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def access_world(db) -> AccessWorld:
    """Two employers, their postings, and a user for every visitor of an access matrix."""
    return build_access_world()
