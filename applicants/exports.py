"""What recruiters read of an application beyond what was sent: the applicant's profile and
their fit with the posting, and the CSV export of a posting's applicants."""

import csv
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import (
    HttpResponse,
)
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from applicants.models import (
    Application,
    Profile,
    ResumeFile,
)
from listings.requirements import Fit, fit
from listings.spreadsheets import csv_cell  # cells a spreadsheet would run are quoted


# What the applicant brings to the posting ----------------------------------------------------
def applicant_profile(application: Application) -> Profile | None:
    """The applicant's profile as it stands today; None once they deleted their account."""
    if application.applicant_left or application.user is None:
        return None
    try:
        return application.user.applicant_profile
    except Profile.DoesNotExist:
        return None


def requirement_fit(application: Application) -> Fit | None:
    """The posting's requirement checklist against the applicant's profile (None: no profile)."""
    profile = applicant_profile(application)
    if profile is None:
        return None
    return fit(application.posting.requirement_set, profile.qualifications())


def meets_all_requirements(found: Fit | None) -> str:
    if found is None:
        return "can't tell"
    if found.qualifies:
        return "yes"
    return "no" if found.not_met else "can't tell"


# CSV export ----------------------------------------------------------------------------------
CSV_HEADER = (
    "Posting",
    "Name",
    "Email",
    "Phone",
    "Status",
    "Submitted at",
    "Applicant left",
    "Meets all requirements",
    "Resume file",
)


def resume_cell(stored: ResumeFile | None) -> str:
    """The file's name if recruiters may download it; never a pending or infected file's."""
    if stored is None:
        return ""
    if not stored.deliverable:
        return f"not available ({stored.get_scan_status_display().lower()})"
    return stored.original_name


def csv_rows(applications: Iterable[Application]) -> Iterable[tuple[str, ...]]:
    yield CSV_HEADER
    for application in applications:
        row = (
            application.posting.title,
            application.name,
            application.email,
            application.phone,
            application.get_status_display(),
            f"{timezone.localtime(application.submitted_at):%Y-%m-%d %H:%M}",
            "yes" if application.applicant_left else "no",
            meets_all_requirements(requirement_fit(application)),
            resume_cell(application.resume_file),
        )
        yield tuple(csv_cell(value) for value in row)


def csv_response(applications: QuerySet[Application], filename: str) -> HttpResponse:
    """A spreadsheet of `applications` (already scoped to what the user may see)."""
    applications = (
        applications.select_related("posting__employer", "resume_file", "user__applicant_profile")
        .prefetch_related("user__applicant_profile__licenses")
        .order_by("posting__title", "posting_id", "submitted_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    add_never_cache_headers(response)  # applicants' personal details
    response.write("\ufeff")  # a byte-order mark, so Excel reads the names as UTF-8
    csv.writer(response).writerows(csv_rows(applications))
    return response
