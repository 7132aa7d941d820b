"""Where applicants' files live: the private storage, under names no one can guess."""

import secrets

from django.core.files.storage import Storage, storages


class PrivateStorage(Storage):
    """STORAGES["private"], looked up at each use rather than once at import, so that a
    changed setting (a deployment's, a test's) is always the one files go to."""

    def __getattribute__(self, name: str):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage() -> Storage:
    return PrivateStorage()


def new_token() -> str:
    return secrets.token_urlsafe(24)
