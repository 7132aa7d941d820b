"""When a posting is open, what its JSON-LD says about it, and which stored links are drawn."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from listings.models import JobPosting
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def json_ld(client, posting) -> dict:
    text = client.get(posting.get_absolute_url()).text
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)[1]
    )


def test_a_posting_closes_at_the_end_of_its_apply_by_day(client):
    today = timezone.localdate()
    passed = JobPostingFactory(apply_by=today - datetime.timedelta(days=1), title="Passed")
    last_day = JobPostingFactory(apply_by=today, title="Last day")
    assert set(JobPosting.objects.open()) == {last_day}
    assert not passed.is_open()
    listing = client.get("/jobs/").text
    assert "Last day" in listing
    assert "Passed" not in listing
    assert client.get(passed.get_absolute_url()).status_code == 410


def test_valid_through_is_the_earlier_of_expiry_and_apply_by(client):
    apply_by = timezone.localdate() + datetime.timedelta(days=10)
    posting = JobPostingFactory(apply_by=apply_by)
    end_of_day = timezone.make_aware(
        datetime.datetime.combine(apply_by + datetime.timedelta(days=1), datetime.time())
    )
    assert json_ld(client, posting)["validThrough"] == end_of_day.isoformat()
    later = JobPostingFactory(
        apply_by=timezone.localdate() + datetime.timedelta(days=300),
        expires_at=timezone.now() + datetime.timedelta(days=20),  # before confirmation lapses
    )
    assert json_ld(client, later)["validThrough"] == later.expires_at.isoformat()


def test_fully_remote_roles_are_marked_telecommute_within_their_state(client):
    remote = JobPostingFactory(telehealth="full", state="TX")
    data = json_ld(client, remote)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "State", "name": "Texas"}
    assert "jobLocationType" not in json_ld(client, JobPostingFactory(telehealth="hybrid"))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x",
     "//evil.example/x", "/relative/path"],
)  # fmt: skip
def test_only_web_links_from_stored_data_are_drawn(client, url):
    employer = EmployerFactory(website=url)
    posting = JobPostingFactory(employer=employer, how_to_apply="external", apply_url=url)
    # Saved around the admin's validation, as a shell or a bulk import could.
    JobPosting.objects.filter(pk=posting.pk).update(apply_url=url)
    for page in (posting.get_absolute_url(), employer.get_absolute_url()):
        hrefs = re.findall(r'href="([^"]*)"', client.get(page).text)
        assert url.strip() not in [h.replace("&amp;", "&") for h in hrefs]
        assert not [h for h in hrefs if h.lower().startswith(("javascript", "data:"))]
    assert "sameAs" not in json_ld(client, posting)
    assert "Contact " + employer.name in client.get(posting.get_absolute_url()).text


def test_the_employer_page_pages_its_open_roles(client):
    employer = EmployerFactory()
    for i in range(25):
        JobPostingFactory(employer=employer, title=f"Role {i:02d}")
    first = client.get(employer.get_absolute_url())
    assert first.text.count('class="card posting-card"') == 20
    assert '<span class="section__count">(25)</span>' in first.text
    second = client.get(employer.get_absolute_url() + "?page=2")
    assert second.text.count('class="card posting-card"') == 5


@pytest.mark.parametrize(
    "path", ["/", "/guides/", "/guides/certified-occupational-therapy-assistant/"]
)
def test_the_other_public_pages_read_little_from_the_database(
    client, path, django_assert_max_num_queries
):
    for _ in range(3):
        JobPostingFactory(role="cota")
    client.get("/jobs/")  # this process builds its index
    with django_assert_max_num_queries(3):
        assert client.get(path).status_code == 200


def test_an_employer_page_reads_little_from_the_database(client, django_assert_max_num_queries):
    posting = JobPostingFactory()
    client.get("/jobs/")
    with django_assert_max_num_queries(4):
        assert client.get(posting.employer.get_absolute_url()).status_code == 200
