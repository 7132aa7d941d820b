"""Whole-page caching of public pages, keyed by the catalogue version.

Rendering a listing (dozens of facet options, twenty cards) costs far more than finding
its postings, so anonymous GETs are served from the cache until a posting changes (the
version moves) or `PAGE_CACHE_SECONDS` pass (dates such as "posted 3 days ago" and
expiries stay fresh). Visitors with a session or pending messages always get a fresh page.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from listings.search.catalogue import catalogue_version

CACHEABLE_STATUSES = {200, 410}
MAX_CACHED_BYTES = 512 * 1024  # a pathological query's page is not worth keeping
VARY = ["HX-Request", "HX-History-Restore-Request"]


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx update of the listing (not a history restore, which needs the full page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _cache_key(request: HttpRequest) -> str:
    # The query string as sent: with repeated parameters the last one wins, so order counts.
    query = request.META.get("QUERY_STRING", "")
    raw = f"{catalogue_version()}|{request.path}|{query}|{wants_fragment(request)}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _is_anonymous_and_quiet(request: HttpRequest) -> bool:
    """No session (so no sign-in) and no flashed messages: the page is the same for all."""
    return not (
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            request.method != "GET"
            or not settings.PAGE_CACHE_SECONDS
            or not _is_anonymous_and_quiet(request)
        ):
            return view(request, *args, **kwargs)
        key = _cache_key(request)
        hit = cache.get(key)
        if hit is not None:
            status, content_type, content = hit
            response = HttpResponse(content, status=status, content_type=content_type)
            patch_vary_headers(response, VARY)
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code in CACHEABLE_STATUSES
            and not response.streaming
            and len(response.content) <= MAX_CACHED_BYTES
        ):
            value = (response.status_code, response["Content-Type"], response.content)
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
