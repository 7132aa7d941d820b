"""An applicant's own data: a copy of all of it, and deleting the account."""

import datetime
import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import storages

from accounts.models import OutgoingEmail, User
from applicants.models import (
    Application,
    ApplicationEvent,
    License,
    Profile,
    Resume,
    ResumeFile,
    SavedJob,
    SavedSearch,
)
from applicants.privacy import delete_applicant_account, export_applicant_data
from applicants.services import add_resume, submit_application
from applicants.vocab import ApplicationStatus, LicenseKind, NbcotCredential, ScanStatus
from listings import vocab
from tests.applicants.files import pdf_upload
from tests.applicants.test_resumes import stored_names
from tests.factories import PASSWORD, JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTE = "INTERNAL: salary ask too high, keep warm"


@dataclass
class Applicant:
    user: User
    profile: Profile
    resume: Resume
    application: Application
    uploaded: bytes


def make_applicant(name: str, cover_letter: str, *, posting=None) -> Applicant:
    """A verified applicant with a full profile, a license, a resume and one application
    that a recruiter has moved on, with an internal note."""
    user = UserFactory(full_name=name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = Profile.objects.create(
        user=user,
        phone="512-555-0100",
        headline=f"{name}, school-based OTR/L",
        degree=vocab.Degree.MASTERS,
        nbcot=NbcotCredential.OTR,
        nbcot_number="NB-4471",
        roles=[vocab.Role.SCHOOL_OT],
        age_groups=[vocab.AgeGroup.PRESCHOOL, vocab.AgeGroup.SCHOOL_AGE],
        available_from=datetime.date(2026, 8, 1),
    )
    License.objects.create(
        profile=profile,
        kind=LicenseKind.OT,
        state=vocab.State.TX,
        number=f"OT-{user.pk}",
        expires_on=datetime.date(2027, 1, 31),
    )
    upload = pdf_upload(f"{name} resume.pdf")
    uploaded = upload.read()
    upload.seek(0)
    resume = add_resume(profile=profile, upload=upload)
    application = submit_application(
        posting=posting or JobPostingFactory(),
        profile=profile,
        resume=resume,
        upload=None,
        name=name,
        email=user.email,
        phone="512-555-0100",
        cover_letter=cover_letter,
    )
    ApplicationEvent.objects.create(
        application=application, status=ApplicationStatus.REVIEWING, note=NOTE
    )
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.REVIEWING)
    application.refresh_from_db()
    SavedJob.objects.create(user=user, posting=JobPostingFactory(title=f"Saved by {name}"))
    search = SavedSearch.objects.create(
        user=user, query="role=school_ot", summary=f"School OT jobs for {name}"
    )
    OutgoingEmail.objects.create(
        key=f"alert-{search.pk}-20260105080000",
        to=user.email,
        subject=f"3 new jobs for {name}",
        body="…",
    )
    return Applicant(user, profile, resume, application, uploaded)


def unzip(export: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        assert archive.testzip() is None
        files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files.pop("data.json").decode()), files


# Export ------------------------------------------------------------------------------------
def test_the_export_holds_the_profile_licenses_applications_and_resume_files():
    posting = JobPostingFactory(title="School OT at Lakeview")
    ana = make_applicant("Ana Reyes", "I love sensory work.", posting=posting)

    data, files = unzip(export_applicant_data(user=ana.user))

    assert data["account"]["email"] == ana.user.email
    assert data["account"]["full_name"] == "Ana Reyes"
    assert data["account"]["email_addresses"] == [
        {"email": ana.user.email, "verified": True, "primary": True}
    ]
    profile = data["profile"]
    assert profile["headline"] == "Ana Reyes, school-based OTR/L"
    assert profile["roles"] == ["school_ot"]
    assert profile["age_groups"] == ["preschool", "school_age"]
    assert profile["available_from"] == "2026-08-01"
    assert profile["nbcot_number"] == "NB-4471"
    assert data["licenses"] == [
        {
            "kind": "ot_license",
            "state": "TX",
            "number": f"OT-{ana.user.pk}",
            "expires_on": "2027-01-31",
        }
    ]
    path = f"files/{ana.resume.file.token}-Ana Reyes resume.pdf"
    [resume] = data["resumes"]
    assert resume["original_name"] == "Ana Reyes resume.pdf"
    assert resume["is_default"] is True
    assert resume["scan_status"] == ScanStatus.UNSCANNED
    assert resume["size"] == len(ana.uploaded)
    assert resume["file_in_export"] == path
    assert files == {path: ana.uploaded}
    [application] = data["applications"]
    assert application["posting"]["title"] == "School OT at Lakeview"
    assert application["posting"]["employer"] == posting.employer.name
    assert application["posting"]["url"].endswith(posting.get_absolute_url())
    assert application["cover_letter"] == "I love sensory work."
    assert application["resume"]["file_in_export"] == path
    assert [step["status"] for step in application["history"]] == ["submitted", "reviewing"]
    assert [saved["posting"]["title"] for saved in data["saved_jobs"]] == ["Saved by Ana Reyes"]
    assert [saved["summary"] for saved in data["saved_searches"]] == [
        "School OT jobs for Ana Reyes"
    ]
    assert [email["subject"] for email in data["emails"]] == [
        f"Your application: School OT at Lakeview at {posting.employer.name}",
        "3 new jobs for Ana Reyes",
    ]


def test_the_export_never_shows_recruiters_notes_or_the_password_hash():
    ana = make_applicant("Ana Reyes", "Hello")

    export = export_applicant_data(user=ana.user)

    data, _ = unzip(export)
    text = json.dumps(data)
    assert data["applications"][0]["history"]  # the history is there...
    assert "INTERNAL" not in text  # ...without what recruiters wrote about the applicant
    assert ana.user.password not in text
    assert "password" not in data["account"]


def test_the_export_holds_nothing_of_another_applicant():
    posting = JobPostingFactory()
    ana = make_applicant("Ana Reyes", "Ana's letter", posting=posting)
    ben = make_applicant("Ben Okafor", "Ben's letter", posting=posting)

    data, files = unzip(export_applicant_data(user=ana.user))

    text = json.dumps(data, ensure_ascii=False)
    for trace in ("Ben Okafor", "Ben's letter", ben.user.email, ben.resume.file.token):
        assert trace not in text
    assert list(files) == [f"files/{ana.resume.file.token}-Ana Reyes resume.pdf"]
    assert len(data["applications"]) == len(data["saved_jobs"]) == 1
    assert len(data["saved_searches"]) == 1
    assert len(data["emails"]) == 2


def test_a_user_without_a_profile_gets_a_valid_export():
    user = UserFactory(full_name="Zoë Ünal")

    data, files = unzip(export_applicant_data(user=user))

    assert data["account"]["full_name"] == "Zoë Ünal"
    assert data["profile"] is None
    assert data["licenses"] == data["resumes"] == data["applications"] == []
    assert data["saved_jobs"] == data["saved_searches"] == data["emails"] == []
    assert files == {}


def test_a_file_removed_for_a_virus_is_listed_without_a_copy():
    ana = make_applicant("Ana Reyes", "Hello")
    ResumeFile.objects.filter(pk=ana.resume.file.pk).update(
        scan_status=ScanStatus.INFECTED, file=""
    )

    data, files = unzip(export_applicant_data(user=ana.user))

    assert files == {}
    assert data["applications"][0]["resume"]["scan_status"] == ScanStatus.INFECTED
    assert data["applications"][0]["resume"]["file_in_export"] is None


# Deletion ----------------------------------------------------------------------------------
def test_deleting_the_account_removes_the_person_their_profile_and_files(
    django_capture_on_commit_callbacks,
):
    ana = make_applicant("Ana Reyes", "Hello")
    extra = add_resume(profile=ana.profile, upload=pdf_upload("second.pdf"))
    assert len(stored_names()) == 2

    with django_capture_on_commit_callbacks() as callbacks:
        delete_applicant_account(user=ana.user)

    assert not User.objects.filter(pk=ana.user.pk).exists()
    assert not EmailAddress.objects.exists()
    assert not Profile.objects.exists()
    assert not License.objects.exists()
    assert not Resume.objects.exists()
    assert not SavedJob.objects.exists()
    assert not SavedSearch.objects.exists()
    assert not ResumeFile.objects.filter(pk__in=[ana.resume.file.pk, extra.file.pk]).exists()
    assert not OutgoingEmail.objects.filter(to=ana.user.email).exists()
    assert len(stored_names()) == 2  # storage is touched only once the deletion commits
    for callback in callbacks:
        callback()
    assert stored_names() == []


def test_recruiters_see_that_the_applicant_left_with_what_they_were_sent(
    django_capture_on_commit_callbacks,
):
    ana = make_applicant("Ana Reyes", "I love sensory work.")
    hired = submit_application(
        posting=JobPostingFactory(),
        profile=ana.profile,
        resume=None,
        upload=None,
        name="Ana Reyes",
        email=ana.user.email,
        phone="",
        cover_letter="",
    )
    Application.objects.filter(pk=hired.pk).update(status=ApplicationStatus.HIRED)

    with django_capture_on_commit_callbacks(execute=True):
        delete_applicant_account(user=ana.user)

    withdrawn = Application.objects.get(pk=ana.application.pk)
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert withdrawn.applicant_left is True
    assert withdrawn.user is None
    assert withdrawn.resume_file is None  # the file went with the account
    assert (withdrawn.name, withdrawn.email, withdrawn.cover_letter) == (
        "Ana Reyes",
        ana.user.email,
        "I love sensory work.",
    )
    last = withdrawn.events.last()
    assert last is not None
    assert (last.status, last.by, last.note) == (
        ApplicationStatus.WITHDRAWN,
        None,
        "The applicant deleted their account.",
    )
    assert withdrawn.events.filter(note=NOTE).exists()  # recruiters' notes stay theirs
    hired.refresh_from_db()
    assert hired.status == ApplicationStatus.HIRED
    assert hired.applicant_left is True
    assert not hired.events.filter(status=ApplicationStatus.WITHDRAWN).exists()


def test_deleting_one_account_leaves_another_applicant_untouched(
    django_capture_on_commit_callbacks,
):
    posting = JobPostingFactory()
    ana = make_applicant("Ana Reyes", "Ana's letter", posting=posting)
    ben = make_applicant("Ben Okafor", "Ben's letter", posting=posting)
    ben_file = ben.resume.file.file.name

    with django_capture_on_commit_callbacks(execute=True):
        delete_applicant_account(user=ana.user)

    assert User.objects.filter(pk=ben.user.pk).exists()
    assert EmailAddress.objects.filter(user=ben.user).exists()
    assert License.objects.filter(profile=ben.profile).exists()
    assert Resume.objects.filter(profile=ben.profile).exists()
    assert SavedJob.objects.filter(user=ben.user).exists()
    assert SavedSearch.objects.filter(user=ben.user).exists()
    assert stored_names() == [ben_file]
    assert storages["private"].open(ben_file).read() == ben.uploaded
    application = Application.objects.get(pk=ben.application.pk)
    assert application.status == ApplicationStatus.REVIEWING
    assert application.user == ben.user
    assert application.resume_file == ben.resume.file
    assert application.applicant_left is False
    assert OutgoingEmail.objects.filter(to=ben.user.email).count() == 2


def test_a_failure_during_deletion_leaves_everything_as_it_was(
    monkeypatch, django_capture_on_commit_callbacks
):
    ana = make_applicant("Ana Reyes", "Hello")
    stored = stored_names()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(User, "delete", broken)  # the last step, after everything else
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        delete_applicant_account(user=ana.user)

    assert User.objects.filter(pk=ana.user.pk).exists()
    assert Profile.objects.filter(pk=ana.profile.pk).exists()
    assert License.objects.filter(profile=ana.profile).exists()
    assert Resume.objects.filter(pk=ana.resume.pk).exists()
    assert ResumeFile.objects.filter(pk=ana.resume.file.pk).exists()
    assert stored_names() == stored
    application = Application.objects.get(pk=ana.application.pk)
    assert application.status == ApplicationStatus.REVIEWING
    assert application.resume_file_id == ana.resume.file.pk
    assert application.applicant_left is False
    assert not application.events.filter(status=ApplicationStatus.WITHDRAWN).exists()
    assert OutgoingEmail.objects.filter(to=ana.user.email).exists()


# Through the pages ---------------------------------------------------------------------------
def test_my_data_downloads_as_a_private_zip(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get("/me/privacy/my-data.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="ot-jobs-my-data-')
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert json.loads(archive.read("data.json"))["account"]["email"] == user.email
    client.logout()
    assert client.get("/me/privacy/my-data.zip").status_code == 302


def test_deleting_the_account_needs_the_password_and_signs_out(client):
    user = UserFactory()
    client.force_login(user)

    refused = client.post("/me/privacy/", {"password": "wrong", "confirm": "on"})
    assert "That is not your password." in refused.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    done = client.post("/me/privacy/", {"password": PASSWORD, "confirm": "on"})
    assert done["Location"] == "/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert client.get("/me/").status_code == 302


def test_the_photo_is_exported_and_deleted_with_the_account(django_capture_on_commit_callbacks):
    from applicants.services import set_photo
    from tests.applicants.test_photo import jpeg_with_gps_rotated, upload

    user = UserFactory()
    profile = Profile.objects.create(user=user)
    set_photo(profile=profile, upload=upload(jpeg_with_gps_rotated()))
    name, storage = profile.photo.name, profile.photo.storage

    with zipfile.ZipFile(io.BytesIO(export_applicant_data(user=user))) as archive:
        assert archive.read("files/photo.jpg")[:2] == b"\xff\xd8"  # a JPEG
        assert json.loads(archive.read("data.json"))["profile"]["photo"] == "files/photo.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        delete_applicant_account(user=user)

    assert not storage.exists(name)
