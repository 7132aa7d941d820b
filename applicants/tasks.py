"""Background work of the applicants app (run by `manage.py db_worker`)."""

import datetime
import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from accounts.mail import queue_email
from applicants.models import Resume, ResumeFile
from applicants.scanning import ScannerUnavailable, scan
from applicants.vocab import ScanStatus

log = logging.getLogger(__name__)
MAX_SCAN_ATTEMPTS = 10  # with doubling waits, about 17 minutes of a scanner being down


@task()
def scan_resume_file(file_id: int, attempt: int = 1) -> str:
    """Scan a pending file. Clean: recruiters may receive it. Infected: the file is deleted,
    it leaves the owner's resumes and the owner is told. Scanner down: try again later."""
    stored = ResumeFile.objects.filter(pk=file_id, scan_status=ScanStatus.PENDING).first()
    if stored is None:
        return "nothing to scan"
    try:
        with stored.file.open("rb") as handle:
            verdict = scan(handle)
    except ScannerUnavailable as error:
        ResumeFile.objects.filter(pk=file_id).update(scan_attempts=attempt)
        if attempt < MAX_SCAN_ATTEMPTS:
            wait = datetime.timedelta(seconds=2**attempt)
            scan_resume_file.using(run_after=timezone.now() + wait).enqueue(file_id, attempt + 1)
        log.warning("scan of resume file %s failed (attempt %s): %s", file_id, attempt, error)
        return "scanner unavailable"
    with transaction.atomic():
        stored = ResumeFile.objects.select_for_update().get(pk=file_id)
        if stored.scan_status != ScanStatus.PENDING:
            return "already scanned"
        stored.scanned_at = timezone.now()
        stored.scan_attempts = attempt
        if verdict.clean:
            stored.scan_status = ScanStatus.CLEAN
            stored.save()
            return "clean"
        _quarantine(stored, verdict.signature)
    return "infected"


def _quarantine(stored: ResumeFile, signature: str) -> None:
    """An infected file: deleted from storage at once, out of the owner's resumes."""
    name, storage = stored.file.name, stored.file.storage
    stored.scan_status = ScanStatus.INFECTED
    stored.scan_signature = signature[:200]
    stored.file.name = ""  # nothing left to download
    stored.save()
    for resume in Resume.objects.filter(file=stored):
        resume.remove()
    if name:
        storage.delete(name)
    owner = stored.owner
    if owner is not None:
        queue_email(
            f"resume-file-{stored.pk}-infected",
            owner.email,
            "We removed a file you uploaded",
            (
                f"Hello,\n\nThe file “{stored.original_name}” you uploaded to OT Jobs was "
                "found to contain malware by our virus scanner, so we deleted it and no "
                "employer received it. Please check your computer and upload a clean copy "
                "of your resume.\n\nOT Jobs"
            ),
        )
