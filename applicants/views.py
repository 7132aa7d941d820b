from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applicants.forms import AboutForm, CredentialsForm, LicenseFormSet
from applicants.models import Profile
from listings.caching import request_catalogue
from listings.search import Criteria, search


def _profile(request: HttpRequest) -> Profile:
    """The signed-in user's profile, or a new unsaved one (saved by the first form sent)."""
    user = cast(User, request.user)  # every view here is login_required
    profile = Profile.objects.filter(user=user).prefetch_related("licenses").first()
    return profile or Profile(user=user)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    qualified = None
    if profile.pk:
        criteria = Criteria(qualified=profile.qualifications())
        qualified = search(
            criteria,
            page_size=1,
            with_counts=False,
            hydrate=False,
            catalogue=request_catalogue(request),
        ).total
    return render(
        request,
        "applicants/dashboard.html",
        {
            "profile": profile,
            "alerts": profile.credential_alerts() if profile.pk else [],
            "qualified_count": qualified,
            "qualified_url": reverse("listings:posting_list") + "?qualified=1",
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    instance = _profile(request)
    form = AboutForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("applicants:profile")
    return render(request, "applicants/profile_form.html", {"form": form, "profile": instance})


@login_required
def credentials(request: HttpRequest) -> HttpResponse:
    instance = _profile(request)
    form = CredentialsForm(request.POST or None, instance=instance, user=request.user)
    licenses = LicenseFormSet(request.POST or None, instance=instance, prefix="licenses")
    if request.method == "POST" and form.is_valid() and licenses.is_valid():
        with transaction.atomic():
            saved = form.save()
            licenses.instance = saved
            licenses.save()
        messages.success(request, "Your licenses and certifications are saved.")
        return redirect("applicants:credentials")
    today = timezone.localdate()
    return render(
        request,
        "applicants/credentials_form.html",
        {
            "form": form,
            "licenses": licenses,
            "profile": instance,
            "alerts": instance.credential_alerts(today) if instance.pk else [],
        },
    )
