from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import User
from applicants import alerts, services
from applicants.access import profiles_with_photos_for, resume_files_for
from applicants.forms import (
    AboutForm,
    ApplyForm,
    CredentialsForm,
    DeleteAccountForm,
    LicenseFormSet,
    PhotoForm,
    ResumeUploadForm,
    SavedSearchForm,
)
from applicants.models import Application, Profile, Resume, SavedJob, SavedSearch
from applicants.privacy import delete_applicant_account, export_applicant_data
from applicants.recommend import recommend
from applicants.vocab import AlertFrequency
from listings.caching import request_catalogue
from listings.models import JobPosting
from listings.requirements import Requirements
from listings.requirements import fit as evaluate_fit
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


# Resumes ------------------------------------------------------------------------------------
@login_required
def resumes(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    form = ResumeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_resume(profile=profile, upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, "Your resume is uploaded.")
            return redirect("applicants:resumes")
    listed = Resume.objects.filter(profile=profile).select_related("file") if profile.pk else []
    return render(request, "applicants/resumes.html", {"form": form, "resumes": listed})


def _own_resume(request: HttpRequest, token: str) -> Resume:
    return get_object_or_404(
        Resume.objects.select_related("file", "profile"),
        profile__user=cast(User, request.user),
        file__token=token,
    )


@login_required
@require_POST
def resume_delete(request: HttpRequest, token: str) -> HttpResponse:
    resume = _own_resume(request, token)
    services.delete_resume(resume=resume)
    messages.success(request, f"“{resume.file.original_name}” is deleted.")
    return redirect("applicants:resumes")


@login_required
@require_POST
def resume_default(request: HttpRequest, token: str) -> HttpResponse:
    resume = _own_resume(request, token)
    services.make_default_resume(resume=resume)
    messages.success(request, f"“{resume.file.original_name}” is now your default resume.")
    return redirect("applicants:resumes")


def download(request: HttpRequest, token: str) -> FileResponse:
    """A resume file, to whoever `resume_files_for` allows; 404 to everyone else."""
    stored = get_object_or_404(resume_files_for(request.user), token=token)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


# Applying ----------------------------------------------------------------------------------
@login_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    posting = get_object_or_404(JobPosting.objects.with_employer().open(), slug=slug)
    if not posting.applies_on_site:
        messages.info(request, "This employer takes applications on its own site.")
        return redirect(posting)
    profile = _profile(request)
    user = cast(User, request.user)
    existing = Application.objects.filter(user=user, posting=posting).first()
    if existing:
        messages.info(request, "You have already applied for this job.")
        return redirect(existing)
    listed = (
        list(Resume.objects.filter(profile=profile).select_related("file")) if profile.pk else []
    )
    initial = {"name": user.full_name, "email": user.email, "phone": profile.phone}
    form = ApplyForm(request.POST or None, request.FILES or None, resumes=listed, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.submit_application(
                posting=posting,
                profile=profile,
                resume=form.chosen_resume(),
                upload=data["file"] if data["resume"] == ApplyForm.NEW else None,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                cover_letter=data["cover_letter"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        except services.AlreadyApplied as already:
            messages.info(request, str(already))
            return redirect(already.application)
        except services.ApplicationRefused as refused:
            messages.error(request, str(refused))
            return redirect(posting)
        else:
            return redirect(
                reverse("applicants:applied", kwargs={"reference": application.reference})
            )
    fit = None
    if profile.pk:
        fit = evaluate_fit(Requirements.of(posting), profile.qualifications())
    return render(request, "applicants/apply.html", {"form": form, "posting": posting, "fit": fit})


@login_required
def applied(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    return render(request, "applicants/applied.html", {"application": application})


# Following applications ---------------------------------------------------------------------
def _own_application(request: HttpRequest, reference: str) -> Application:
    return get_object_or_404(
        Application.objects.select_related("posting__employer", "resume_file"),
        user=cast(User, request.user),
        reference=reference,
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    mine = (
        Application.objects.filter(user=cast(User, request.user))
        .select_related("posting__employer")
        .order_by("-submitted_at")
    )
    return render(request, "applicants/applications.html", {"applications": mine})


@login_required
def application(request: HttpRequest, reference: str) -> HttpResponse:
    found = _own_application(request, reference)
    history = found.events.only("status", "at")  # never the recruiters' notes
    return render(
        request, "applicants/application.html", {"application": found, "history": history}
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    found = _own_application(request, reference)
    try:
        services.withdraw_application(application=found, by=request.user)
    except services.ApplicationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Your application is withdrawn.")
    return redirect(found)


# Saved jobs and job alerts --------------------------------------------------------------------
def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def saved_toggle(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = get_object_or_404(JobPosting.objects.open(), pk=posting_id)
    saved = alerts.toggle_saved_job(user=request.user, posting=posting)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"saved": saved})
    messages.success(request, "Job saved." if saved else "Job removed from your saved jobs.")
    return redirect(_safe_next(request, posting.get_absolute_url()))


@login_required
def saved_jobs(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    saved = SavedJob.objects.filter(user=cast(User, request.user)).select_related(
        "posting__employer"
    )
    rows = [(item, item.posting.is_open(now)) for item in saved]
    return render(request, "applicants/saved_jobs.html", {"rows": rows})


@login_required
def job_alerts(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        if form.is_valid():
            saved = alerts.save_search(
                user=user,
                query=form.cleaned_data["query"],
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(
                request,
                f"We will email you {saved.get_frequency_display().lower()} about new jobs for "
                f"“{saved}”.",
            )
            return redirect(_safe_next(request, reverse("applicants:alerts")))
        messages.error(request, "That alert could not be saved: choose daily or weekly.")
        return redirect("applicants:alerts")
    searches = SavedSearch.objects.filter(user=user)
    return render(request, "applicants/alerts.html", {"searches": searches})


@login_required
@require_POST
def job_alert_change(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=cast(User, request.user))
    if request.POST.get("action") == "delete":
        saved.delete()
        messages.success(request, f"The alert for “{saved}” is deleted.")
    elif request.POST.get("frequency") in AlertFrequency.values:
        saved.frequency = request.POST["frequency"]
        saved.save(update_fields=["frequency"])
        messages.success(
            request, f"“{saved}”: {saved.get_frequency_display().lower()} from now on."
        )
    return redirect("applicants:alerts")


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    saved = alerts.search_of_token(token)
    if saved is None:
        return render(request, "applicants/unsubscribe.html", {"unknown": True}, status=404)
    if request.method == "POST":
        summary = str(saved)
        saved.delete()
        return render(request, "applicants/unsubscribe.html", {"done": True, "summary": summary})
    return render(request, "applicants/unsubscribe.html", {"saved": saved, "token": token})


# Your data ---------------------------------------------------------------------------------
@login_required
def privacy(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        delete_applicant_account(user=user)
        logout(request)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("listings:home")
    return render(request, "applicants/privacy.html", {"form": form})


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    response = HttpResponse(export_applicant_data(user=user), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="ot-jobs-my-data-{stamp}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


@login_required
def recommended(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    picks = recommend(profile) if profile.pk else []
    return render(
        request, "applicants/recommended.html", {"profile": profile, "recommendations": picks}
    )


# Photo -------------------------------------------------------------------------------------
@login_required
def photo(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            services.remove_photo(profile=profile)
            messages.success(request, "Your photo is removed.")
            return redirect("applicants:photo")
        if form.is_valid():
            try:
                services.set_photo(profile=profile, upload=form.cleaned_data["photo"])
            except ValidationError as error:
                form.add_error("photo", error)
            else:
                messages.success(request, "Your photo is saved.")
                return redirect("applicants:photo")
    return render(request, "applicants/photo.html", {"form": form, "profile": profile})


def photo_file(request: HttpRequest, token: str) -> FileResponse:
    """An applicant's photo, to whoever `profiles_with_photos_for` allows; 404 otherwise."""
    profile = get_object_or_404(profiles_with_photos_for(request.user), photo_token=token)
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
