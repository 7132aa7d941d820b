from functools import cached_property
from typing import cast

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from applicants.models import Profile, SavedJob
from listings.requirements import Qualifications
from listings.viewer import provide_viewer


class ApplicantViewer:
    """listings.viewer.Viewer for a signed-in user: asked lazily, once a request."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @property
    def _user(self) -> User:
        return cast(User, self.request.user)  # asked only for signed-in visitors (viewer_of)

    @cached_property
    def _qualifications(self) -> Qualifications | None:
        profile = Profile.objects.filter(user=self._user).prefetch_related("licenses").first()
        return profile.qualifications() if profile else None

    def qualifications(self) -> Qualifications | None:
        return self._qualifications

    @cached_property
    def _saved(self) -> frozenset[int]:
        ids = SavedJob.objects.filter(user=self._user).values_list("posting_id", flat=True)
        return frozenset(ids)

    def saved_posting_ids(self) -> frozenset[int]:
        return self._saved

    def save_url(self, posting_id: int) -> str:
        return reverse("applicants:saved_toggle", kwargs={"posting_id": posting_id})


class ViewerMiddleware:
    """Lets listings pages ask about the signed-in visitor (listings.viewer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        provide_viewer(request, ApplicantViewer(request))
        return self.get_response(request)
