"""Applying on site: one application per posting, atomic, emails through the task queue."""

import json
import re

import pytest
from django.core import mail

from accounts.models import OutgoingEmail
from applicants import services
from applicants.models import Application, ApplicationEvent, Profile, Resume, ResumeFile
from applicants.services import add_resume
from applicants.vocab import ApplicationStatus
from listings import vocab
from tests.applicants.files import pdf_upload, png_named_pdf
from tests.applicants.test_resumes import stored_names
from tests.factories import JobPostingFactory, MembershipFactory, UserFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def applicant(**profile_fields) -> Profile:
    user = UserFactory(full_name="Ana Reyes")
    return Profile.objects.create(user=user, phone="512-555-0100", **profile_fields)


def apply_to(posting, profile, resume=None):
    return services.submit_application(
        posting=posting,
        profile=profile,
        resume=resume,
        upload=None,
        name="Ana",
        email="a@example.org",
        phone="",
        cover_letter="",
    )


def apply_url(posting) -> str:
    return f"/jobs/{posting.slug}/apply/"


def test_applying_needs_an_account(client):
    posting = JobPostingFactory()

    response = client.get(apply_url(posting))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={apply_url(posting)}"


def test_the_form_is_prefilled_from_the_profile_with_the_default_resume_chosen(client):
    profile = applicant()
    resume = add_resume(profile=profile, upload=pdf_upload("cv.pdf"))
    client.force_login(profile.user)

    html = client.get(apply_url(JobPostingFactory())).content.decode()

    assert 'value="Ana Reyes"' in html
    assert f'value="{profile.user.email}"' in html
    assert 'value="512-555-0100"' in html
    assert re.search(rf'value="{resume.file.token}"[^>]*checked', html)


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_an_application_is_sent_recorded_and_both_sides_are_emailed(
    client, django_capture_on_commit_callbacks
):
    profile = applicant()
    resume = add_resume(profile=profile, upload=pdf_upload("cv.pdf"))
    posting = JobPostingFactory()
    recruiter = MembershipFactory(employer=posting.employer).user
    client.force_login(profile.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            apply_url(posting),
            {
                "name": "Ana Reyes",
                "email": "ana@example.org",
                "phone": "",
                "resume": resume.file.token,
                "cover_letter": "I love sensory work.",
            },
        )

    application = Application.objects.get()
    assert response["Location"] == f"/me/applications/{application.reference}/sent/"
    assert application.resume_file == resume.file
    assert application.cover_letter == "I love sensory work."
    assert list(application.events.values_list("status", flat=True)) == ["submitted"]
    assert mail.outbox == []  # the worker sends, not the request
    run_worker()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["ana@example.org", recruiter.email])
    run_worker()
    assert len(mail.outbox) == 2  # never twice
    assert "Application sent" in client.get(response["Location"]).content.decode()


def test_applying_with_a_new_upload_adds_it_to_the_resumes(client):
    profile = applicant()
    client.force_login(profile.user)

    client.post(
        apply_url(JobPostingFactory()),
        {"name": "Ana", "email": "a@example.org", "resume": "new", "file": pdf_upload("new.pdf")},
    )

    application = Application.objects.get()
    assert Resume.objects.get(profile=profile).file == application.resume_file
    assert application.resume_file.original_name == "new.pdf"


def test_a_refused_upload_keeps_what_was_typed_and_writes_nothing(client):
    profile = applicant()
    client.force_login(profile.user)

    response = client.post(
        apply_url(JobPostingFactory()),
        {
            "name": "Ana",
            "email": "a@example.org",
            "resume": "new",
            "file": png_named_pdf(),
            "cover_letter": "Dear team",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "PDF or a Word document (.docx)" in html
    assert "Dear team" in html
    assert not Application.objects.exists()
    assert not ResumeFile.objects.exists()
    assert stored_names() == []


def test_a_failure_midway_leaves_no_application_and_no_file(client, monkeypatch):
    profile = applicant()
    client.force_login(profile.user)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ApplicationEvent.objects, "create", broken)
    with pytest.raises(RuntimeError):
        client.post(
            apply_url(JobPostingFactory()),
            {"name": "Ana", "email": "a@example.org", "resume": "new", "file": pdf_upload()},
        )

    assert not Application.objects.exists()
    assert not ResumeFile.objects.exists()
    assert not Resume.objects.exists()
    assert stored_names() == []
    assert not OutgoingEmail.objects.exists()


def test_a_second_application_to_the_same_job_shows_the_first(client):
    profile = applicant()
    resume = add_resume(profile=profile, upload=pdf_upload())
    posting = JobPostingFactory()
    first = apply_to(posting, profile, resume=resume)
    client.force_login(profile.user)

    assert client.get(apply_url(posting))["Location"] == first.get_absolute_url()
    response = client.post(
        apply_url(posting), {"name": "Ana", "email": "a@example.org", "resume": resume.file.token}
    )
    assert response["Location"] == first.get_absolute_url()
    assert Application.objects.count() == 1


def test_the_database_refuses_a_second_application_whatever_the_code_does():
    from django.db import IntegrityError, transaction

    profile = applicant()
    posting = JobPostingFactory()
    Application.objects.create(user=profile.user, posting=posting, name="A", email="a@x.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(user=profile.user, posting=posting, name="A", email="a@x.org")


@pytest.mark.parametrize(
    "posting_kwargs",
    [
        {"closed": True},
        {"how_to_apply": vocab.HowToApply.EXTERNAL, "apply_url": "https://example.org/jobs"},
    ],
)
def test_closed_or_external_postings_take_no_application(client, posting_kwargs):
    profile = applicant()
    posting = JobPostingFactory(**posting_kwargs)
    client.force_login(profile.user)

    response = client.post(apply_url(posting), {"name": "Ana", "email": "a@example.org"})

    assert response.status_code in (302, 404)
    assert not Application.objects.exists()


def test_a_job_that_closed_while_the_form_was_open_says_so(client):
    profile = applicant()
    resume = add_resume(profile=profile, upload=pdf_upload())
    posting = JobPostingFactory()
    posting.close()

    with pytest.raises(services.ApplicationRefused, match="no longer open"):
        apply_to(posting, profile, resume=resume)


def test_my_applications_show_status_and_history_and_can_be_withdrawn(client):
    profile = applicant()
    posting = JobPostingFactory(title="School OT at Lakeview")
    application = apply_to(posting, profile)
    ApplicationEvent.objects.create(
        application=application, status="reviewing", note="INTERNAL: strong candidate"
    )
    client.force_login(profile.user)

    listing = client.get("/me/applications/").content.decode()
    assert "School OT at Lakeview" in listing
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Being reviewed" in page
    assert "INTERNAL" not in page  # recruiters' notes never reach the applicant

    client.post(f"/me/applications/{application.reference}/withdraw/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    client.post(f"/me/applications/{application.reference}/withdraw/")
    assert application.events.filter(status="withdrawn").count() == 1


def test_another_persons_application_is_not_found(client):
    application = apply_to(JobPostingFactory(), applicant())
    client.force_login(UserFactory())

    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.post(f"/me/applications/{application.reference}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_json_ld_says_direct_apply_for_postings_that_take_applications_here(client):
    on_site = JobPostingFactory()
    external = JobPostingFactory(
        how_to_apply=vocab.HowToApply.EXTERNAL, apply_url="https://example.org/jobs/1"
    )

    def json_ld(posting):
        html = client.get(posting.get_absolute_url()).content.decode()
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return json.loads(raw.group(1))

    assert json_ld(on_site)["directApply"] is True
    assert json_ld(external)["directApply"] is False
    assert f'href="{apply_url(on_site)}"' in client.get(on_site.get_absolute_url()).content.decode()
