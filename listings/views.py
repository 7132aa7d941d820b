"""The public pages: home, the listing, postings, employers and role guides.

Each view finds what the page shows through the search index (no rendering yet), names
it in a signature, and renders only what the caches (`listings.caching`) don't hold.
"""

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from listings import vocab
from listings.caching import (
    cached_content,
    cached_parts,
    card_signature,
    kept_apart,
    page_shell,
    posting_cards,
    public_page,
    request_catalogue,
    row_signature,
    stored_parts,
    stored_shell,
    wants_fragment,
)
from listings.forms import ListingForm, page_number
from listings.guides import GUIDES, GUIDES_BY_SLUG, LADDER
from listings.models import Employer, JobPosting
from listings.presentation import Chip, chips
from listings.preview import render_posting_parts
from listings.requirements import Requirements, fit
from listings.search import Criteria, Result, paged, qualified_digest, search, similar_to
from listings.search.catalogue import Catalogue
from listings.search.criteria import PARAMETERS
from listings.viewer import Viewer, viewer_of

FIT = "listings/includes/fit.html"
MAX_RELAXATIONS = 10  # suggestions for an empty result; each one is a search


def _page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    signature: object,
    content: Callable[[], dict] = dict,
    status: int = 200,
    store: bool = True,
) -> HttpResponse:
    """Render `template` around its `main` partial, which comes from the content cache while
    `signature` holds; `content()` gives what only the partial needs (the cards)."""
    html = cached_content(
        request,
        template,
        signature,
        lambda: render_to_string(f"{template}#main", {**context, **content()}, request),
        store=store,
    )
    return render(request, template, {**context, "content": html}, status=status)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    catalogue = request_catalogue(request)
    result = search(Criteria(), page_size=6, catalogue=catalogue, hydrate=False)
    roles = [
        {"code": o.value, "label": vocab.Role(o.value).label, "count": o.count}
        for o in result.facet("role").options
    ]
    context = {"total_open": result.total, "roles": roles, "practice_settings": vocab.Setting}
    signature = (result.total, [r["count"] for r in roles], card_signature(result.ids, catalogue))
    return _page(
        request,
        "listings/home.html",
        context,
        signature=signature,
        content=lambda: {"latest": posting_cards(result.ids, catalogue)},
    )


@public_page
def posting_list(request: HttpRequest) -> HttpResponse:
    """The faceted listing. htmx requests get only the #listing fragment back."""
    form = ListingForm(request.GET)
    viewer = viewer_of(request)
    signed_in = viewer is not None
    qualifications = viewer.qualifications() if viewer else None
    criteria = form.criteria(qualifications)
    qualify_prompt = bool(form.cleaned_data.get("qualified")) and qualifications is None
    catalogue = request_catalogue(request)
    number = page_number(request.GET)
    fragment = wants_fragment(request)
    template = "listings/posting_list.html"
    partial = f"{template}#listing" if fragment else f"{template}#main"

    def context_for(result, *, for_content: bool = True) -> dict:
        """The page's context; `for_content=False`: only what the page around a stored
        content shows (no suggestions for an empty result: each is a search)."""
        active = chips(criteria)
        return {
            "form": form,
            "params": PARAMETERS,
            "criteria": criteria,
            "result": result,
            "page": result.page,
            "chips": active,
            "summary": criteria.summary(),
            "feed_query": replace(criteria, qualified=None).query(),
            "can_qualify": qualifications is not None,
            "qualify_prompt": qualify_prompt,
            "canonical_query": canonical_query(criteria, result),
            "sort_options": criteria.sort_options(),
            "relaxations": relaxations(active, catalogue)
            if for_content and not result.total
            else [],
            "fragment": fragment,
            "alert_query": criteria.query(),
            "viewer_state": _viewer_state(request, viewer) if viewer else None,
        }

    def content(context: dict) -> str:
        result = context["result"]
        cards = posting_cards(result.ids, catalogue, distances=result.distances)
        return render_to_string(partial, {**context, "cards": cards}, request)

    if criteria.qualified is None:
        result = search(criteria, page_number=number, catalogue=catalogue, hydrate=False)
        context = context_for(result)
        signature = (
            signed_in,
            qualifications is not None,
            qualify_prompt,
            result.total,
            result.page.number if result.page else 0,
            [[o.count for o in f.options] for f in result.facets],
            [o.count for o in result.toggles],
            [count for _, count in context["relaxations"]],
            card_signature(result.ids, catalogue),
        )
        html = cached_content(request, partial, signature, lambda: content(context))
    else:
        # "Jobs I qualify for": the content of one set of qualifying postings in this
        # catalogue state, with the total and page number the page around it shows, kept
        # apart from the pages everyone shares.
        made: dict = {}

        def make() -> tuple[int, int, str]:
            found = search(criteria, page_number=number, catalogue=catalogue, hydrate=False)
            made["context"] = context_for(found)
            shown = found.page.number if found.page else 1
            return found.total, shown, content(made["context"])

        now = timezone.now()
        answer = (
            qualified_digest(criteria, catalogue, now),
            catalogue.state(now.timestamp()),
            int(now.timestamp() // 60) if criteria.posted else 0,  # "posted within" moves
        )
        total, shown, html = kept_apart(request, partial, answer, make)
        context = made.get("context") or context_for(
            Result(criteria, total, paged(total, shown), ids=[], distances=[], now=now),
            for_content=False,
        )
    if fragment:
        return HttpResponse(html)
    return render(request, template, {**context, "content": mark_safe(html)})  # noqa: S308


def _viewer_state(request: HttpRequest, viewer: Viewer) -> dict:
    """What the page's script needs to show save toggles on the (shared) result cards."""
    return {
        "saved": sorted(viewer.saved_posting_ids()),
        "toggle": viewer.save_url(0).replace("/0/", "/{id}/"),  # for cards htmx brings later
        "csrf": get_token(request),
    }


def canonical_query(criteria: Criteria, result) -> str:
    """The one query string for this listing page: its filters in order, and the page."""
    page = result.page.number if result.page else 1
    return "&".join(q for q in (criteria.query(), f"page={page}" if page > 1 else "") if q)


def relaxations(active: list[Chip], catalogue: Catalogue) -> list[tuple[Chip, int]]:
    """For an empty result: how many postings each single filter's removal would give."""
    found = []
    for chip in active[:MAX_RELAXATIONS]:
        total = search(chip.without, page_size=0, with_counts=False, catalogue=catalogue).total
        if total:
            found.append((chip, total))
    return sorted(found, key=lambda pair: -pair[1])


POSTING = "listings/posting_detail.html"


@public_page
def posting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An open posting; a closed or expired one answers 410 Gone with similar open roles.

    An open posting's page is found through the search index and the content cache, keyed
    by the posting's last change and its similar postings: most views read no database.
    """
    catalogue = request_catalogue(request)
    now = timezone.now()
    listed = catalogue.find(slug, now.timestamp())
    signature = None
    if listed is not None:
        similar = similar_to(listed.id, listed.role, listed.latitude, listed.longitude, catalogue)
        signature = (listed.id, listed.stamp, card_signature(similar.ids, catalogue))
        # A shell is kept only after its parts were found for this very page (below).
        shell = stored_shell(request, POSTING, signature)
        if shell is not None:
            return _filled(request, shell, _viewer_fit(request, listed.id, listed.stamp))
        stored = stored_parts(request, POSTING, signature)
        if stored is not None and stored.get("slug") == slug:
            parts = {name: mark_safe(html) for name, html in stored.items()}  # noqa: S308
            fit = _viewer_fit(request, listed.id, listed.stamp)
            return _posting_page(request, signature, parts, fit)

    # Only postings that were once public exist here: never drafts or scheduled ones.
    posting = get_object_or_404(
        JobPosting.objects.with_employer()
        .exclude(status=vocab.PostingStatus.DRAFT)
        .filter(published_at__lte=now),
        slug=slug,
    )
    similar = similar_to(posting.pk, posting.role, posting.latitude, posting.longitude, catalogue)

    def similar_cards() -> dict:
        return {
            "similar": posting_cards(
                similar.ids, catalogue, distances=similar.distances, distance_from="from this job"
            )
        }

    if not posting.is_open(now):
        return _page(
            request,
            "listings/posting_gone.html",
            {"posting": posting},
            signature=(
                row_signature(posting, posting.employer),
                card_signature(similar.ids, catalogue),
            ),
            content=similar_cards,
            status=410,
        )

    def render_parts() -> dict[str, str]:
        return render_posting_parts(request, posting, similar_cards()["similar"])

    # Stored only under the index's own view of this posting, which the page now matches.
    store = listed is not None and listed.id == posting.pk
    parts = cached_parts(request, POSTING, signature, render_parts, store=store)
    fit = _viewer_fit(request, posting.pk, posting=posting)
    return _posting_page(request, signature if store else None, parts, fit)


def _posting_page(
    request: HttpRequest, signature: object, parts: Mapping[str, str], fit: dict
) -> HttpResponse:
    """The page around a posting's `parts` with the visitor's own part (`fit`) in it: the
    rest is the same for every visitor of a kind, kept whole while `signature` holds (None:
    rendered whole each time)."""
    shell = None
    if signature is not None:
        shell = page_shell(
            request,
            POSTING,
            signature,
            lambda slot: render_to_string(POSTING, {"parts": parts, "viewer_html": slot}, request),
        )
    return _filled(request, shell, fit, parts)


def _filled(
    request: HttpRequest, shell: tuple[str, str] | None, fit: dict, parts: Mapping | None = None
) -> HttpResponse:
    """The posting page: its shell with the visitor's part in the slot, or (no shell) the
    whole page rendered around `parts`."""
    # Rendered with what it uses given (the request; the visitor's CSRF token, made only for
    # the save button's form), not through the context processors: the shell ran them.
    token = get_token(request) if fit.get("save_url") else ""
    viewer_html = render_to_string(
        f"{POSTING}#viewer", {**fit, "request": request, "csrf_token": token}
    )
    if shell is None:
        return render(request, POSTING, {"parts": parts, "viewer_html": viewer_html})
    before, after = shell
    return HttpResponse(before + viewer_html + after)


def _viewer_fit(
    request: HttpRequest, posting_id: int, stamp: object = None, posting: JobPosting | None = None
) -> dict:
    """What the posting page says of the visitor and this job's requirements: an invitation
    to sign in (the same for every anonymous visitor), to add credentials, or the fit."""
    viewer = viewer_of(request)
    if viewer is None:
        return {"fit_sign_in": True}
    saved = {
        "saved": posting_id in viewer.saved_posting_ids(),
        "save_url": viewer.save_url(posting_id),
    }
    qualifications = viewer.qualifications()
    if qualifications is None:
        return {"fit_needs_profile": True, **saved}
    requirements = Requirements.of(posting) if posting else _requirements(posting_id, stamp)
    return {"fit_html": _fit_html(requirements, qualifications, timezone.localdate()), **saved}


@lru_cache(maxsize=2048)  # about 2 KB each
def _fit_html(requirements: Requirements, qualifications, today) -> str:
    """The checklist of one person against one set of requirements, as of a day: many
    postings share their requirements, and a person reads many postings."""
    return render_to_string(FIT, {"fit": fit(requirements, qualifications, today=today)})


@lru_cache(maxsize=4096)
def _requirements(posting_id: int, stamp: object) -> Requirements:
    """A posting's requirements, remembered per process while its stamp (last change)
    stays the same: signed-in views of an unchanged posting read no database for them."""
    return Requirements.of(JobPosting.objects.only(*Requirements.FIELDS).get(pk=posting_id))


@public_page
def employer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    employer = get_object_or_404(Employer, slug=slug)
    catalogue = request_catalogue(request)
    result = search(
        Criteria(employer_id=employer.pk),
        page_number=page_number(request.GET),
        catalogue=catalogue,
        hydrate=False,
        with_counts=False,
    )
    context = {"employer": employer, "result": result, "page": result.page}
    signature = (row_signature(employer), result.total, card_signature(result.ids, catalogue))
    return _page(
        request,
        "listings/employer_detail.html",
        context,
        signature=signature,
        content=lambda: {"cards": posting_cards(result.ids, catalogue, hide_employer=True)},
    )


@public_page
def guide_list(request: HttpRequest) -> HttpResponse:
    result = search(Criteria(), page_size=0, catalogue=request_catalogue(request))
    role_counts = {o.value: o.count for o in result.facet("role").options}
    guides = [(guide, role_counts.get(guide.role, 0)) for guide in GUIDES]
    context = {"guides": guides, "ladder": LADDER}
    return _page(request, "listings/guide_list.html", context, signature=list(role_counts.items()))


@public_page
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = GUIDES_BY_SLUG.get(slug)
    if guide is None:
        raise Http404("No such role guide.")
    catalogue = request_catalogue(request)
    result = search(
        Criteria(facets={"role": (guide.role,)}), page_size=3, catalogue=catalogue, hydrate=False
    )
    by_setting = [o for o in result.facet("setting").options if o.count]
    context = {
        "guide": guide,
        "ladder": LADDER,
        "total": result.total,
        "by_setting": by_setting,
        "new_grad_count": result.toggle_counts["new_grad"],
    }
    signature = (
        result.total,
        [(o.value, o.count) for o in by_setting],
        result.toggle_counts["new_grad"],
        card_signature(result.ids, catalogue),
    )
    return _page(
        request,
        "listings/guide_detail.html",
        context,
        signature=signature,
        content=lambda: {"latest": posting_cards(result.ids, catalogue)},
    )


def forget_memos() -> None:
    """Forget this process's remembered requirements and checklists (tests)."""
    _requirements.cache_clear()
    _fit_html.cache_clear()
