"""What a listings page may know of the visitor: their qualifications, as a value this app
defines. The app that keeps profiles (applicants) puts a provider on the request
(`applicants.middleware`); listings asks for it here and never imports that app."""

from collections.abc import Callable

from django.http import HttpRequest

from listings.requirements import Qualifications

PROVIDER_ATTRIBUTE = "qualifications_provider"


def provide_qualifications(
    request: HttpRequest, provider: Callable[[], Qualifications | None]
) -> None:
    """Called by the profiles app for each request: `provider()` is asked at most once."""
    setattr(request, PROVIDER_ATTRIBUTE, provider)


def viewer_qualifications(request: HttpRequest) -> Qualifications | None:
    """The signed-in visitor's qualifications, or None (anonymous, or no profile yet)."""
    provider = getattr(request, PROVIDER_ATTRIBUTE, None)
    return provider() if provider is not None else None
