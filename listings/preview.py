"""A posting as job seekers would see it, before it is public: for the recruiters of its
employer and site staff only (`managed_by`), never stored by any cache, never indexed."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from listings.models import JobPosting
from listings.structured_data import job_posting_json_ld

POSTING = "listings/posting_detail.html"
POSTING_PARTS = "listings/posting_parts.html"


def render_posting_parts(
    request: HttpRequest, posting: JobPosting, similar: list, *, markup: bool = True
) -> dict:
    """The parts of a posting's page (header, body, title, description): the public page
    stores them in the content cache; the preview renders them afresh, without the
    JobPosting markup (search engines never see a preview, and a draft has none)."""
    json_ld = job_posting_json_ld(posting) if markup else ""
    context = {"posting": posting, "json_ld": json_ld, "similar": similar, "preview": not markup}
    return {
        "header": render_to_string(f"{POSTING_PARTS}#header", context, request),
        "body": render_to_string(f"{POSTING_PARTS}#body", context, request),
        "title": render_to_string(f"{POSTING_PARTS}#page_title", context),
        "description": render_to_string(f"{POSTING_PARTS}#page_description", context),
        "slug": posting.slug,
    }


@staff_member_required
def posting_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Any posting the recruiter manages, in any status; 404 for every other one."""
    posting = get_object_or_404(JobPosting.objects.managed_by(request.user).with_employer(), pk=pk)
    parts = render_posting_parts(request, posting, similar=[], markup=False)
    response = render(
        request,
        POSTING,
        {
            "parts": parts,
            "preview": {
                "status": posting.get_status_display(),
                "open": posting.is_open(timezone.now()),
                "public_url": posting.get_absolute_url(),
                "change_url": reverse("admin:listings_jobposting_change", args=[posting.pk]),
            },
        },
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
