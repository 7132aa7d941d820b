"""A draft's preview: the posting page as seekers will see it, for that employer's
recruiters and site staff only, never cached or indexed."""

import pytest

from listings import vocab
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.factories import JobPostingFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

PREVIEW_ACCESS = access_matrix(
    {
        "GET /jobs/preview/{posting}/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 404,
            Visitor.SUPERUSER: 200,
        },
        "GET /jobs/preview/{other_posting}/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 404,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
    }
)


@pytest.mark.parametrize("cell", PREVIEW_ACCESS)
def test_only_the_employers_recruiters_and_staff_preview(client, access_world, cell):
    assert_access(client, access_world, cell)


def test_a_draft_previews_as_its_page_will_look_and_is_never_stored(client):
    draft = JobPostingFactory(
        status=vocab.PostingStatus.DRAFT,
        published_at=None,
        expires_at=None,
        title="School-based OT, K-5 (draft)",
        description="**Caseload** of 38 across two schools.",
    )
    client.force_login(RecruiterFactory(employers=[draft.employer]))

    response = client.get(f"/jobs/preview/{draft.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "School-based OT, K-5 (draft)" in html
    assert "<strong>Caseload</strong>" in html  # the Markdown, rendered as on the page
    assert "job seekers can't see this posting (draft)" in html
    assert "Not yet published" in html
    assert "once the posting is published" in html
    assert f"/jobs/{draft.slug}/apply/" not in html
    assert "()" not in html  # no empty date
    assert f'href="/admin/listings/jobposting/{draft.pk}/change/"' in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(draft.get_absolute_url()).status_code == 404  # still not public


def test_the_preview_of_an_open_posting_links_to_its_public_page(client):
    posting = JobPostingFactory()
    client.force_login(RecruiterFactory(employers=[posting.employer]))

    html = client.get(f"/jobs/preview/{posting.pk}/").content.decode()

    assert f'this posting is public at <a href="{posting.get_absolute_url()}">' in html


def test_the_admin_views_a_draft_on_site_through_its_preview(client):
    draft = JobPostingFactory(status=vocab.PostingStatus.DRAFT, published_at=None, expires_at=None)
    posting = JobPostingFactory(employer=draft.employer)
    client.force_login(RecruiterFactory(employers=[draft.employer]))

    draft_page = client.get(f"/admin/listings/jobposting/{draft.pk}/change/").content.decode()
    open_page = client.get(f"/admin/listings/jobposting/{posting.pk}/change/").content.decode()

    assert f'href="/jobs/preview/{draft.pk}/"' in draft_page
    assert f'href="{posting.get_absolute_url()}"' in open_page


def test_a_new_posting_starts_at_the_recruiters_only_employer(client):
    recruiter = RecruiterFactory(employers=[JobPostingFactory().employer])
    client.force_login(recruiter)

    html = client.get("/admin/listings/jobposting/add/").content.decode()

    employer = recruiter.memberships.get().employer
    assert f'<option value="{employer.pk}" selected>' in html
