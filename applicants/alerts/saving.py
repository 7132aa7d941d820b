"""Saving jobs and searches, and the signed link that stops a saved search's emails."""

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse

from applicants.models import Profile, SavedJob, SavedSearch
from listings.forms import ListingForm
from listings.links import absolute_url
from listings.models import JobPosting
from listings.search.criteria import Criteria

UNSUBSCRIBE_SALT = "applicants.alert-unsubscribe"


def toggle_saved_job(*, user, posting: JobPosting) -> bool:
    """Save the posting, or unsave it if saved. Returns whether it is saved now."""
    deleted, _ = SavedJob.objects.filter(user=user, posting=posting).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            SavedJob.objects.create(user=user, posting=posting)
    except IntegrityError:  # saved by a second click at the same moment
        pass
    return True


def criteria_of(query: str, user) -> Criteria:
    """A saved query string as the listing reads it (qualified=1 with the user's profile)."""
    profile = Profile.objects.filter(user=user).prefetch_related("licenses").first()
    form = ListingForm(QueryDict(query))
    return form.criteria(profile.qualifications() if profile else None)


def save_search(*, user, query: str, frequency: str) -> SavedSearch:
    """Keep a listing's search (normalised, so the same search is saved once)."""
    criteria = criteria_of(query, user)
    canonical = criteria.query()
    saved, _ = SavedSearch.objects.update_or_create(
        user=user,
        query=canonical,
        defaults={"frequency": frequency, "summary": criteria.summary()[:300]},
    )
    return saved


_signer = signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(saved: SavedSearch) -> str:
    """The saved search's id, signed with the site's secret: the link needs no sign-in."""
    return _signer.sign(str(saved.pk))


def search_of_token(token: str) -> SavedSearch | None:
    try:
        pk = int(_signer.unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return SavedSearch.objects.filter(pk=pk).first()


_SLOT = "~token~"  # where a token goes in `unsubscribe_page()` (reverse() leaves both as is)


def unsubscribe_url(saved: SavedSearch, *, page: str | None = None) -> str:
    """The search's one-click unsubscribe link (`page`: `unsubscribe_page()`, worked out
    once for a run's thousands of emails)."""
    return (page or unsubscribe_page()).replace(_SLOT, unsubscribe_token(saved))


def unsubscribe_page() -> str:
    return absolute_url(reverse("alert_unsubscribe", kwargs={"token": _SLOT}))
