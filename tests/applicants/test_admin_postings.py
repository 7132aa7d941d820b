"""The postings changelist shows each posting's applications by status, counted from the
applications of the page's postings only, at a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.admin_postings import RecruitingPostingAdmin
from applicants.models import Application, Profile
from applicants.vocab import ApplicationStatus
from listings.models import JobPosting
from tests.factories import JobPostingFactory, RecruiterFactory, UserFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus
CHANGELIST = "/admin/listings/jobposting/"


def apply(posting, *statuses: str) -> list[Application]:
    """One application in each of `statuses`, each from a new applicant."""
    applications = []
    for status in statuses:
        user = UserFactory(full_name="Ana Reyes")
        Profile.objects.create(user=user)
        applications.append(
            Application.objects.create(
                user=user, posting=posting, status=status, name="Ana Reyes", email=user.email
            )
        )
    return applications


def row_of(page: str, posting: JobPosting) -> str:
    """The changelist row of `posting` (from its change link to the end of the row)."""
    change = f"/admin/listings/jobposting/{posting.pk}/change/"
    start = page.index(change)
    return page[start : page.index("</tr>", start)]


def texts(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_the_postings_admin_is_the_applicants_sides_subclass():
    from django.contrib import admin

    assert type(admin.site.get_model_admin(JobPosting)) is RecruitingPostingAdmin


def test_each_row_counts_its_applications_by_status_in_pipeline_order(client):
    posting = JobPostingFactory()
    quiet = JobPostingFactory(employer=posting.employer)
    apply(posting, S.SUBMITTED, S.INTERVIEW, S.SUBMITTED, S.REVIEWING, S.SUBMITTED, S.REVIEWING)
    client.force_login(RecruiterFactory(employers=[posting.employer]))

    page = client.get(CHANGELIST).content.decode()

    assert "3 new · 2 reviewing · 1 interview (all)" in texts(row_of(page, posting))
    assert "new" not in texts(row_of(page, quiet))
    assert "Find" in texts(row_of(page, quiet))
    assert 'aria-label="Find candidates for' in row_of(page, quiet)


def test_each_count_links_to_that_postings_applications_in_that_status(client):
    posting = JobPostingFactory()
    other = JobPostingFactory(employer=posting.employer)
    interviewing, *_ = apply(posting, S.INTERVIEW, S.SUBMITTED)
    apply(other, S.INTERVIEW)
    client.force_login(RecruiterFactory(employers=[posting.employer]))
    row = row_of(client.get(CHANGELIST).content.decode(), posting)

    link = re.search(r'<a href="([^"]+)">1 interview</a>', row)
    listing = client.get(link[1].replace("&amp;", "&")).content.decode()

    assert link[1].startswith("/admin/applicants/application/?")
    assert f"/admin/applicants/application/{interviewing.pk}/change/" in listing
    assert listing.count("/change/") == 1  # the other posting's interview is not there


def test_a_recruiter_sees_only_their_employers_postings_and_counts(client):
    mine, theirs = JobPostingFactory(), JobPostingFactory()
    apply(mine, S.OFFER)
    apply(theirs, S.HIRED, S.HIRED)
    client.force_login(RecruiterFactory(employers=[mine.employer]))

    page = client.get(CHANGELIST).content.decode()

    assert "1 offer" in texts(row_of(page, mine))
    assert f"/admin/listings/jobposting/{theirs.pk}/change/" not in page
    assert "2 hired" not in texts(page)


def changelist_queries_of(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), [query["sql"] for query in queries.captured_queries]


def changelist_queries(client) -> tuple[int, list[str]]:
    return changelist_queries_of(client, CHANGELIST)


def test_the_changelist_costs_the_same_queries_however_many_postings_and_applications(client):
    posting = JobPostingFactory()
    recruiter = RecruiterFactory(employers=[posting.employer])
    apply(posting, S.SUBMITTED)
    client.force_login(recruiter)
    client.get(CHANGELIST)  # sessions, permissions and content types read once
    few, _ = changelist_queries(client)

    for _ in range(12):
        apply(JobPostingFactory(employer=posting.employer), *S.values)
    many, sql = changelist_queries(client)

    assert many == few
    # The counts are read for the page's postings only, never grouped over every posting.
    counting = [q for q in sql if "applicants_application" in q and "GROUP BY" in q]
    assert len(counting) == 1
    assert re.search(r'"posting_id" IN \(', counting[0])
    # The employers the recruiter manages (filter choices, the employer column): read once.
    employers = [q for q in sql if re.match(r'SELECT [^(]*? FROM "listings_employer"', q)]
    assert len(employers) == 1


def test_an_empty_page_reads_no_applications(client):
    client.force_login(RecruiterFactory(employers=[JobPostingFactory(draft=True).employer]))
    client.get(f"{CHANGELIST}?status__exact=closed")

    _, sql = changelist_queries_of(client, f"{CHANGELIST}?status__exact=closed")

    assert not [q for q in sql if "applicants_application" in q]


def test_find_candidates_on_the_posting_page(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))

    page = client.get(reverse("admin:listings_jobposting_change", args=[posting.pk]))

    assert page.status_code == 200
    assert f'href="/admin/listings/jobposting/{posting.pk}/candidates/"' in page.content.decode()


def test_an_action_posted_from_the_dashboard_goes_back_to_the_dashboard(client):
    posting = JobPostingFactory(last_confirmed_open=None)
    client.force_login(RecruiterFactory(employers=[posting.employer]))
    action = {
        "action": "confirm_open_selected",
        "index": "0",
        "select_across": "0",
        "_selected_action": [posting.pk],
    }

    from_dashboard = client.post(CHANGELIST, {**action, "_from_dashboard": "1"})
    from_changelist = client.post(CHANGELIST, action)

    assert from_dashboard.status_code == from_changelist.status_code == 302
    assert from_dashboard["Location"] == "/admin/"
    assert from_changelist["Location"] == CHANGELIST
    posting.refresh_from_db()
    assert posting.last_confirmed_open is not None
