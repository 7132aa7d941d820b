"""A fresh worker renders the recruiters' changelists to itself before its first request."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session

from applicants.warmup import warm_up_admin
from tests.applicants.test_pipeline import application_to
from tests.factories import JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_warm_up_renders_both_changelists_and_writes_nothing(
    django_assert_max_num_queries,
):
    application_to(JobPostingFactory())
    users = UserFactory._meta.model.objects.count()

    with django_assert_max_num_queries(12):
        warm_up_admin()

    assert UserFactory._meta.model.objects.count() == users  # its staff user is never saved
    assert not LogEntry.objects.exists()
    assert not Session.objects.exists()
