"""Applicants' data in the admin goes through the access policy."""

import pytest

from applicants.models import Application, Profile
from applicants.services import add_resume
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.applicants.files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(access_world):
    """One application to each employer's posting, from an applicant with a resume."""
    profile = Profile.objects.create(user=access_world.users[Visitor.APPLICANT])
    resume = add_resume(profile=profile, upload=pdf_upload())
    for posting in (access_world.posting, access_world.other_posting):
        Application.objects.create(
            user=profile.user, posting=posting, resume_file=resume.file, name="Ana", email="a@x.org"
        )
    return access_world


APPLICATION_ADMIN = access_matrix(
    {
        "GET /admin/applicants/application/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,  # their employers' applications only
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/applicants/profile/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
    }
)


@pytest.mark.parametrize("cell", APPLICATION_ADMIN)
def test_applicant_admin_access(client, applications, cell):
    assert_access(client, applications, cell)


def test_a_superuser_sees_every_application_with_its_resume_link(client, applications):
    client.force_login(applications.users[Visitor.SUPERUSER])
    application = Application.objects.first()

    page = client.get(f"/admin/applicants/application/{application.pk}/change/")

    assert page.status_code == 200
    assert application.resume_file.get_download_url() in page.content.decode()


def test_recruiters_see_only_their_employers_applications(client, applications):
    client.force_login(applications.users[Visitor.RECRUITER_OF_EMPLOYER])
    mine = Application.objects.get(posting=applications.posting)
    theirs = Application.objects.get(posting=applications.other_posting)

    listing = client.get("/admin/applicants/application/").content.decode()

    assert f"/admin/applicants/application/{mine.pk}/change/" in listing
    assert f"/admin/applicants/application/{theirs.pk}/change/" not in listing
    assert client.get(f"/admin/applicants/application/{theirs.pk}/change/").status_code == 403
