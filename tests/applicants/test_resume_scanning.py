"""Uploaded resumes through the real clamd and the task worker: pending until scanned,
clean ones delivered, infected ones deleted with their owner told."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from pypdf import PdfWriter

from applicants.models import Application, Profile, Resume, ResumeFile
from applicants.services import add_resume
from applicants.vocab import ScanStatus
from tests.access import Visitor
from tests.applicants.conftest import EICAR
from tests.applicants.files import pdf_upload
from tests.factories import UserFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def infected_pdf() -> SimpleUploadedFile:
    """A PDF that opens (so it passes the content check) and carries the EICAR test text."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_attachment("notes.txt", EICAR)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("innocent.pdf", buffer.getvalue(), content_type="application/pdf")


def applied_with(resume: Resume, posting) -> Application:
    return Application.objects.create(
        user=resume.profile.user,
        posting=posting,
        resume_file=resume.file,
        name="Ana",
        email="ana@example.org",
    )


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_clean_resume_is_pending_until_scanned_then_reaches_the_recruiter(
    clamd, client, access_world, django_capture_on_commit_callbacks
):
    profile = Profile.objects.create(user=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        resume = add_resume(profile=profile, upload=pdf_upload())
    applied_with(resume, access_world.posting)
    client.force_login(access_world.users[Visitor.RECRUITER_OF_EMPLOYER])
    url = resume.file.get_download_url()
    assert resume.file.scan_status == ScanStatus.PENDING
    assert client.get(url).status_code == 404

    run_worker()

    assert ResumeFile.objects.get().scan_status == ScanStatus.CLEAN
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_an_infected_upload_is_deleted_and_its_owner_told(
    clamd, client, access_world, django_capture_on_commit_callbacks
):
    profile = Profile.objects.create(user=UserFactory(email="ana@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        resume = add_resume(profile=profile, upload=infected_pdf())
    application = applied_with(resume, access_world.posting)
    storage, name = resume.file.file.storage, resume.file.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    run_worker()  # the email the scan queued

    stored = ResumeFile.objects.get()
    assert stored.scan_status == ScanStatus.INFECTED
    assert "EICAR" in stored.scan_signature
    assert not storage.exists(name)
    assert not Resume.objects.exists()
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "innocent.pdf" in message.body
    for visitor in (Visitor.RECRUITER_OF_EMPLOYER, Visitor.SUPERUSER):
        client.force_login(access_world.users[visitor])
        assert client.get(stored.get_download_url()).status_code == 404
    client.force_login(profile.user)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "removed: a virus was found" in page


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_scanner_that_is_down_leaves_the_file_pending_and_tries_again(
    settings, django_capture_on_commit_callbacks
):
    settings.CLAMAV_URL = "unix:///nonexistent/clamd.sock"
    profile = Profile.objects.create(user=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        add_resume(profile=profile, upload=pdf_upload())

    run_worker()

    stored = ResumeFile.objects.get()
    assert stored.scan_status == ScanStatus.PENDING
    assert stored.scan_attempts == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [stored.pk, 2]  # the second attempt, later
