"""Layer 2: page content, the same for everyone who sees it (`cached_content`,
`cached_parts`), and what few visitors share (`kept_apart`)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from listings.caching.base import KEY_VERSION, Recent, digest, pack, unpack, wants_fragment

# Sized for a few hundred pages a worker (a posting page's content packs to about 10 KB).
_recent_content = Recent(max_bytes=8 * 1024 * 1024)
# "Jobs I qualify for" (`kept_apart`), kept as stored (about 9 KB a page of results): room
# for the pages a few dozen people are looking through at once, each flipping pages and
# filters. Least recently used first out: smaller, and people going round their pages
# would push each other's out before coming back to them.
_recent_apart = Recent(max_bytes=6 * 1024 * 1024, packed=False)


def content_key(request: HttpRequest, name: str, signature: object) -> str:
    return (
        "content:"
        + KEY_VERSION
        + ":"
        + digest(
            name,
            request.path,
            request.META.get("QUERY_STRING", ""),
            wants_fragment(request),
            timezone.localdate(),
            signature,
        )
    )


def stored_parts(request: HttpRequest, name: str, signature: object) -> dict[str, str] | None:
    """Parts of a page stored by `cached_parts` under this signature, if any."""
    return get_content(content_key(request, name, signature))


def get_content(key: str):
    """Content kept under `key`: this process's copy, or the shared cache's (then copied)."""
    value = _recent_content.get(key)
    if value is None:
        packed = cache.get(key)
        if packed is not None:
            _recent_content.keep_packed(key, packed)
            value = unpack(packed)
    return value


def keep_content(key: str, value: object) -> None:
    """Keep content under `key` in the shared cache and in this process's copies, packed
    once for both (`pack`)."""
    packed = pack(value)
    cache.set(key, packed, settings.FRAGMENT_CACHE_SECONDS)
    _recent_content.keep_packed(key, packed)


def cached_parts(
    request: HttpRequest,
    name: str,
    signature: object,
    render: Callable[[], dict[str, str]],
    *,
    store: bool = True,
) -> dict[str, SafeString]:
    """Named parts of a page (its content, its title...) that `render()` makes, kept while
    `signature` (and the day) stays the same.

    `signature` must cover everything the parts show. They are shared by every visitor,
    so they must hold nothing of one visitor's (no CSRF token, no name).
    """
    key = content_key(request, name, signature)
    parts = get_content(key) if store else None
    if parts is None:
        parts = render()
        if store:
            keep_content(key, parts)
    return {part: mark_safe(html) for part, html in parts.items()}  # noqa: S308 - our templates


def cached_content(
    request: HttpRequest,
    name: str,
    signature: object,
    render: Callable[[], str],
    *,
    store: bool = True,
) -> SafeString:
    """The content `render()` makes, kept while `signature` (and the day) stays the same
    (`store=False`: content few others will see, rendered each time)."""
    return cached_parts(request, name, signature, lambda: {"main": render()}, store=store)["main"]


PERSONAL_SECONDS = 3600


def kept_apart(request: HttpRequest, name: str, signature: object, make: Callable[[], Any]) -> Any:
    """What `make()` gives for a page few visitors share ("jobs I qualify for": the results
    and content for one set of qualifying postings), kept under `signature` and the day in
    the shared cache, and in this process apart from its copies of the pages everyone
    shares (which these never push out). Like all content, it must hold nothing of one
    visitor's."""
    key = content_key(request, name, ("apart", signature))
    packed = _recent_apart.get(key)
    if packed is None:
        packed = cache.get(key)
        if packed is not None:
            _recent_apart.set(key, packed, len(packed))
    if packed is not None:
        return unpack(packed)
    value = make()
    packed = pack(value)  # there may be one for each person and page
    cache.set(key, packed, PERSONAL_SECONDS)
    _recent_apart.set(key, packed, len(packed))
    return value
