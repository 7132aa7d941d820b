"""Layer 1: whole pages for anonymous visitors (`public_page`)."""

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from listings.caching.base import (
    KEY_VERSION,
    Recent,
    catalogue_state,
    digest,
    used_token,
    wants_fragment,
)

CACHEABLE_STATUSES = frozenset({200, 410})
MAX_CACHED_BYTES = 512 * 1024  # a pathological query's page is not worth keeping
VARY = ("Cookie", "HX-Request", "HX-History-Restore-Request", "Accept-Encoding")
_recent_pages = Recent(max_bytes=4 * 1024 * 1024, packed=False)  # bodies already gzipped


@dataclass(frozen=True)
class _Entry:
    status: int
    content_type: str
    gzipped: bytes  # the body, compressed once when stored
    etag: str
    expires: float  # time.time() after which the entry is not replayed


def _anonymous(request: HttpRequest) -> bool:
    """A GET from a visitor without a session or flashed messages: a visitor who gets the
    page every anonymous visitor gets."""
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and not request.COOKIES.get("messages")
    )


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response holds anything of this visitor's: a CSRF token, a CSP nonce
    or a cookie of its own."""
    return used_token(request) or bool(response.cookies)


def public_headers(response: HttpResponse) -> HttpResponse:
    """Headers of a page any anonymous visitor may be given, for as long as we cache it."""
    seconds = settings.PAGE_CACHE_SECONDS
    if seconds:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, VARY)
    return response


def _replay(request: HttpRequest, entry: _Entry) -> HttpResponse:
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        entry.gzipped if accepts_gzip else gzip.decompress(entry.gzipped),
        status=entry.status,
        content_type=entry.content_type,
    )
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = entry.etag
    return public_headers(response)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors a whole page from the cache while nothing it shows changed,
    with headers that let a CDN or browser keep it for as long as we would."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _anonymous(request):
            return view(request, *args, **kwargs)  # private: see otjobs.middleware
        key = None
        if settings.PAGE_CACHE_SECONDS:
            key = (
                "page:"
                + KEY_VERSION
                + ":"
                + digest(
                    catalogue_state(request),
                    request.path,
                    request.META.get("QUERY_STRING", ""),
                    wants_fragment(request),
                )
            )
            entry = _recent_pages.get(key)
            if entry is None:
                entry = cache.get(key)
                if entry is not None:
                    _recent_pages.set(key, entry, len(entry.gzipped))
            if entry is not None and entry.expires > time.time():
                return _replay(request, entry)
        response = view(request, *args, **kwargs)
        if response.streaming or _personal(request, response):
            return response
        if response.status_code in CACHEABLE_STATUSES:
            public_headers(response)
            body = response.content
            if key and len(body) <= MAX_CACHED_BYTES:
                entry = _Entry(
                    status=response.status_code,
                    content_type=response["Content-Type"],
                    gzipped=gzip.compress(body, compresslevel=6, mtime=0),
                    etag=f'W/"{hashlib.sha1(body, usedforsecurity=False).hexdigest()}"',
                    expires=time.time() + settings.PAGE_CACHE_SECONDS,
                )
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                _recent_pages.set(key, entry, len(entry.gzipped))
                response["ETag"] = entry.etag
        return response

    return wrapper
