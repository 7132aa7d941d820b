"""A signed-in page reads the session, the user and what pages need of them from the shared
cache in one round trip, not two.

The session says who is signed in, and the user's entries are keyed by their id
(`accounts.backends`): read in turn, that is two round trips on every signed-in page. A
browser that signed in here also holds a hint of its user's id (`HINT_COOKIE`, set at sign-in
and removed at sign-out, or when it comes without a session), so `ReadAheadMiddleware` reads
the session and that user's entries together before the view runs.

The hint decides only what is read ahead, never who is signed in: that still comes from the
session alone, and an entry read ahead serves only the read that asks for that very key (the
user's entries are keyed by the id the session names). A wrong or forged hint wastes one read
and nothing else. This module is the session engine (`SESSION_ENGINE = "accounts.readahead"`):
Django's cached_db sessions, taking the session read ahead when there is one.
"""

import contextvars
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.backends import cached_db
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

HINT_COOKIE = "otjobs_uid"
_read: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "read_ahead", default=None
)


def read_ahead(keys: Sequence[str]) -> dict[str, Any] | None:
    """These cache entries as read ahead for this request (None for one that was not in the
    cache), or None unless every one of them was read ahead. Each is given once: a second
    read of the same key in the request (after a write, say) goes to the cache."""
    found = _read.get()
    if found is None or any(key not in found for key in keys):
        return None
    return {key: found.pop(key) for key in keys}


class SessionStore(cached_db.SessionStore):
    def load(self):
        found = read_ahead([self.cache_key])
        if found is None or found[self.cache_key] is None:
            return super().load()  # not read ahead, or not in the cache: the database
        return found[self.cache_key]


class ReadAheadMiddleware:
    """Listed just before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from accounts.backends import user_entries  # the backend imports this module

        hint = request.COOKIES.get(HINT_COOKIE, "")
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        token = None
        if hint.isdigit() and session_key and settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS:
            keys = [SessionStore.cache_key_prefix + session_key, *user_entries(int(hint))]
            found = cache.get_many(keys)
            token = _read.set({key: found.get(key) for key in keys})
        try:
            response = self.get_response(request)
        finally:
            if token is not None:
                _read.reset(token)
        _keep_hint(request, response, hint, bool(session_key))
        return response


def _keep_hint(request: HttpRequest, response: HttpResponse, hint: str, session: bool) -> None:
    """Set the hint at sign-in; remove it at sign-out, or when it came without a session."""
    wanted = getattr(request, "_sign_in_hint", None)
    if wanted is None and hint and not session:
        wanted = ""
    if wanted is None or wanted == hint:
        return
    add_never_cache_headers(response)  # a response that sets a cookie is this browser's
    if wanted:
        response.set_cookie(
            HINT_COOKIE,
            wanted,
            max_age=settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(HINT_COOKIE, samesite="Lax")


@receiver(user_logged_in, dispatch_uid="read-ahead-hint-on-sign-in")
def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        request._sign_in_hint = str(user.pk)


@receiver(user_logged_out, dispatch_uid="read-ahead-hint-on-sign-out")
def _signed_out(sender, request, **kwargs) -> None:
    if request is not None:
        request._sign_in_hint = ""
