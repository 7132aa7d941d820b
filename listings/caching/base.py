"""What the caches share: the request's search index, key parts, and the copies of shared
cache entries each process keeps (`Recent`)."""

import hashlib
import pickle
import threading
import weakref
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from listings.search.catalogue import Catalogue, current_catalogue


def _release() -> str:
    """A digest of what this deployment renders pages with (templates, static files, the
    apps' code): pages, content and cards an earlier release kept in the shared cache are
    never served by a newer one after a deploy."""
    root = Path(settings.BASE_DIR)
    sources = hashlib.sha256()
    for top in sorted(root.iterdir()):
        if top.name in RENDERED_FROM:
            for path in sorted(p for p in top.rglob("*") if p.is_file() and p.suffix != ".pyc"):
                sources.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return sources.hexdigest()[:12]


RENDERED_FROM = {"templates", "static", "otjobs", "listings", "applicants", "accounts"}

# In every key: bump the first part when what a key covers changes.
KEY_VERSION = "v7-" + _release()


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx update of the listing (not a history restore, which needs the full page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def digest(*parts: object) -> str:
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


def used_token(request: HttpRequest) -> bool:
    """Whether anything rendered so far for this request used its CSRF token or CSP nonce."""
    nonce = getattr(request, "_csp_nonce", None)
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (nonce is not None and nonce))


def pack(value: object) -> bytes:
    """A value pickled and compressed (page content to about a ninth): how content is kept
    in the shared cache and in each process's copies."""
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Any:
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 - only ever ours


class Recent:
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
        _every.append(self)

    def get(self, key: str) -> Any:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            self.entries.move_to_end(key)
        value = found[0]
        return unpack(cast(bytes, value)) if self.packed else value

    def set(self, key: str, value: object, size: int = 0) -> None:
        if self.packed:
            value = pack(value)
            size = len(value)
        self._keep(key, value, size)

    def keep_packed(self, key: str, packed: bytes) -> None:
        """Keep what `pack` made of a value (packed once, for the shared cache too): for
        copies that keep values packed."""
        self._keep(key, packed, len(packed))

    def _keep(self, key: str, value: object, size: int) -> None:
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


_every: list[Recent] = []


def forget_recent() -> None:
    """Drop this process's copies (tests that clear the shared cache)."""
    for recent in _every:
        recent.clear()
