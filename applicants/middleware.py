from functools import cached_property, lru_cache
from typing import cast

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from accounts.backends import NOT_READ, read_along
from accounts.models import User
from applicants.models import Profile, SavedJob
from listings.requirements import Qualifications
from listings.viewer import provide_viewer

VIEWER_CACHE_SECONDS = 3600


def viewer_cache_key(user_id: int) -> str:
    return f"applicant-viewer:v1:{user_id}"


def forget_viewer(user_id: int | None) -> None:
    """Called whenever a profile, license or saved job of the user changes
    (applicants.signals), so the next page reads them afresh."""
    if user_id is not None:
        cache.delete(viewer_cache_key(user_id))


class ApplicantViewer:
    """listings.viewer.Viewer for a signed-in user: what pages ask of them (qualifications,
    saved jobs) read once and kept in the shared cache until one of them changes."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @property
    def _user(self) -> User:
        return cast(User, self.request.user)  # asked only for signed-in visitors (viewer_of)

    @cached_property
    def _known(self) -> tuple[Qualifications | None, frozenset[int]]:
        key = viewer_cache_key(self._user.pk)
        known = read_along(self._user, key)  # read with the user (AppConfig.ready)
        if known is NOT_READ:
            known = cache.get(key)
        if known is None:
            profile = Profile.objects.filter(user=self._user).prefetch_related("licenses").first()
            saved = SavedJob.objects.filter(user=self._user).values_list("posting_id", flat=True)
            known = (profile.qualifications() if profile else None, frozenset(saved))
            cache.set(key, known, VIEWER_CACHE_SECONDS)
        return known

    def qualifications(self) -> Qualifications | None:
        return self._known[0]

    def saved_posting_ids(self) -> frozenset[int]:
        return self._known[1]

    def save_url(self, posting_id: int) -> str:
        return _save_url_pattern(get_script_prefix()).format(posting_id)


@lru_cache(maxsize=16)
def _save_url_pattern(script_prefix: str) -> str:
    """The save button's address with a place for the posting's id, reversed once per
    script prefix (every signed-in posting page has one)."""
    before, _, after = reverse("applicants:saved_toggle", kwargs={"posting_id": 0}).rpartition(
        "/0/"
    )
    return "/{}/".join(part.replace("{", "{{").replace("}", "}}") for part in (before, after))


class ViewerMiddleware:
    """Lets listings pages ask about the signed-in visitor (listings.viewer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        provide_viewer(request, ApplicantViewer(request))
        return self.get_response(request)
