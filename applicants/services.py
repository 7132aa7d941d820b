"""Writes with side effects (files, email, tasks): resumes and applications.

Each is atomic; a file stored by a write that then fails is deleted again
(`files_removed_on_failure`), so a refused or failed request leaves nothing behind.
"""

import contextlib
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_email
from applicants import pipeline, tasks
from applicants.images import process_photo
from applicants.models import (
    Application,
    ApplicationEvent,
    Profile,
    Resume,
    ResumeFile,
    private_storage,
)
from applicants.scanning import scanner_configured
from applicants.uploads import display_name, verify_resume
from applicants.vocab import ApplicationStatus, ScanStatus
from listings.links import absolute_url
from listings.models import JobPosting, Membership


class ApplicationRefused(Exception):
    """The posting does not take this application; the message says why, for the person."""


class AlreadyApplied(Exception):
    def __init__(self, application: Application):
        super().__init__("You have already applied for this job.")
        self.application = application


# Names of the files stored by the write in progress (in this thread or task).
_stored_names: ContextVar[list[str] | None] = ContextVar("stored_names", default=None)


@contextlib.contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Files stored inside this block are deleted again if it raises (the outermost such
    block does it)."""
    if _stored_names.get() is not None:
        yield
        return
    names: list[str] = []
    token = _stored_names.set(names)
    try:
        yield
    except BaseException:
        for name in names:
            private_storage().delete(name)
        raise
    finally:
        _stored_names.reset(token)


def store_resume_file(*, owner, upload: UploadedFile) -> ResumeFile:
    """Verify `upload` by its content (ValidationError if refused), store it under a random
    name and schedule its malware scan (or mark it unscanned where no scanner is set)."""
    verified = verify_resume(upload)
    stored = ResumeFile(
        owner=owner,
        original_name=display_name(upload.name or ""),
        kind=verified.kind,
        content_type=verified.content_type,
        size=verified.size,
        sha256=verified.sha256,
        pages=verified.pages,
        scan_status=ScanStatus.PENDING if scanner_configured() else ScanStatus.UNSCANNED,
    )
    stored.file.save("resume" + verified.extension, upload, save=False)
    names = _stored_names.get()
    if names is not None and stored.file.name:
        names.append(stored.file.name)
    stored.save()
    if stored.scan_status == ScanStatus.PENDING:
        transaction.on_commit(partial(tasks.scan_resume_file.enqueue, stored.pk))
    return stored


def add_resume(*, profile: Profile, upload: UploadedFile) -> Resume:
    """A new resume in the applicant's list; the first one becomes the default."""
    with files_removed_on_failure(), transaction.atomic():
        if profile.pk is None:
            profile.save()
        stored = store_resume_file(owner=profile.user, upload=upload)
        first = not profile.resumes.exists()
        return Resume.objects.create(profile=profile, file=stored, is_default=first)


def make_default_resume(*, resume: Resume) -> None:
    with transaction.atomic():
        Resume.objects.filter(profile=resume.profile_id, is_default=True).update(is_default=False)
        Resume.objects.filter(pk=resume.pk).update(is_default=True)


def delete_resume(*, resume: Resume) -> None:
    """Remove a resume from the list. Its file goes too, unless an application was sent
    with it: that application keeps the file it was sent with."""
    with transaction.atomic():
        stored = resume.file
        resume.remove()
        discard_unused_file(stored)


def discard_unused_file(stored: ResumeFile) -> None:
    """Delete a file no resume and no application points at (after commit, for storage)."""
    if stored.resumes.exists() or stored.applications.exists():
        return
    name, storage = stored.file.name, stored.file.storage
    stored.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


def submit_application(
    *,
    posting: JobPosting,
    profile: Profile,
    resume: Resume | None,
    upload: UploadedFile | None,
    name: str,
    email: str,
    phone: str,
    cover_letter: str,
) -> Application:
    """Apply to `posting` with a resume from the list or a new upload (added to the list).
    Raises ApplicationRefused, AlreadyApplied or ValidationError (the upload); on any
    failure nothing is written and no file is left stored."""
    user = profile.user
    if not posting.applies_on_site:
        raise ApplicationRefused("This employer takes applications on its own site.")
    if not posting.is_open():
        raise ApplicationRefused("This job is no longer open, so it takes no applications.")
    existing = Application.objects.filter(user=user, posting=posting).first()
    if existing:
        raise AlreadyApplied(existing)
    with files_removed_on_failure():
        try:
            with transaction.atomic():
                if upload is not None:
                    resume = add_resume(profile=profile, upload=upload)
                application = Application.objects.create(
                    user=user,
                    posting=posting,
                    resume_file=resume.file if resume else None,
                    name=name,
                    email=email,
                    phone=phone,
                    cover_letter=cover_letter,
                )
                ApplicationEvent.objects.create(
                    application=application, status=ApplicationStatus.SUBMITTED, by=user
                )
                _tell_of_new_application(application)
        except IntegrityError:
            existing = Application.objects.filter(user=user, posting=posting).first()
            if existing:  # the same applicant, twice at once
                raise AlreadyApplied(existing) from None
            raise
    return application


def _tell_of_new_application(application: Application) -> None:
    posting = application.posting
    employer = posting.employer
    queue_email(
        f"application-{application.pk}-received",
        application.email,
        f"Your application: {posting.title} at {employer.name}",
        (
            f"Hello {application.name},\n\n"
            f"{employer.name} has your application for {posting.title} "
            f"in {posting.city}, {posting.state}.\n\n"
            f"Follow it here: {absolute_url(application.get_absolute_url())}\n\n"
            "OT Jobs"
        ),
    )
    recruiters = Membership.objects.filter(employer=employer, user__is_active=True)
    for membership in recruiters.select_related("user"):
        queue_email(
            f"application-{application.pk}-to-{membership.user_id}",
            membership.user.email,
            f"New application: {posting.title} ({posting.city}, {posting.state})",
            (
                f"{application.name} applied for {posting.title} at {employer.name}.\n\n"
                f"Review the application: "
                f"{absolute_url(f'/admin/applicants/application/{application.pk}/change/')}\n\n"
                "OT Jobs"
            ),
        )


def withdraw_application(*, application: Application, by) -> None:
    if not application.can_withdraw:
        raise ApplicationRefused("This application is closed and can no longer be withdrawn.")
    with transaction.atomic():
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        ApplicationEvent.objects.create(
            application=application, status=ApplicationStatus.WITHDRAWN, by=by, at=timezone.now()
        )


def move_application(
    *, application: Application, to_status: str, by, note: str = ""
) -> ApplicationEvent:
    """Move `application` one step along the pipeline (`applicants.pipeline`) for `by`, one
    of the employer's recruiters: records who, when and the internal `note`, and emails the
    applicant if it is a change they hear about. Raises InvalidMove (a ValidationError) for
    a move the pipeline refuses and PermissionDenied if `by` does not manage the posting."""
    with transaction.atomic():
        # Locked, so two recruiters deciding at once cannot both pass the check.
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not JobPosting.objects.managed_by(by).filter(pk=current.posting_id).exists():
            raise PermissionDenied("Only the employer's recruiters can move this application.")
        pipeline.check_move(current.status, to_status)
        current.status = to_status
        current.save(update_fields=["status", "updated_at"])
        event = ApplicationEvent.objects.create(
            application=current, status=to_status, by=by, note=note.strip()
        )
        if to_status in pipeline.APPLICANT_HEARS:
            _tell_of_status(current, event)
    application.status, application.updated_at = current.status, current.updated_at
    return event


def _tell_of_status(application: Application, event: ApplicationEvent) -> None:
    """Email the applicant about their application's new status (never the note: it is not
    in the templates' context). Nobody to tell once the applicant deleted their account."""
    if application.applicant_left or application.user_id is None:
        return
    posting = application.posting
    context = {
        "application": application,
        "posting": posting,
        "employer": posting.employer,
        "status": event.status,
        "url": absolute_url(application.get_absolute_url()),
        "jobs_url": absolute_url(reverse("listings:posting_list")),
    }
    subject = render_to_string("applicants/email/status_subject.txt", context)
    queue_email(
        f"application-{application.pk}-status-{event.pk}",
        application.email,
        " ".join(subject.split()),
        render_to_string("applicants/email/status_body.txt", context).strip() + "\n",
    )


def set_photo(*, profile: Profile, upload: UploadedFile) -> None:
    """Replace the applicant's photo with a re-encoded copy of `upload` (ValidationError if
    it is not a photo we accept); the old file goes once the change is committed."""
    processed = process_photo(upload)
    with files_removed_on_failure(), transaction.atomic():
        if profile.pk is None:
            profile.save()
        old = profile.photo.name
        profile.photo.save(processed.name or "photo.jpg", processed, save=False)
        names = _stored_names.get()
        if names is not None and profile.photo.name:
            names.append(profile.photo.name)
        profile.photo_token = secrets.token_urlsafe(24)
        profile.save(update_fields=["photo", "photo_token", "updated_at"])
        if old:
            transaction.on_commit(partial(private_storage().delete, old))


def remove_photo(*, profile: Profile) -> None:
    old = profile.photo.name
    if not old:
        return
    with transaction.atomic():
        profile.photo = ""
        profile.photo_token = ""
        profile.save(update_fields=["photo", "photo_token", "updated_at"])
        transaction.on_commit(partial(private_storage().delete, old))
