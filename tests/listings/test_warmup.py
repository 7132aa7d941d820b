import pytest
from django.core.wsgi import get_wsgi_application

from listings.search.catalogue import search_stats
from listings.warmup import warm_up
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def test_a_worker_warms_up_by_serving_itself_a_listing_page():
    JobPostingFactory()
    builds = search_stats()["full_builds"]
    warm_up(get_wsgi_application())  # raises unless the page answered 200
    assert search_stats()["full_builds"] == builds + 1
