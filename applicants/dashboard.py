"""What a recruiter sees first in the admin: their open postings with applications by status,
postings about to expire, and postings that need a "still open?" confirmation.

Also the one home of "applications by status" for a set of postings (the dashboard and the
postings changelist both show it): counted from applications, for the given postings only,
in one query that finds their applications by index; never stored on a posting row.

Every read is bounded: a few rows a section (one more is read to know whether there are
more), postings through `JobPosting.objects.managed_by(user)` and the shared reads of
`listings.querysets` (`open()`, `expiring_soon()`, `needs_confirmation()`), no COUNT.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, Max
from django.urls import reverse

from applicants.models import Application
from applicants.vocab import ApplicationStatus
from listings.admin.filters import ExpiringSoonFilter, NeedsConfirmationFilter
from listings.models import JobPosting
from listings.querysets import CONFIRM_FLAG_AFTER, EXPIRY_NOTICE

ROWS = 8  # postings a dashboard section shows
# Short words for the compact "3 new · 2 reviewing · 1 interview", in pipeline order.
STATUS_SHORT_LABELS: dict[str, str] = {
    ApplicationStatus.SUBMITTED: "new",
    ApplicationStatus.REVIEWING: "reviewing",
    ApplicationStatus.INTERVIEW: "interview",
    ApplicationStatus.OFFER: "offer",
    ApplicationStatus.HIRED: "hired",
    ApplicationStatus.NOT_SELECTED: "not selected",
    ApplicationStatus.WITHDRAWN: "withdrawn",
}


# Applications by status ------------------------------------------------------------------
@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    url: str  # the applications changelist, filtered by the posting and this status

    @property
    def label(self) -> str:
        return STATUS_SHORT_LABELS[self.status]


@dataclass(frozen=True)
class PostingCounts:
    """One posting's applications by status (statuses with none left out), in pipeline
    order, and the link to all of them."""

    url: str
    by_status: tuple[StatusCount, ...] = ()


def applications_url(posting_id: int, status: str | None = None, *, base: str = "") -> str:
    """The applications changelist filtered by one posting (and one status); `base` is
    that changelist's URL when the caller has it already (reverse() is not free)."""
    # Imported here: applicants.admin imports the modules that import this one.
    from applicants.admin import PostingFilter

    query: dict[str, object] = {PostingFilter.parameter_name: posting_id}
    if status:
        query["status__exact"] = status
    base = base or reverse("admin:applicants_application_changelist")
    return f"{base}?{urlencode(query)}"


def status_counts(posting_ids: Iterable[int]) -> dict[int, PostingCounts]:
    """The applications of each of `posting_ids` by status: one grouped query over just
    these postings' applications (none for no ids)."""
    ids = sorted(set(posting_ids))
    if not ids:
        return {}
    rows = (
        Application.objects.filter(posting_id__in=ids)
        .values_list("posting_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for posting_id, status, n in rows:
        found[posting_id][status] = n
    base = reverse("admin:applicants_application_changelist")
    return {
        posting_id: PostingCounts(
            url=applications_url(posting_id, base=base),
            by_status=tuple(
                StatusCount(
                    status,
                    found[posting_id][status],
                    applications_url(posting_id, status, base=base),
                )
                for status in STATUS_SHORT_LABELS
                if found[posting_id].get(status)
            ),
        )
        for posting_id in ids
    }


# The dashboard ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PostingRow:
    posting: JobPosting
    counts: tuple[StatusCount, ...] = ()

    @property
    def change_url(self) -> str:
        return reverse("admin:listings_jobposting_change", args=[self.posting.pk])

    @property
    def candidates_url(self) -> str:
        return reverse("admin:listings_jobposting_candidates", args=[self.posting.pk])


@dataclass(frozen=True)
class Section:
    rows: tuple[PostingRow, ...]
    more: bool  # more postings than the section shows
    url: str  # the postings changelist, filtered to what the section lists


@dataclass(frozen=True)
class Dashboard:
    open_postings: Section
    expiring: Section
    # None when not read (superusers: see `recruiter_dashboard`); the link still shows.
    needs_confirmation: Section | None
    postings_url: str  # the postings changelist, where the rows' action buttons post too
    confirmation_url: str  # the changelist of the postings needing confirmation
    expiry_notice_days: int = EXPIRY_NOTICE.days
    confirm_after_days: int = CONFIRM_FLAG_AFTER.days

    @property
    def empty(self) -> bool:
        return not (
            self.open_postings.rows
            or self.expiring.rows
            or (self.needs_confirmation and self.needs_confirmation.rows)
        )


def _section(
    postings, rows: int, url: str, counts: Mapping[int, PostingCounts] | None = None
) -> Section:
    found = list(postings[: rows + 1])
    counts = counts or {}
    return Section(
        rows=tuple(
            PostingRow(posting, counts[posting.pk].by_status if posting.pk in counts else ())
            for posting in found[:rows]
        ),
        more=len(found) > rows,
        url=url,
    )


def recruiter_dashboard(user, *, now: datetime.datetime, rows: int = ROWS) -> Dashboard | None:
    """The dashboard of `user` (None for users who may not see postings in the admin).

    Recruiters see their employers' postings in four queries, whatever the board's size.
    Superusers see the newest and the soonest-expiring few of the whole board (index
    scans that stop after a few rows); the postings needing confirmation, oldest first,
    would take a scan of every open posting without an index on `last_confirmed_open`, so
    superusers get the link to that filter instead.
    """
    if not (user.is_active and user.is_staff and user.has_perm("listings.view_jobposting")):
        return None
    changelist = reverse("admin:listings_jobposting_changelist")
    postings = JobPosting.objects.managed_by(user).select_related("employer")
    if user.is_superuser:
        first = postings.open(now).order_by("-published_at", "-pk")
    else:  # the postings people applied to last come first: what a recruiter acts on
        first = (
            postings.open(now)
            .annotate(last_applied=Max("applications__submitted_at"))
            .order_by(F("last_applied").desc(nulls_last=True), "-published_at", "-pk")
        )
    open_rows = list(first[: rows + 1])
    counts = status_counts(posting.pk for posting in open_rows[:rows])
    confirmation_url = f"{changelist}?{NeedsConfirmationFilter.parameter_name}=needed"
    return Dashboard(
        open_postings=_section(open_rows, rows, f"{changelist}?status__exact=published", counts),
        expiring=_section(
            postings.expiring_soon(now).order_by("expires_at", "pk"),
            rows,
            f"{changelist}?{ExpiringSoonFilter.parameter_name}=soon",
        ),
        needs_confirmation=None
        if user.is_superuser
        else _section(
            postings.needs_confirmation(now).order_by("last_confirmed_open", "pk"),
            rows,
            confirmation_url,
        ),
        postings_url=changelist,
        confirmation_url=confirmation_url,
    )
