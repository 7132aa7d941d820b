"""Caches for the public pages: what each stores, for whom, and what it replays.

Three layers, each keyed by what its content depends on, so that none can show a closed
posting, a stale count, or one visitor's page to another:

1. Whole pages, for anonymous visitors (`public_page`). Keyed by path, query string, htmx
   fragment or not, and the catalogue's state: its position in the change log and how
   many postings have opened or closed by the clock since. Any change to any posting
   moves the key; the page is then rebuilt from layers 2 and 3, which mostly still hold.
   Stored only when the request carried no session or messages cookie (so the page is
   the one every anonymous visitor gets), the response is 200 or 410, it used no CSRF
   token and no CSP nonce, and it sets no cookie. Replayed: the status, Content-Type,
   body (gzipped when the client accepts it, compressed once when stored) and a weak
   ETag; Cache-Control and Vary are set afresh. Cookies and other headers never are.
2. Page content (`cached_content`): the part of a page below the header, the same for
   everyone, keyed by a signature of what it shows (posting ids and stamps, counts, the
   posting's own fields) and today's date (for "posted 3 days ago"). Signed-in visitors,
   who never get layer 1, are served from here. What few visitors share ("jobs I qualify
   for": one set of qualifying postings) is kept apart (`kept_apart`), in Redis only. A
   page whose visitors differ in one place only (a posting page: the save button and the
   checklist) is kept whole, with a slot for that place (`page_shell`).
3. Posting cards (`posting_cards`): one card's HTML per posting, stamp (its last change),
   day and variant. A page of results whose postings did not change is a cache read.
"""

import gzip
import hashlib
import pickle
import threading
import time
import weakref
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import SafeString, mark_safe

from listings.models import JobPosting
from listings.search.catalogue import Catalogue, current_catalogue

CACHEABLE_STATUSES = frozenset({200, 410})
MAX_CACHED_BYTES = 512 * 1024  # a pathological query's page is not worth keeping
VARY = ("Cookie", "HX-Request", "HX-History-Restore-Request", "Accept-Encoding")
KEY_VERSION = "v7"  # bump when what a key covers changes


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx update of the listing (not a history restore, which needs the full page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def request_catalogue(request: HttpRequest) -> Catalogue:
    """The search index this request works with: one snapshot for the whole request.

    The request holds it weakly: requests and responses form reference cycles that live
    until a garbage collection, and a snapshot is megabytes.
    """
    held = getattr(request, "_search_catalogue", None)
    catalogue = held() if held is not None else None
    if catalogue is None:
        catalogue = current_catalogue()
        setattr(request, "_search_catalogue", weakref.ref(catalogue))  # noqa: B010
    return catalogue


def catalogue_state(request: HttpRequest) -> str:
    """Changes whenever what any public page shows could have changed (but dates)."""
    return request_catalogue(request).state(timezone.now().timestamp())


# 1. Whole pages --------------------------------------------------------------------------
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


def _used_token(request: HttpRequest) -> bool:
    """Whether anything rendered so far for this request used its CSRF token or CSP nonce."""
    nonce = getattr(request, "_csp_nonce", None)
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (nonce is not None and nonce))


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response holds anything of this visitor's: a CSRF token, a CSP nonce
    or a cookie of its own."""
    return _used_token(request) or bool(response.cookies)


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
                + _digest(
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


# 2. Page content -----------------------------------------------------------------------------
class _Recent:
    """Entries of the shared cache also kept in this process, up to a size.

    Their keys name exactly what they hold (a catalogue state, a signature, a stamp, a
    day), so a local copy can never be stale; keeping the most used ones here saves the
    round trip to Redis on the pages served most. Values are kept pickled and compressed,
    or (`packed=False`) as they are, counted by `size`.
    """

    def __init__(self, max_bytes: int, *, packed: bool = True):
        self.max_bytes = max_bytes
        self.packed = packed
        self.size = 0
        self.entries: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            self.entries.move_to_end(key)
        value = found[0]
        if self.packed:
            return pickle.loads(zlib.decompress(cast(bytes, value)))  # noqa: S301 - ours
        return value

    def set(self, key: str, value: object, size: int = 0) -> None:
        if self.packed:
            value = zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)
            size = len(value)
        with self.lock:
            old = self.entries.pop(key, None)
            self.size += size - (old[1] if old else 0)
            self.entries[key] = (value, size)
            while self.size > self.max_bytes and self.entries:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


# Sized for a few hundred pages a worker (a posting page's content packs to about 10 KB).
_recent_content = _Recent(max_bytes=8 * 1024 * 1024)
_recent_cards = _Recent(max_bytes=2 * 1024 * 1024)
_recent_pages = _Recent(max_bytes=4 * 1024 * 1024, packed=False)  # bodies already gzipped
# "Jobs I qualify for" (`kept_apart`), kept as stored: about 4 KB a page of results.
_recent_apart = _Recent(max_bytes=2 * 1024 * 1024, packed=False)


def forget_recent() -> None:
    """Drop this process's copies (tests that clear the shared cache)."""
    _recent_content.clear()
    _recent_cards.clear()
    _recent_pages.clear()
    _recent_apart.clear()


def _content_key(request: HttpRequest, name: str, signature: object) -> str:
    return (
        "content:"
        + KEY_VERSION
        + ":"
        + _digest(
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
    return _get_content(_content_key(request, name, signature))


def _get_content(key: str):
    value = _recent_content.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _recent_content.set(key, value)
    return value


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
    key = _content_key(request, name, signature)
    parts = _get_content(key) if store else None
    if parts is None:
        parts = render()
        if store:
            cache.set(key, parts, settings.FRAGMENT_CACHE_SECONDS)
            _recent_content.set(key, parts)
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
    key = _content_key(request, name, ("apart", signature))
    packed = _recent_apart.get(key)
    if packed is None:
        packed = cache.get(key)
        if packed is not None:
            _recent_apart.set(key, packed, len(packed))
    if packed is not None:
        return pickle.loads(zlib.decompress(packed))  # noqa: S301 - ours
    value = make()
    # Compressed (a listing page to a fifth): there may be one for each person and page.
    packed = zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)
    cache.set(key, packed, PERSONAL_SECONDS)
    _recent_apart.set(key, packed, len(packed))
    return value


SLOT = mark_safe("<!--otjobs:visitor-->")  # where each visitor's own part goes (page_shell)


def _shell_key(request: HttpRequest, name: str, signature: object) -> str | None:
    if len(get_messages(request)) or _used_token(request):
        return None  # flashed messages for this visitor, or a token in use: not shared
    return _content_key(request, name + "#shell", (signature, request.user.is_authenticated))


def stored_shell(request: HttpRequest, name: str, signature: object) -> tuple[str, str] | None:
    """The shell `page_shell` kept for this page, signature and kind of visitor, if any."""
    key = _shell_key(request, name, signature)
    return None if key is None else _get_content(key)


def page_shell(
    request: HttpRequest, name: str, signature: object, render: Callable[[str], str]
) -> tuple[str, str] | None:
    """A whole page as every visitor of one kind (signed in or not) gets it, with one slot
    for what is each visitor's own: the HTML before and after the slot.

    `render(SLOT)` renders the page with SLOT where the visitor's part goes; the result is
    kept like content while `signature` (and the day) holds, so that a view fills the slot
    and renders nothing else. None, and the view renders the whole page, when the page can't
    be shared: flashed messages wait for this visitor, or something already used the
    request's CSRF token or CSP nonce, or the render did (what it made is then discarded).
    """
    key = _shell_key(request, name, signature)
    if key is None:
        return None
    shell = _get_content(key)
    if shell is None:
        html = render(SLOT)
        if _used_token(request) or html.count(SLOT) != 1:
            return None
        before, _, after = html.partition(SLOT)
        shell = (before, after)
        cache.set(key, shell, settings.FRAGMENT_CACHE_SECONDS)
        _recent_content.set(key, shell)
    return shell


# 3. Posting cards ----------------------------------------------------------------------------
CARD_TEMPLATE = "includes/posting_card.html"


def posting_cards(
    ids: Sequence[int],
    catalogue: Catalogue,
    *,
    distances: Sequence[float | None] | None = None,
    hide_employer: bool = False,
    distance_from: str = "away",
) -> list[SafeString]:
    """The cards of these postings, in order; a posting that is no longer open is left out.

    Cards still cached for the posting's stamp and today are read in one round trip; the
    others are read from the database (through `open()`) and rendered.
    """
    if not ids:
        return []
    distances = distances or [None] * len(ids)
    day = timezone.localdate()
    stamps = catalogue.stamps_of(ids)
    keys = [
        "card:" + KEY_VERSION + ":" + _digest(i, s, day, d, hide_employer, distance_from)
        for i, s, d in zip(ids, stamps, distances, strict=True)
    ]
    found = {}
    for key in keys:
        card = _recent_cards.get(key)
        if card is not None:
            found[key] = card
    if len(found) < len(keys):
        shared = cache.get_many([key for key in keys if key not in found])
        for key, card in shared.items():
            _recent_cards.set(key, card)
        found.update(shared)
    missing = [i for i, key in zip(ids, keys, strict=True) if key not in found]
    if missing:
        postings = JobPosting.objects.open().with_employer().in_bulk(missing)
        rendered = {}
        for posting_id, key, miles in zip(ids, keys, distances, strict=True):
            posting = postings.get(posting_id)
            if key in found or posting is None:
                continue
            posting.distance = miles
            rendered[key] = render_to_string(
                CARD_TEMPLATE,
                {
                    "posting": posting,
                    "hide_employer": hide_employer,
                    "distance_from": distance_from,
                },
            )
        cache.set_many(rendered, settings.FRAGMENT_CACHE_SECONDS)
        for key, card in rendered.items():
            _recent_cards.set(key, card)
        found.update(rendered)
    return [mark_safe(found[key]) for key in keys if key in found]  # noqa: S308


def row_signature(*rows: Model) -> str:
    """A digest of model rows' stored values: changes when any of them does."""
    values: list[object] = []
    for row in rows:
        values.append(type(row).__name__)
        values += [getattr(row, f.attname) for f in row._meta.concrete_fields]
    return _digest(*values)


def card_signature(ids: Iterable[int], catalogue: Catalogue) -> tuple:
    ids = list(ids)
    return tuple(ids), tuple(catalogue.stamps_of(ids))
