"""Signing in through allauth, with the signed-in user read from the cache on each request
(one database query less a page); any save or deletion of a user forgets the copy."""

from allauth.account.auth_backends import AuthenticationBackend
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from accounts.models import User

USER_CACHE_SECONDS = 300


def user_cache_key(user_id) -> str:
    return f"auth-user:v1:{user_id}"


class CachedUserBackend(AuthenticationBackend):
    def get_user(self, user_id):
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
        return user


def _forget(sender, instance: User, **kwargs) -> None:
    cache.delete(user_cache_key(instance.pk))


post_save.connect(_forget, sender=User, dispatch_uid="forget-cached-user-on-save")
post_delete.connect(_forget, sender=User, dispatch_uid="forget-cached-user-on-delete")
