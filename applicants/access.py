"""Who may see an applicant's files (resumes, photo): the one home of those decisions.

Every view, admin page and download that hands out a file goes through these QuerySets.
Employers' side of the rule is listings' `managed_by(user)`, which also scopes the
applications recruiters see in the admin (`listings.admin_scoping`).
"""

from django.db.models import Q, QuerySet

from applicants.models import Application, Profile, ResumeFile
from applicants.vocab import DELIVERABLE, ScanStatus
from listings.models import JobPosting


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def resume_files_for(user) -> QuerySet[ResumeFile]:
    """Files `user` may download: their own; for an employer's recruiters, the files sent
    with applications to that employer's postings once scanned clean; for superusers, any
    file scanned clean or not scanned. An infected file is no one's (it is deleted)."""
    files = ResumeFile.objects.exclude(scan_status=ScanStatus.INFECTED)
    if not _active(user):
        return files.none()
    if user.is_superuser:
        return files.filter(Q(owner=user) | Q(scan_status__in=DELIVERABLE))
    sent_to_their_employers = Q(
        scan_status__in=DELIVERABLE,
        applications__posting__in=JobPosting.objects.managed_by(user),
    )
    return files.filter(Q(owner=user) | sent_to_their_employers).distinct()


def profiles_with_photos_for(user) -> QuerySet[Profile]:
    """Profiles whose photo `user` may see: their own; recruiters', applicants who applied
    to their employers; superusers', any."""
    profiles = Profile.objects.exclude(photo="")
    if not _active(user):
        return profiles.none()
    if user.is_superuser:
        return profiles
    applied = Application.objects.filter(posting__in=JobPosting.objects.managed_by(user))
    return profiles.filter(Q(user=user) | Q(user__in=applied.values("user"))).distinct()
