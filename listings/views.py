from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from listings import vocab
from listings.caching import VARY, cached_public_page, wants_fragment
from listings.filters import Criteria, PostingFilter
from listings.guides import GUIDES, GUIDES_BY_SLUG, LADDER
from listings.models import Employer, JobPosting
from listings.presentation import Chip, active_chips, describe_criteria, without_page
from listings.search import current_catalogue, search, similar_postings
from listings.structured_data import job_posting_json_ld

MAX_RELAXATIONS = 10  # suggestions for an empty result; each one is a search


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    open_postings = JobPosting.objects.open()
    role_counts = dict(
        open_postings.order_by()
        .values_list("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    context = {
        "latest": open_postings.with_employer()[:6],
        "total_open": sum(role_counts.values()),
        "roles": [
            {"code": role.value, "label": role.label, "count": role_counts.get(role.value, 0)}
            for role in vocab.Role
        ],
        "settings": vocab.Setting,
    }
    return render(request, "listings/home.html", context)


@cached_public_page
def posting_list(request: HttpRequest) -> HttpResponse:
    """The faceted listing. htmx requests get only the #listing fragment back."""
    filterset = PostingFilter(request.GET)
    criteria = filterset.criteria()
    catalogue = current_catalogue()
    result = search(criteria, page_number=_page_number(request), catalogue=catalogue)
    chips = active_chips(request.GET, criteria)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "result": result,
        "page": result.page,
        "postings": result.postings,
        "chips": chips,
        "summary": describe_criteria(criteria),
        "feed_query": without_page(request.GET).urlencode(),
        "sort_options": sort_options(criteria),
        "relaxations": relaxations(chips, catalogue) if not result.total else [],
    }
    context["fragment"] = fragment = wants_fragment(request)
    template = "listings/posting_list.html" + ("#listing" if fragment else "")
    response = render(request, template, context)
    patch_vary_headers(response, VARY)
    return response


def _page_number(request: HttpRequest) -> int:
    """The requested page; anything that is not a positive whole number means page 1."""
    raw = request.GET.get("page", "")
    # Short ASCII digits only: int() refuses strings of over 4,300 digits.
    if raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) > 0:
        return int(raw)
    return 1


def sort_options(criteria: Criteria) -> list[tuple[str, str]]:
    """The sorts that make sense now: relevance needs keywords, distance a location."""
    return [
        (value, label)
        for value, label in vocab.Sort.choices
        if (value != vocab.Sort.RELEVANCE or criteria.q)
        and (value != vocab.Sort.DISTANCE or criteria.place)
    ]


def relaxations(chips: list[Chip], catalogue) -> list[tuple[Chip, int]]:
    """For an empty result: how many postings each single filter's removal would give."""
    found = []
    for chip in chips[:MAX_RELAXATIONS]:
        criteria = PostingFilter(QueryDict(chip.remove_query)).criteria()
        total = search(criteria, page_size=0, counts=False, catalogue=catalogue).total
        if total:
            found.append((chip, total))
    return sorted(found, key=lambda pair: -pair[1])


@cached_public_page
def posting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An open posting; a closed or expired one answers 410 Gone with similar open roles."""
    # Only postings that were once public exist here: never drafts or scheduled ones.
    posting = get_object_or_404(
        JobPosting.objects.with_employer()
        .exclude(status=vocab.PostingStatus.DRAFT)
        .filter(published_at__lte=timezone.now()),
        slug=slug,
    )
    similar = similar_postings(posting)
    if not posting.is_open():
        return render(
            request,
            "listings/posting_gone.html",
            {"posting": posting, "similar": similar},
            status=410,
        )
    context = {
        "posting": posting,
        "similar": similar,
        "json_ld": job_posting_json_ld(posting),
    }
    return render(request, "listings/posting_detail.html", context)


@cached_public_page
def employer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    employer = get_object_or_404(Employer, slug=slug)
    postings = JobPosting.objects.open().for_employer(employer).with_employer()
    return render(
        request, "listings/employer_detail.html", {"employer": employer, "postings": postings}
    )


@cached_public_page
def guide_list(request: HttpRequest) -> HttpResponse:
    result = search(Criteria(), page_size=1)
    role_counts = {o.value: o.count for o in _facet(result, "role").options}
    guides = [(guide, role_counts.get(guide.role, 0)) for guide in GUIDES]
    return render(request, "listings/guide_list.html", {"guides": guides, "ladder": LADDER})


@cached_public_page
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = GUIDES_BY_SLUG.get(slug)
    if guide is None:
        raise Http404("No such role guide.")
    result = search(Criteria(facets={"role": (guide.role,)}), page_size=3)
    context = {
        "guide": guide,
        "ladder": LADDER,
        "total": result.total,
        "latest": result.postings,
        "by_setting": [o for o in _facet(result, "setting").options if o.count],
        "new_grad_count": result.toggle_counts["new_grad"],
    }
    return render(request, "listings/guide_detail.html", context)


def _facet(result, name: str):
    return next(f for f in result.facets if f.name == name)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /jobs/feed/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
