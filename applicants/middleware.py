from functools import cache

from applicants.models import Profile
from listings.requirements import Qualifications
from listings.viewer import provide_qualifications


class QualificationsMiddleware:
    """Lets listings pages ask for the signed-in applicant's qualifications (one or two
    queries, made only when a page asks, at most once a request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        @cache
        def provider() -> Qualifications | None:
            user = request.user
            if not user.is_authenticated:
                return None
            profile = Profile.objects.filter(user=user).prefetch_related("licenses").first()
            return profile.qualifications() if profile else None

        provide_qualifications(request, provider)
        return self.get_response(request)
