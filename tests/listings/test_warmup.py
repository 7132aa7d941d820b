import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from listings.search.catalogue import search_stats
from listings.warmup import warm_up
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_connection_kept():
    """As Django's test client does: a request must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_worker_warms_up_by_serving_itself_a_listing_page(test_connection_kept):
    JobPostingFactory()
    builds = search_stats()["full_builds"]
    warm_up(get_wsgi_application())  # raises unless the page answered 200
    assert search_stats()["full_builds"] == builds + 1
