"""Signing in through allauth, with the signed-in user read from the cache on each request
(one database query less a page); any save or deletion of a user forgets the copy.

Other apps may ask for entries of their own to be read in the same round trip as the user
(`read_with_user`): the user and what the page needs of them (applicants: their
qualifications and saved jobs) are read together, and with the session itself when the
browser holds the hint of who signed in (`accounts.readahead`).
"""

from collections.abc import Callable
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from accounts.models import User
from accounts.readahead import read_ahead

USER_CACHE_SECONDS = 300
NOT_READ = object()
_companions: list[Callable[[Any], str]] = []


def read_with_user(key_for: Callable[[Any], str]) -> None:
    """Read the cache entry `key_for(user_id)` together with the user (apps' ready())."""
    if key_for not in _companions:
        _companions.append(key_for)


def read_along(user, key: str):
    """The entry `key` as read with `user`: its value, None if it was not in the cache, or
    NOT_READ if it was not read with this user (then read it yourself)."""
    return getattr(user, "_read_along", {}).get(key, NOT_READ)


def user_cache_key(user_id) -> str:
    return f"auth-user:v1:{user_id}"


def user_entries(user_id) -> list[str]:
    """The cache keys read for a signed-in user: theirs, then what other apps asked for."""
    return [user_cache_key(user_id), *(key_for(user_id) for key_for in _companions)]


class CachedUserBackend(AuthenticationBackend):
    def get_user(self, user_id):
        key, *along = keys = user_entries(user_id)
        found = read_ahead(keys)  # with the session, when the browser holds the hint
        if found is None:
            found = cache.get_many(keys) if along else {key: cache.get(key)}
        user = found.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
        if user is not None:
            user._read_along = {k: found.get(k) for k in along}  # this request's copy only
        return user


def _forget(sender, instance: User, **kwargs) -> None:
    cache.delete(user_cache_key(instance.pk))


post_save.connect(_forget, sender=User, dispatch_uid="forget-cached-user-on-save")
post_delete.connect(_forget, sender=User, dispatch_uid="forget-cached-user-on-delete")
