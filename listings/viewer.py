"""What a listings page may know of the visitor, as values this app defines.

The app that keeps profiles (applicants) puts a `Viewer` on each request of a signed-in
user (`applicants.middleware`); listings asks for it here and never imports that app.
"""

from typing import Protocol

from django.http import HttpRequest

from listings.requirements import Qualifications

ATTRIBUTE = "listings_viewer"


class Viewer(Protocol):
    """A signed-in visitor, as listings pages see them. Each answer is computed at most
    once a request, and only when a page asks."""

    def qualifications(self) -> Qualifications | None:
        """What they hold; None until they have a profile."""
        ...

    def saved_posting_ids(self) -> frozenset[int]:
        """The postings they saved."""
        ...

    def save_url(self, posting_id: int) -> str:
        """Where a POST saves (or unsaves) a posting for them."""
        ...


def provide_viewer(request: HttpRequest, viewer: Viewer) -> None:
    setattr(request, ATTRIBUTE, viewer)


def viewer_of(request: HttpRequest) -> Viewer | None:
    """The signed-in visitor, or None for anonymous visitors (whose pages are shared)."""
    viewer = getattr(request, ATTRIBUTE, None)
    if viewer is None or not request.user.is_authenticated:
        return None
    return viewer
