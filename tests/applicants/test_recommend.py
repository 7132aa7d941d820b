"""Recommended for you: jobs the applicant qualifies for first, then by preferences."""

import pytest

from applicants.models import Profile
from applicants.recommend import recommend
from listings import vocab
from tests.factories import JobPostingFactory, UserFactory, licensed_profile

pytestmark = pytest.mark.django_db


def texas_ot(**preferences) -> Profile:
    return licensed_profile(state="TX", **preferences)


def test_jobs_they_qualify_for_come_first_then_preferences():
    california = JobPostingFactory(state="CA", zip_code="94103", city="San Francisco")
    clinic = JobPostingFactory(setting=vocab.Setting.OUTPATIENT_CLINIC)
    school = JobPostingFactory(setting=vocab.Setting.SCHOOL, role=vocab.Role.SCHOOL_OT)
    profile = texas_ot(practice_settings=[vocab.Setting.SCHOOL])

    ranked = recommend(profile)

    order = [r.posting.pk for r in ranked]
    assert order.index(school.pk) < order.index(clinic.pk) < order.index(california.pk)
    top = ranked[0]
    assert top.qualifies
    assert "your setting" in top.matches
    assert not ranked[-1].qualifies


def test_preferences_nothing_matches_are_relaxed_rather_than_showing_nothing():
    JobPostingFactory(state="TX")
    profile = texas_ot(states=["WA"], roles=[vocab.Role.COTA])

    ranked = recommend(profile)

    assert len(ranked) == 1
    assert "your states" in ranked[0].misses


def test_the_page_lists_recommendations_for_the_signed_in_applicant(client):
    posting = JobPostingFactory(title="Sensory clinic OT")
    profile = texas_ot()
    client.force_login(profile.user)

    html = client.get("/me/recommended/").content.decode()

    assert "Sensory clinic OT" in html
    assert "You meet every requirement" in html
    assert posting.get_absolute_url() in html


def test_without_a_profile_the_page_asks_for_credentials(client):
    client.force_login(UserFactory())

    html = client.get("/me/recommended/").content.decode()

    assert 'href="/me/credentials/"' in html
