"""Resumes: uploaded by content, stored privately, downloaded only by those allowed."""

import re

import pytest
from django.core.files.storage import storages

from applicants.models import Application, Profile, Resume, ResumeFile
from applicants.services import add_resume, delete_resume
from applicants.vocab import ScanStatus
from tests.access import AccessWorld, Visitor
from tests.applicants.files import pdf_upload, png_named_pdf
from tests.factories import JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored_names() -> list[str]:
    storage = storages["private"]
    names = []

    def walk(folder):
        dirs, files = storage.listdir(folder)
        names.extend(f"{folder}/{f}".lstrip("/") for f in files)
        for d in dirs:
            walk(f"{folder}/{d}".lstrip("/"))

    if storage.exists(""):
        walk("")
    return names


def profile_of(user=None) -> Profile:
    return Profile.objects.create(user=user or UserFactory())


def test_an_uploaded_pdf_is_kept_privately_under_a_random_name(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/me/resumes/", {"file": pdf_upload("Ana Reyes resume.pdf")})

    assert response.status_code == 302
    resume = Resume.objects.get(profile__user=user)
    assert resume.is_default
    assert resume.file.original_name == "Ana Reyes resume.pdf"
    assert resume.file.kind == "pdf"
    assert resume.file.pages == 1
    assert resume.file.scan_status == ScanStatus.UNSCANNED  # no scanner configured here
    [name] = stored_names()
    assert re.fullmatch(r"resumes/\d{4}/\d{2}/[A-Za-z0-9_-]{24}\.pdf", name)  # random
    assert name.endswith(".pdf")
    assert "/media/" not in client.get("/me/resumes/").content.decode()


def test_a_refused_upload_says_what_is_accepted_and_stores_nothing(client):
    client.force_login(UserFactory())

    response = client.post("/me/resumes/", {"file": png_named_pdf()})

    assert response.status_code == 200
    html = response.content.decode()
    assert "PDF or a Word document (.docx)" in html
    assert 'aria-invalid="true"' in html
    assert not ResumeFile.objects.exists()
    assert not Resume.objects.exists()
    assert stored_names() == []


def test_the_owner_downloads_an_attachment_that_is_never_cached(client):
    profile = profile_of()
    resume = add_resume(profile=profile, upload=pdf_upload())
    client.force_login(profile.user)

    response = client.get(resume.file.get_download_url())

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Ana Reyes resume.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_download_access_from_every_account(client, access_world: AccessWorld):
    """The owner, the applied-to employer's recruiter and superusers get the file; every
    other account (and anonymous visitors) gets 404, as for a file that does not exist."""
    world = access_world
    owner = profile_of()
    resume = add_resume(profile=owner, upload=pdf_upload())
    Application.objects.create(
        user=owner.user, posting=world.posting, resume_file=resume.file, name="A", email="a@x.org"
    )
    url = resume.file.get_download_url()
    expected = {
        "owner": 200,
        Visitor.ANONYMOUS: 404,
        Visitor.APPLICANT: 404,
        Visitor.RECRUITER_OF_EMPLOYER: 200,
        Visitor.RECRUITER_OF_OTHER_EMPLOYER: 404,
        Visitor.SUPERUSER: 200,
    }
    users = {"owner": owner.user, **world.users}

    seen = {}
    for who, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[who] = client.get(url).status_code

    assert seen == expected


@pytest.mark.parametrize("status", [ScanStatus.PENDING, ScanStatus.INFECTED])
def test_recruiters_never_receive_a_pending_or_infected_file(client, access_world, status):
    applicant = profile_of()
    resume = add_resume(profile=applicant, upload=pdf_upload())
    Application.objects.create(
        user=applicant.user,
        posting=access_world.posting,
        resume_file=resume.file,
        name="A",
        email="a@x.org",
    )
    ResumeFile.objects.filter(pk=resume.file.pk).update(scan_status=status)
    for visitor in (Visitor.RECRUITER_OF_EMPLOYER, Visitor.SUPERUSER):
        client.force_login(access_world.users[visitor])
        assert client.get(resume.file.get_download_url()).status_code == 404


def test_deleting_an_unused_resume_deletes_its_file_and_promotes_another(
    client, django_capture_on_commit_callbacks
):
    profile = profile_of()
    first = add_resume(profile=profile, upload=pdf_upload("one.pdf"))
    second = add_resume(profile=profile, upload=pdf_upload("two.pdf"))
    client.force_login(profile.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/me/resumes/{first.file.token}/delete/")

    assert list(Resume.objects.values_list("pk", flat=True)) == [second.pk]
    assert Resume.objects.get().is_default
    assert not ResumeFile.objects.filter(pk=first.file.pk).exists()
    assert len(stored_names()) == 1


def test_an_application_keeps_the_file_it_was_sent_with(django_capture_on_commit_callbacks):
    profile = profile_of()
    resume = add_resume(profile=profile, upload=pdf_upload())
    application = Application.objects.create(
        user=profile.user,
        posting=JobPostingFactory(),
        resume_file=resume.file,
        name="A",
        email="a@x.org",
    )

    with django_capture_on_commit_callbacks(execute=True):
        delete_resume(resume=resume)

    application.refresh_from_db()
    assert not Resume.objects.exists()
    assert application.resume_file is not None
    assert application.resume_file.file.storage.exists(application.resume_file.file.name)


def test_another_applicants_resume_cannot_be_deleted_or_made_default(client):
    victim = add_resume(profile=profile_of(), upload=pdf_upload())
    client.force_login(UserFactory())

    assert client.post(f"/me/resumes/{victim.file.token}/delete/").status_code == 404
    assert client.post(f"/me/resumes/{victim.file.token}/default/").status_code == 404
    assert Resume.objects.filter(pk=victim.pk).exists()


def test_the_default_can_be_changed(client):
    profile = profile_of()
    first = add_resume(profile=profile, upload=pdf_upload("one.pdf"))
    second = add_resume(profile=profile, upload=pdf_upload("two.pdf"))
    client.force_login(profile.user)

    client.post(f"/me/resumes/{second.file.token}/default/")

    assert Resume.objects.get(is_default=True).pk == second.pk
    assert not Resume.objects.get(pk=first.pk).is_default
