"""gunicorn.conf.py: what a new worker does before it takes traffic."""

import gc
import logging
import runpy
from pathlib import Path

import pytest
from django.core.wsgi import get_wsgi_application

from tests.applicants.test_pipeline import application_to
from tests.factories import JobPostingFactory
from tests.listings.test_warmup import test_connection_kept  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


class Worker:
    def __init__(self):
        self.wsgi = get_wsgi_application()
        self.log = logging.getLogger("gunicorn.error")


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_warms_up_then_freezes_what_it_holds(test_connection_kept, unfrozen):  # noqa: F811
    application_to(JobPostingFactory())
    post_worker_init = runpy.run_path(str(CONF))["post_worker_init"]

    post_worker_init(Worker())

    assert gc.get_freeze_count() > 10_000  # modules, templates, the index: out of full passes
