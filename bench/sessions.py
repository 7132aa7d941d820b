"""Signed-in visitors for the benchmark: sessions of demo applicants, made in the database.

Run by bench/run.py with the benchmark's settings (the session hash depends on SECRET_KEY).
`python bench/sessions.py N` signs in N demo applicants spread over the whole list (new
graduates, COTAs and aides among them, as `seed_demo` made them) and prints, a line each,
the Cookie header their browser would send: the session cookie, the hint of who signed in
that the sign-in response sets (accounts.readahead) and a CSRF cookie (every signed-in page
has a sign-out form, so a browser holds one; without it each response would set a new one).
"""

import os
import sys
from importlib import import_module

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otjobs.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from accounts.readahead import HINT_COOKIE  # noqa: E402
from applicants.models import Profile  # noqa: E402


def cookie_for(user) -> str:
    """The Cookie header of a browser `user` signed in with: the session, made as
    django.contrib.auth.login() makes it, the sign-in hint and a CSRF cookie."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {HINT_COOKIE}={user.pk}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf}"
    )


def main(count: int) -> None:
    profiles = list(Profile.objects.order_by("id").select_related("user"))
    if len(profiles) < count:
        raise SystemExit(f"{count} sessions wanted, but only {len(profiles)} applicants")
    step = len(profiles) // count
    for profile in profiles[::step][:count]:
        print(cookie_for(profile.user))


if __name__ == "__main__":
    main(int(sys.argv[1]))
