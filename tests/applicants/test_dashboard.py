"""The admin index shows a recruiter their open postings with applications by status, the
postings about to expire and those that need a "still open?" confirmation: a few rows
each, at a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applicants.dashboard import recruiter_dashboard
from applicants.models import Application
from applicants.vocab import ApplicationStatus
from listings.models import JobPosting
from tests.factories import (
    EmployerFactory,
    JobPostingFactory,
    RecruiterFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus
NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def apply(posting, *statuses: str) -> None:
    for status in statuses:
        user = UserFactory()
        Application.objects.create(
            user=user, posting=posting, status=status, name="Ana", email=user.email
        )


def expiring(employer, days: float, **fields) -> JobPosting:
    return JobPostingFactory(
        employer=employer, published_at=NOW - 30 * DAY, expires_at=NOW + days * DAY, **fields
    )


def unconfirmed(employer, days: int, **fields) -> JobPosting:
    """Published 40 days ago, last confirmed open `days` ago."""
    return JobPostingFactory(
        employer=employer,
        published_at=NOW - 40 * DAY,
        expires_at=NOW + 20 * DAY,
        last_confirmed_open=timezone.localdate(NOW) - days * DAY,
        **fields,
    )


def titles(section) -> list[str]:
    return [row.posting.title for row in section.rows]


@pytest.fixture
def employer():
    return EmployerFactory()


@pytest.fixture
def recruiter(employer):
    return RecruiterFactory(employers=[employer])


# What it holds -------------------------------------------------------------------------------
def test_open_postings_latest_applied_first_with_their_applications_by_status(employer, recruiter):
    older = JobPostingFactory(employer=employer, title="Older", published_at=NOW - 5 * DAY)
    newer = JobPostingFactory(employer=employer, title="Newer", published_at=NOW - DAY)
    JobPostingFactory(employer=employer, title="Draft", draft=True)
    JobPostingFactory(employer=employer, title="Closed", closed=True)
    JobPostingFactory(title="Another employer's")
    apply(older, S.SUBMITTED, S.SUBMITTED, S.INTERVIEW, S.HIRED)

    dashboard = recruiter_dashboard(recruiter, now=NOW)

    assert titles(dashboard.open_postings) == ["Older", "Newer"]  # applied to, then newest
    rows = {row.posting: row for row in dashboard.open_postings.rows}
    assert [(c.count, c.label) for c in rows[older].counts] == [
        (2, "new"),
        (1, "interview"),
        (1, "hired"),
    ]
    assert rows[newer].counts == ()
    new = rows[older].counts[0]
    assert new.url == f"/admin/applicants/application/?posting={older.pk}&status__exact=submitted"


def test_postings_expiring_within_a_week_soonest_first(employer, recruiter):
    expiring(employer, 6, title="In six days")
    expiring(employer, 2, title="In two days")
    expiring(employer, 8, title="In eight days")
    expiring(EmployerFactory(), 1, title="Another employer's")

    dashboard = recruiter_dashboard(recruiter, now=NOW)

    assert titles(dashboard.expiring) == ["In two days", "In six days"]


def test_postings_not_confirmed_for_thirty_days_oldest_confirmation_first(employer, recruiter):
    unconfirmed(employer, 31, title="31 days")
    unconfirmed(employer, 40, title="40 days")
    unconfirmed(employer, 29, title="29 days")
    unconfirmed(EmployerFactory(), 35, title="Another employer's")

    dashboard = recruiter_dashboard(recruiter, now=NOW)

    assert titles(dashboard.needs_confirmation) == ["40 days", "31 days"]


def test_each_section_shows_a_few_rows_and_says_when_there_are_more(employer, recruiter):
    for n in range(4):
        expiring(employer, 1 + n, title=f"Expiring {n}")
    JobPostingFactory(employer=employer)

    dashboard = recruiter_dashboard(recruiter, now=NOW, rows=3)
    fewer = recruiter_dashboard(recruiter, now=NOW, rows=5)

    assert len(dashboard.open_postings.rows) == 3
    assert dashboard.open_postings.more
    assert titles(dashboard.expiring) == ["Expiring 0", "Expiring 1", "Expiring 2"]
    assert dashboard.expiring.more
    assert len(fewer.open_postings.rows) == 5
    assert not fewer.open_postings.more
    assert not fewer.expiring.more


def test_people_who_do_not_manage_postings_get_no_dashboard(employer):
    applicant = UserFactory()
    staff_without_role = UserFactory(is_staff=True)
    former = RecruiterFactory(employers=[employer], is_active=False)

    for user in (applicant, staff_without_role, former):
        assert recruiter_dashboard(user, now=NOW) is None


def test_superusers_see_the_newest_few_of_the_whole_board():
    for n in range(5):
        JobPostingFactory(title=f"Posting {n}", published_at=NOW - (n + 1) * DAY)

    dashboard = recruiter_dashboard(SuperuserFactory(), now=NOW, rows=2)

    assert titles(dashboard.open_postings) == ["Posting 0", "Posting 1"]
    assert dashboard.open_postings.more
    # Oldest confirmation first would scan every open posting: a link to the filter instead.
    assert dashboard.needs_confirmation is None
    assert dashboard.confirmation_url == "/admin/listings/jobposting/?confirmation=needed"


def test_more_links_open_the_postings_changelist_filtered_the_same_way(client, employer, recruiter):
    soon = [expiring(employer, 1 + n, title=f"Soon {n}") for n in range(3)]
    late = expiring(employer, 20, title="Later")
    old = [unconfirmed(employer, 31 + n, title=f"Old {n}") for n in range(3)]
    dashboard = recruiter_dashboard(recruiter, now=timezone.now(), rows=2)
    client.force_login(recruiter)

    expiring_page = client.get(dashboard.expiring.url).content.decode()
    confirm_page = client.get(dashboard.needs_confirmation.url).content.decode()

    assert dashboard.expiring.more
    assert dashboard.needs_confirmation.more
    for posting in soon:
        assert f"/admin/listings/jobposting/{posting.pk}/change/" in expiring_page
    for posting in (late, *old):
        assert f"/admin/listings/jobposting/{posting.pk}/change/" not in expiring_page
    for posting in old:
        assert f"/admin/listings/jobposting/{posting.pk}/change/" in confirm_page
    assert f"/admin/listings/jobposting/{late.pk}/change/" not in confirm_page


def test_the_dashboard_reads_four_queries_however_many_postings(
    employer, recruiter, django_assert_num_queries
):
    recruiter.has_perm("listings.view_jobposting")  # permissions cached, as on the index
    for n in range(12):
        posting = expiring(employer, 1 + n % 5, last_confirmed_open=timezone.localdate() - 35 * DAY)
        apply(posting, *S.values)

    with django_assert_num_queries(4):
        dashboard = recruiter_dashboard(recruiter, now=NOW)

    assert dashboard.open_postings.more
    assert dashboard.expiring.more
    assert dashboard.needs_confirmation.more


# The admin index ----------------------------------------------------------------------------
def index_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(captured)


def test_the_index_shows_the_dashboard_with_links_to_act(client, employer, recruiter):
    posting = unconfirmed(employer, 33, title="School OT, unconfirmed")
    apply(posting, S.REVIEWING)
    soon = expiring(employer, 3, title="Clinic OT, expiring")
    client.force_login(recruiter)

    page = client.get("/admin/").content.decode()

    assert 'id="recruiter-dashboard"' in page
    assert f"/admin/listings/jobposting/{posting.pk}/change/" in page
    assert f"/admin/listings/jobposting/{posting.pk}/candidates/" in page
    assert f'href="/admin/applicants/application/?posting={posting.pk}' in page
    assert "1 reviewing" in page
    assert 'id="dashboard-confirm"' in page
    assert 'id="dashboard-expiring"' in page
    assert 'value="confirm_open_selected"' in page
    assert 'value="extend_selected"' in page
    assert f'name="_selected_action" value="{soon.pk}"' in page
    assert "Recent actions" in page  # the admin's own index is still there


def test_still_open_on_the_index_confirms_and_comes_back(client, employer, recruiter):
    posting = unconfirmed(employer, 33)
    client.force_login(recruiter)

    response = client.post(
        "/admin/listings/jobposting/",
        {
            "action": "confirm_open_selected",
            "index": "0",
            "select_across": "0",
            "_selected_action": [posting.pk],
            "_from_dashboard": "1",
        },
        follow=True,
    )

    assert response.redirect_chain == [("/admin/", 302)]
    assert "1 posting(s) confirmed open today." in response.content.decode()
    assert not recruiter_dashboard(recruiter, now=timezone.now()).needs_confirmation.rows


def test_the_index_costs_the_same_queries_however_many_postings(client, employer, recruiter):
    apply(JobPostingFactory(employer=employer), S.SUBMITTED)
    client.force_login(recruiter)
    index_queries(client)
    few = index_queries(client)

    for n in range(15):
        apply(unconfirmed(employer, 31 + n), *S.values)
        expiring(employer, 1 + n % 6)
    many = index_queries(client)

    assert many == few


def test_no_dashboard_for_staff_without_postings_to_manage(client):
    client.force_login(UserFactory(is_staff=True))

    page = client.get("/admin/").content.decode()

    assert 'id="recruiter-dashboard"' not in page


def test_a_superusers_index_links_to_the_postings_to_confirm(client):
    JobPostingFactory()
    client.force_login(SuperuserFactory())

    page = client.get("/admin/").content.decode()

    assert 'id="recruiter-dashboard"' in page
    assert 'href="/admin/listings/jobposting/?confirmation=needed"' in page
