from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from listings import vocab
from listings.caching import VARY, cached_public_page, wants_fragment
from listings.forms import ListingForm, page_number
from listings.guides import GUIDES, GUIDES_BY_SLUG, LADDER
from listings.models import Employer, JobPosting
from listings.presentation import Chip, chips
from listings.search import Criteria, current_catalogue, search, similar_postings
from listings.search.catalogue import Catalogue
from listings.search.criteria import PARAMETERS
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
    form = ListingForm(request.GET)
    criteria = form.criteria()
    catalogue = current_catalogue()
    result = search(criteria, page_number=page_number(request.GET), catalogue=catalogue)
    active = chips(criteria)
    context = {
        "form": form,
        "params": PARAMETERS,
        "criteria": criteria,
        "result": result,
        "page": result.page,
        "postings": result.postings,
        "chips": active,
        "summary": criteria.summary(),
        "feed_query": criteria.query(),
        "sort_options": criteria.sort_options(),
        "relaxations": relaxations(active, catalogue) if not result.total else [],
    }
    context["fragment"] = fragment = wants_fragment(request)
    template = "listings/posting_list.html" + ("#listing" if fragment else "")
    response = render(request, template, context)
    patch_vary_headers(response, VARY)
    return response


def relaxations(active: list[Chip], catalogue: Catalogue) -> list[tuple[Chip, int]]:
    """For an empty result: how many postings each single filter's removal would give."""
    found = []
    for chip in active[:MAX_RELAXATIONS]:
        total = search(chip.without, page_size=0, with_counts=False, catalogue=catalogue).total
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
    role_counts = {o.value: o.count for o in result.facet("role").options}
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
        "by_setting": [o for o in result.facet("setting").options if o.count],
        "new_grad_count": result.toggle_counts["new_grad"],
    }
    return render(request, "listings/guide_detail.html", context)
