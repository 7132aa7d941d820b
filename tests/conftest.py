import pytest
from django.core.cache import cache

from listings.search import reset_catalogue
from tests.factories import EmployerFactory, JobPostingFactory


@pytest.fixture(autouse=True)
def fresh_catalogue(settings):
    """Every test sees its own writes at once and renders every page: no throttled version
    check, no page cache (tests/listings/test_caching.py turns it on)."""
    settings.SEARCH_VERSION_CHECK_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    reset_catalogue()
    cache.clear()
    yield
    reset_catalogue()
    cache.clear()


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def posting(db):
    return JobPostingFactory()
