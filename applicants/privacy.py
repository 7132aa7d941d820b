"""An applicant's own data: a copy of everything the site holds about them, and deletion.

`export_applicant_data` answers "what do you hold about me?" with a ZIP the person can
keep; `delete_applicant_account` removes them. Both cover the same records: the account
and its email addresses, the profile with its licenses and resumes, every resume file the
person uploaded, their applications, saved jobs and searches, and the emails the site
wrote to them.
"""

import io
import json
import zipfile
from collections import defaultdict
from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import OutgoingEmail, User
from applicants.models import (
    Application,
    ApplicationEvent,
    Profile,
    Resume,
    ResumeFile,
    SavedJob,
    SavedSearch,
    private_storage,
)
from applicants.uploads import display_name
from applicants.vocab import CLOSED_STATUSES, ApplicationStatus
from listings.links import absolute_url
from listings.models import JobPosting

LEFT_NOTE = "The applicant deleted their account."


PHOTO_PATH = "files/photo.jpg"


def export_applicant_data(*, user: User) -> bytes:
    """A ZIP of everything the site holds about `user`: `data.json` (account, email
    addresses, profile, licenses, resumes, applications with their status history, saved
    jobs and searches, emails sent to them) and, under `files/`, each resume file of
    theirs that is still stored.

    Left out: password hash, sessions, other people's data and recruiters' internal notes
    on applications (an application's history is its statuses and times only).
    """
    files = _files_of(user)
    paths = {stored.pk: _zip_path(stored) for stored in files if stored.file.name}
    contents: dict[str, bytes] = {}
    for stored in files:
        if stored.pk not in paths:
            continue
        try:
            with stored.file.open("rb") as handle:
                contents[paths[stored.pk]] = handle.read()
        except FileNotFoundError:  # lost from storage: listed, without a copy
            del paths[stored.pk]

    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": _account(user),
        "profile": None,
        "licenses": [],
        "resumes": [],
        "applications": _applications(user, paths),
        "files": [_file(stored, paths) for stored in files],
        "saved_jobs": [
            {
                "posting": _posting(saved.posting),
                "saved_at": saved.created_at,
                "reminded_at": saved.reminded_at,
            }
            for saved in SavedJob.objects.filter(user=user)
            .select_related("posting__employer")
            .order_by("created_at", "pk")
        ],
        "saved_searches": [
            {
                "summary": saved.summary,
                "query": saved.query,
                "frequency": saved.frequency,
                "created_at": saved.created_at,
                "last_sent_at": saved.last_sent_at,
            }
            for saved in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "emails": [
            {
                "to": email.to,
                "subject": email.subject,
                "body": email.body,
                "created_at": email.created_at,
                "sent_at": email.sent_at,
            }
            for email in _emails_to(user, files).order_by("created_at", "pk")
        ],
    }
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        about = _profile(profile)
        data["profile"] = about
        data["licenses"] = [
            {
                "kind": lic.kind,
                "state": lic.state,
                "number": lic.number,
                "expires_on": lic.expires_on,
            }
            for lic in profile.licenses.all()
        ]
        data["resumes"] = [
            {
                **_file(resume.file, paths),
                "is_default": resume.is_default,
                "added_at": resume.created_at,
            }
            for resume in Resume.objects.filter(profile=profile).select_related("file")
        ]
        if profile.photo.name:
            with profile.photo.open("rb") as handle:
                contents[PHOTO_PATH] = handle.read()
            about["photo"] = PHOTO_PATH

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("data.json", text.encode())
        for path, content in contents.items():
            archive.writestr(path, content)
    return buffer.getvalue()


def delete_applicant_account(*, user: User) -> None:
    """Delete `user` and what they entered, in one transaction; stored files are deleted
    only once it commits, so a failure leaves everything as it was.

    - Open applications are withdrawn (an event by no one, saying the applicant left);
      closed ones keep their status. Every application stays, marked `applicant_left`, so
      recruiters' pipelines show that the applicant left. It keeps the name, email, phone
      and cover letter as sent: recruiters received them and need to know who left.
    - Files go, all of them: the profile's resumes and every file the person uploaded,
      including those sent with applications (their `resume_file` becomes empty, the file
      row is deleted, and the stored file is deleted after commit). Recruiters keep any
      copy they downloaded; the site no longer serves one.
    - The profile (with licenses and resumes), the emails the site wrote to the person and
      the user (with allauth's email addresses, saved jobs and saved searches) are
      deleted; applications' `user` becomes empty. The caller logs the person out.
    """
    with transaction.atomic():
        now = timezone.now()
        applications = Application.objects.filter(user=user)
        opened = list(
            applications.select_for_update()
            .exclude(status__in=CLOSED_STATUSES)
            .values_list("pk", flat=True)
        )
        Application.objects.filter(pk__in=opened).update(
            status=ApplicationStatus.WITHDRAWN, updated_at=now
        )
        ApplicationEvent.objects.bulk_create(
            ApplicationEvent(
                application_id=pk, status=ApplicationStatus.WITHDRAWN, at=now, note=LEFT_NOTE
            )
            for pk in opened
        )
        files = _files_of(user)
        applications.update(applicant_left=True, resume_file=None, updated_at=now)
        photos = list(
            Profile.objects.filter(user=user).exclude(photo="").values_list("photo", flat=True)
        )
        Profile.objects.filter(user=user).delete()  # its licenses and resumes with it
        ResumeFile.objects.filter(pk__in=[stored.pk for stored in files]).delete()
        _emails_to(user, files).delete()
        user.delete()  # its email addresses with it
        for stored in files:
            if stored.file.name:
                transaction.on_commit(
                    partial(stored.file.storage.delete, stored.file.name), robust=True
                )
        for name in photos:
            transaction.on_commit(partial(private_storage().delete, name), robust=True)


# Reading what the person owns ---------------------------------------------------------------
def _files_of(user: User) -> list[ResumeFile]:
    """Files the person uploaded: theirs, and those sent with their applications."""
    return list(
        ResumeFile.objects.filter(Q(owner=user) | Q(applications__user=user))
        .distinct()
        .order_by("uploaded_at", "pk")
    )


def _emails_to(user: User, files: list[ResumeFile]) -> QuerySet[OutgoingEmail]:
    """Messages the site wrote to the person as an applicant, by their keys (accounts.mail):
    application receipts, files removed for a virus, saved-job reminders and job alerts.
    Not by address: a person who also recruits gets mail about other people's applications."""
    applications = Application.objects.filter(user=user).values_list("pk", flat=True)
    keys = [f"application-{pk}-received" for pk in applications]
    keys += [f"resume-file-{stored.pk}-infected" for stored in files]
    saved_jobs = SavedJob.objects.filter(user=user).values_list("pk", flat=True)
    keys += [f"saved-job-{pk}-closing" for pk in saved_jobs]
    theirs = Q(key__in=keys)
    for pk in SavedSearch.objects.filter(user=user).values_list("pk", flat=True):
        theirs |= Q(key__startswith=f"alert-{pk}-")
    return OutgoingEmail.objects.filter(theirs)


def _zip_path(stored: ResumeFile) -> str:
    return f"files/{stored.token}-{display_name(stored.original_name)}"


def _file(stored: ResumeFile, paths: dict[int, str]) -> dict[str, Any]:
    return {
        "original_name": stored.original_name,
        "uploaded_at": stored.uploaded_at,
        "kind": stored.kind,
        "size": stored.size,
        "scan_status": stored.scan_status,
        "file_in_export": paths.get(stored.pk),  # None: removed (a virus) or lost
    }


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _profile(profile: Profile) -> dict[str, Any]:
    """Every field of the profile (a new one appears here by itself); sets of choices as
    lists of codes."""
    skipped = {"id", "user", "photo", "photo_token"}  # the photo itself is in files/
    return {
        field.name: field.value_from_object(profile)
        for field in Profile._meta.concrete_fields
        if field.name not in skipped
    }


def _posting(posting: JobPosting) -> dict[str, str]:
    return {
        "title": posting.title,
        "employer": posting.employer.name,
        "url": absolute_url(posting.get_absolute_url()),
    }


def _applications(user: User, paths: dict[int, str]) -> list[dict[str, Any]]:
    history: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    # Only status and time leave the database: the notes are recruiters' own.
    events = ApplicationEvent.objects.filter(application__user=user).order_by("at", "pk")
    for application_id, status, at in events.values_list("application_id", "status", "at"):
        history[application_id].append({"status": status, "at": at})
    applications = Application.objects.filter(user=user).select_related(
        "posting__employer", "resume_file"
    )
    return [
        {
            "reference": application.reference,
            "posting": _posting(application.posting),
            "name": application.name,
            "email": application.email,
            "phone": application.phone,
            "cover_letter": application.cover_letter,
            "resume": (_file(application.resume_file, paths) if application.resume_file else None),
            "status": application.status,
            "submitted_at": application.submitted_at,
            "history": history[application.pk],
        }
        for application in applications.order_by("submitted_at", "pk")
    ]
