"""Demo applicants into the database, in bulk: users with a verified email, profiles,
licenses, resume files and applications with their histories.

Every demo applicant signs in with `DEMO_APPLICANT_PASSWORD`, the published password of
`demo.accounts`: fine for a demo (and why `seed_demo` creates them only with DEBUG on).
The password is hashed once per run and the same hash is stored for everyone, since
hashing is deliberately slow (most of a second each with the default hasher); real
accounts each get a salt of their own.

Rows go in by `bulk_create`, a batch of applicants at a time, on every database: about ten
rows an applicant, far fewer than the postings, so a COPY path would not pay for itself.
Up to `MAX_RESUME_FILES` applicants get a real one-page PDF in the private storage; the
command deletes those files again if the run fails (`files_removed_on_failure`).
"""

import contextlib
import datetime
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db.models import OuterRef, Subquery

from applicants.models import (
    Application,
    ApplicationEvent,
    License,
    Profile,
    Resume,
    ResumeFile,
    private_storage,
)
from applicants.uploads import PDF
from applicants.vocab import ScanStatus
from demo.accounts import DEMO_APPLICANT_EMAIL, DEMO_APPLICANT_PASSWORD
from demo.generator.applicants import EMAIL_DOMAIN, DemoApplicant
from demo.generator.applications import OpenPosting
from demo.loading import collector_paused
from demo.resumes import resume_pdf
from listings.models import JobPosting
from listings.vocab import HowToApply

BATCH_SIZE = 2000  # applicants at a time
NUMBERED_EMAIL = re.compile(rf"\.(\d+)@{re.escape(EMAIL_DOMAIN)}$")


@dataclass
class Loaded:
    applicants: int = 0
    applications: int = 0
    resume_files: int = 0


def demo_applicant_password_hash() -> str:
    """The one hash every generated applicant shares (see the module's docstring)."""
    return make_password(DEMO_APPLICANT_PASSWORD)


def applicant_count() -> int:
    """Applicant profiles, leaving out the one `manage.py demo_accounts` keeps."""
    return Profile.objects.exclude(user__email=DEMO_APPLICANT_EMAIL).count()


def next_applicant_number() -> int:
    """The first free n of first.last.n@example.org, so that another run adds new people."""
    emails = get_user_model().objects.filter(email__endswith="@" + EMAIL_DOMAIN)
    numbers = [
        int(found[1])
        for email in emails.values_list("email", flat=True).iterator()
        if (found := NUMBERED_EMAIL.search(email))
    ]
    return max(numbers, default=0) + 1


def open_on_site_postings(now: datetime.datetime) -> list[OpenPosting]:
    """Every posting applicants can apply to here now, in id order."""
    rows = (
        JobPosting.objects.open(now)
        .filter(how_to_apply=HowToApply.ON_SITE)
        .order_by("id")
        .values_list("id", "role", "state", "published_at")
    )
    return [OpenPosting(*row) for row in rows.iterator(chunk_size=10_000)]


@contextlib.contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Names of stored files go in the list; if the block raises, they are deleted."""
    names: list[str] = []
    try:
        yield names
    except BaseException:
        storage = private_storage()
        for name in names:
            storage.delete(name)
        raise


def insert_applicants(
    applicants: Sequence[DemoApplicant],
    *,
    password_hash: str,
    stored_files: list[str],
    progress: Callable[[int], None] = lambda stored: None,
) -> Loaded:
    """Insert `applicants` with everything they hold and sent; the names of resume files
    stored go to `stored_files`. `progress` is told how many are in after every batch."""
    loaded = Loaded()
    with collector_paused():
        for batch in itertools.batched(applicants, BATCH_SIZE, strict=False):
            _insert_batch(batch, password_hash, stored_files, loaded)
            loaded.applicants += len(batch)
            progress(loaded.applicants)
    return loaded


def _insert_batch(
    batch: Sequence[DemoApplicant], password_hash: str, stored_files: list[str], loaded: Loaded
) -> None:
    user_model = get_user_model()
    users = [
        user_model(
            email=a.email, full_name=a.full_name, password=password_hash, date_joined=a.date_joined
        )
        for a in batch
    ]
    user_model.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    profiles = [Profile(user=u, **a.profile) for u, a in zip(users, batch, strict=True)]
    Profile.objects.bulk_create(profiles)
    License.objects.bulk_create(
        [
            License(
                profile=profile,
                kind=lic.kind,
                state=lic.state,
                number=lic.number,
                expires_on=lic.expires_on,
            )
            for profile, a in zip(profiles, batch, strict=True)
            for lic in a.licenses
        ]
    )

    files = {
        index: _stored_resume(a, users[index], stored_files)
        for index, a in enumerate(batch)
        if a.resume_scan
    }
    ResumeFile.objects.bulk_create(files.values())
    Resume.objects.bulk_create(
        Resume(profile=profiles[index], file=file, is_default=True, created_at=file.uploaded_at)
        for index, file in files.items()
    )
    loaded.resume_files += len(files)

    applications, histories = [], []
    for index, a in enumerate(batch):
        user, profile = users[index], profiles[index]
        for planned in a.applications:
            applications.append(
                Application(
                    user=user,
                    posting_id=planned.posting_id,
                    resume_file=files.get(index),
                    name=user.full_name,
                    email=user.email,
                    phone=profile.phone,
                    cover_letter=planned.cover_letter,
                    status=planned.status,
                    submitted_at=planned.submitted_at,
                )
            )
            histories.append((user, planned.events))
    Application.objects.bulk_create(applications)
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=application,
            status=event.status,
            at=event.at,
            by=user if event.by_applicant else None,
            note=event.note,
        )
        for application, (user, events) in zip(applications, histories, strict=True)
        for event in events
    )
    # `updated_at` is auto_now, stamped with the load's time: the last event's is the truth.
    last_event = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by("-at")
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        updated_at=Subquery(last_event.values("at")[:1])
    )
    loaded.applications += len(applications)


def _stored_resume(applicant: DemoApplicant, owner, stored_files: list[str]) -> ResumeFile:
    data = resume_pdf(applicant)
    first, last = applicant.full_name.split(" ", 1)
    scanned = applicant.resume_scan == ScanStatus.CLEAN
    stored = ResumeFile(
        owner=owner,
        original_name=f"{first}-{last.replace(' ', '-')}-resume.pdf",
        kind="pdf",
        content_type=PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=1,
        scan_status=applicant.resume_scan,
        scanned_at=applicant.date_joined + datetime.timedelta(seconds=40) if scanned else None,
        uploaded_at=applicant.date_joined,
    )
    stored.file.save("resume.pdf", ContentFile(data), save=False)
    if stored.file.name:
        stored_files.append(stored.file.name)
    return stored
