"""The postings admin as recruiters use it, with what only the applicants side knows:
applications by status on each changelist row, and candidate search.

`listings` may not import `applicants`, so listings' `JobPostingAdmin` is registered first
(importing `listings.admin.postings` does it) and replaced here by a subclass. Everything
the parent does (scoping, filters, actions, fieldsets) is inherited unchanged.

The counts are read for the rows of the page only, once the page is known: one grouped
query over the page's postings' applications, found by index
(`applicants.dashboard.status_counts`; about 2 ms for a page of 100 at 300,000
applications), never an annotation that the COUNT or the sort could evaluate over every
posting.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from applicants.candidates import candidate_profile, candidates_for
from applicants.dashboard import status_counts
from listings.admin.postings import JobPostingAdmin
from listings.models import JobPosting

# A dashboard button posts an action with this field: afterwards, back to the dashboard.
FROM_DASHBOARD = "_from_dashboard"


class CountingChangeList(ChangeList):
    """A changelist whose page of postings carries its applications by status."""

    def get_results(self, request):
        super().get_results(request)
        counts = status_counts(posting.pk for posting in self.result_list)
        for posting in self.result_list:
            posting.application_counts = counts[posting.pk]


admin.site.unregister(JobPosting)


@admin.register(JobPosting)
class RecruitingPostingAdmin(JobPostingAdmin):
    def get_list_display(self, request):
        return (*super().get_list_display(request), "applications", "find_candidates")

    def get_changelist(self, request, **kwargs):
        return CountingChangeList

    @admin.display(description="Applications")
    def applications(self, posting: JobPosting) -> SafeString | str:
        counts = getattr(posting, "application_counts", None)
        if counts is None:  # shown outside the changelist: read this posting's alone
            counts = status_counts([posting.pk])[posting.pk]
        if not counts.by_status:
            return "–"
        return format_html(
            '{} <a href="{}" class="all-applications">(all)</a>',
            format_html_join(
                " · ",
                '<a href="{}">{} {}</a>',
                ((c.url, c.count, c.label) for c in counts.by_status),
            ),
            counts.url,
        )

    @admin.display(description="Candidates")
    def find_candidates(self, posting: JobPosting) -> SafeString:
        return format_html(
            '<a href="{}" aria-label="Find candidates for {}">Find</a>',
            reverse("admin:listings_jobposting_candidates", args=[posting.pk]),
            posting.title,
        )

    def response_action(self, request, queryset, *args, **kwargs):
        """Actions posted from the admin index's dashboard go back there when done."""
        response = super().response_action(request, queryset, *args, **kwargs)
        if request.POST.get(FROM_DASHBOARD) and isinstance(response, HttpResponseRedirect):
            return HttpResponseRedirect(reverse("admin:index"))
        return response

    # Candidate search ----------------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/candidates/",
                self.admin_site.admin_view(self.candidates_view),
                name="{}_{}_candidates".format(*info),
            ),
            path(
                "<path:object_id>/candidates/<int:profile_id>/",
                self.admin_site.admin_view(self.candidate_view),
                name="{}_{}_candidate".format(*info),
            ),
            *super().get_urls(),
        ]

    def _managed_posting(self, request: HttpRequest, object_id: str) -> JobPosting:
        """The posting, if the user may see it here: 403 for another employer's, 404 for none."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        posting = self.get_object(request, unquote(object_id))  # 403 outside the user's scope
        if posting is None:
            raise Http404("No such posting.")
        return posting

    def _context(self, request: HttpRequest, posting: JobPosting, title: str, subtitle: str):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": subtitle,
            "posting": posting,
            "change_url": reverse("admin:listings_jobposting_change", args=[posting.pk]),
            "candidates_url": reverse("admin:listings_jobposting_candidates", args=[posting.pk]),
        }

    def candidates_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        posting = self._managed_posting(request, object_id)
        found = candidates_for(
            posting, viewer=request.user, today=timezone.localdate(), page=request.GET.get("p")
        )
        context = self._context(request, posting, "Candidates", f"For {posting}")
        context |= {"found": found, "page": found.page}
        return TemplateResponse(request, "admin/listings/jobposting/candidates.html", context)

    def candidate_view(self, request: HttpRequest, object_id: str, profile_id: int):
        posting = self._managed_posting(request, object_id)
        shown = candidate_profile(
            posting, profile_id, viewer=request.user, today=timezone.localdate()
        )
        if shown is None:
            raise Http404("No such candidate for this posting.")
        name = shown.candidate.profile.user.get_full_name()
        context = self._context(request, posting, name, f"Candidate for {posting}")
        context |= {"shown": shown, "candidate": shown.candidate}
        return TemplateResponse(request, "admin/listings/jobposting/candidate.html", context)
