"""Applicants in the admin. Every queryset goes through `applicants.access` or the posting's
`managed_by(user)`, so a staff user sees only what that policy allows (recruiters: their
employers' applications and postings, in lists, filters, actions, pages and exports).

Recruiters move an application along the pipeline (`applicants.pipeline`) with the form
under its page or the changelist's actions; both go through `services.move_application`,
which records the step and emails the applicant. The history is read-only here.
"""

from collections.abc import Callable
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from applicants import admin_postings  # noqa: F401 - the postings admin, after listings'
from applicants.access import resume_files_for
from applicants.candidates import requirement_filter
from applicants.exports import (
    applicant_profile,
    csv_response,
    requirement_fit,
)
from applicants.models import (
    Application,
    ApplicationEvent,
    Profile,
    ResumeFile,
    expiry_status,
)
from applicants.pipeline import RECRUITER_TARGETS, InvalidMove, allowed_moves
from applicants.services import move_application
from applicants.vocab import ApplicationStatus
from listings import vocab
from listings.admin_scoping import ManagedAdminMixin
from listings.models import JobPosting
from listings.requirements import Requirements


# The changelist ------------------------------------------------------------------------------
class PostingFilter(admin.SimpleListFilter):
    """Applications by posting. Its choices are the user's own employers' most recent
    postings with applications (never another employer's titles), and the posting chosen:
    any other one is reached from the postings changelist's application counts. Listing
    every posting would read thousands of rows on each page."""

    title = "posting"
    parameter_name = "posting"
    CHOICES = 12

    def lookups(self, request, model_admin):
        postings = JobPosting.objects.managed_by(request.user).select_related("employer")
        recent = list(
            postings.filter(pk__in=Application.objects.values("posting_id")).order_by(
                "-published_at", "-pk"
            )[: self.CHOICES]
        )
        value = self.value()
        if value and value.isdigit() and all(p.pk != int(value) for p in recent):
            recent[:0] = postings.filter(pk=int(value))
        return [(str(posting.pk), str(posting)) for posting in recent]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(posting_id=int(value)) if value.isdigit() else queryset.none()


class QualificationFilter(admin.SimpleListFilter):
    """For the posting chosen in PostingFilter: applicants who meet every requirement of it
    today, or not (through the requirements module's rules, as candidate search finds
    them). Offered only once a posting is chosen: each posting has its own requirements."""

    title = "meets the requirements"
    parameter_name = "qualified"

    def _posting(self, request) -> JobPosting | None:
        chosen = request.GET.get(PostingFilter.parameter_name, "")
        if not chosen.isdigit():
            return None
        return JobPosting.objects.managed_by(request.user).filter(pk=int(chosen)).first()

    def lookups(self, request, model_admin):
        self.posting = self._posting(request)
        if self.posting is None:
            return []
        return [("yes", "Meets every requirement"), ("no", "Does not meet them all")]

    def queryset(self, request, queryset):
        posting = getattr(self, "posting", None)
        if self.value() not in ("yes", "no") or posting is None:
            return queryset
        meeting = Profile.objects.filter(
            requirement_filter(Requirements.of(posting), timezone.localdate())
        ).values("user_id")
        if self.value() == "yes":
            return queryset.filter(user_id__in=meeting)
        return queryset.exclude(user_id__in=meeting)


def move_action(status: ApplicationStatus) -> Callable:
    """A changelist action moving each selected application to `status`, row by row."""

    def action(modeladmin: "ApplicationAdmin", request: HttpRequest, queryset: QuerySet):
        modeladmin.move_selected(request, queryset, status)

    action.__name__ = f"move_to_{status.value}"
    return admin.action(
        action,
        permissions=["change"],
        description=f"Move selected applications to “{status.label}”",
    )


class MoveForm(forms.Form):
    """The next step for one application, with a note for the employer's recruiters."""

    to_status = forms.ChoiceField(label="Move to", widget=forms.RadioSelect)
    note = forms.CharField(
        label="Internal note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="For your employer's recruiters only: never shown or sent to the applicant.",
    )

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["to_status"])
        field.choices = [(s.value, s.label) for s in allowed_moves(status)]


class ApplicationEventInline(admin.TabularInline):
    """The application's history: written only by the services, read here."""

    model = ApplicationEvent
    verbose_name = "step"
    verbose_name_plural = "history"
    extra = 0
    fields = ("status", "at", "by", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# What the applicant sent and where it stands: shown, never edited in place.
SENT = (
    "status",
    "posting",
    "name",
    "email",
    "phone",
    "submitted_at",
    "applicant_left",
    "reference",
)


@admin.register(Application)
class ApplicationAdmin(ManagedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "posting", "status", "submitted_at", "applicant_left")
    list_filter = (
        "status",
        PostingFilter,
        QualificationFilter,
        ("submitted_at", admin.DateFieldListFilter),
        "applicant_left",
    )
    list_select_related = ("posting", "posting__employer")
    search_fields = ("name", "email", "posting__title")
    date_hierarchy = "submitted_at"
    actions = (*(move_action(status) for status in RECRUITER_TARGETS), "export_csv")
    fieldsets = (
        (None, {"fields": SENT}),
        ("Applicant's profile", {"fields": ("profile_summary",)}),
        ("This posting's requirements", {"fields": ("requirement_checklist",)}),
        ("What they sent", {"fields": ("resume", "cover_letter")}),
    )

    def get_fieldsets(self, request, obj=None):
        """ "Applicant left" only on the applications of applicants who did."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.applicant_left:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "applicant_left"]})
            for name, options in fieldsets
        ]

    # Nothing here is edited in place: the status moves through the form under the page.
    readonly_fields = (
        *SENT,
        "profile_summary",
        "requirement_checklist",
        "resume",
        "cover_letter",
    )
    inlines = [ApplicationEventInline]

    def scoped(self, request, queryset):
        """Recruiters: applications to their employers' postings (not their own, should
        they have applied somewhere)."""
        return queryset.filter(posting__in=JobPosting.objects.managed_by(request.user))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("posting__employer", "resume_file")

    def has_add_permission(self, request):
        return False  # applications are sent by applicants

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/move/",
                self.admin_site.admin_view(self.move_view),
                name="{}_{}_move".format(*info),
            ),
            path(
                "posting/<int:posting_id>/export.csv",
                self.admin_site.admin_view(self.posting_csv_view),
                name="{}_{}_posting_csv".format(*info),
            ),
            *super().get_urls(),
        ]

    # The change page ---------------------------------------------------------------------
    @admin.display(description="Profile")
    def profile_summary(self, application: Application) -> SafeString:
        profile = applicant_profile(application)
        today = timezone.localdate()
        context: dict[str, object] = {"application": application, "profile": profile}
        if profile is not None:
            context |= {
                "licenses": [
                    (lic, expiry_status(lic.expires_on, today)) for lic in profile.licenses.all()
                ],
                "nbcot_expiry": expiry_status(profile.nbcot_expires, today),
                "certifications": [vocab.Certification(c).label for c in profile.certifications],
            }
        return render_to_string("admin/applicants/application/profile_summary.html", context)

    @admin.display(description="Checklist")
    def requirement_checklist(self, application: Application) -> SafeString:
        found = requirement_fit(application)
        checks = [c for c in found.checks if c.key != "compact"] if found else []
        return render_to_string(
            "admin/applicants/application/requirement_checklist.html",
            {"fit": found, "checks": checks, "application": application},
        )

    @admin.display(description="Resume")
    def resume(self, application: Application) -> str:
        """A link through the permission-checked download (which refuses files not yet
        scanned clean to recruiters), with the scan status beside it."""
        stored = application.resume_file
        if stored is None:
            return "None"
        if not stored.deliverable:
            return f"{stored.original_name} ({stored.get_scan_status_display().lower()})"
        return format_html('<a href="{}">{}</a>', stored.get_download_url(), stored.original_name)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            if allowed_moves(obj.status):
                context["move_form"] = MoveForm(status=obj.status)
                context["move_url"] = reverse("admin:applicants_application_move", args=[obj.pk])
            else:
                context["move_closed"] = obj.get_status_display()
        # Every field is read-only: the page's own Save would save nothing.
        context |= {"show_save": False, "show_save_and_continue": False}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def move_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """POST: move one application (the form under its page), then back to the page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self.get_object(request, unquote(object_id))  # 403 outside scope
        if application is None:
            raise Http404("No such application.")
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        change_url = reverse("admin:applicants_application_change", args=[application.pk])
        form = MoveForm(request.POST, status=application.status)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            event = move_application(
                application=application,
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except InvalidMove as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            self.message_user(
                request, f"Moved to “{event.get_status_display()}”.", messages.SUCCESS
            )
        return HttpResponseRedirect(change_url)

    # The changelist -----------------------------------------------------------------------
    def changelist_view(self, request, extra_context=None):
        """With the posting filter on, a link to that posting's CSV (if the user manages it)."""
        chosen = request.GET.get(PostingFilter.parameter_name, "")
        managed = JobPosting.objects.managed_by(request.user)
        if chosen.isdigit() and managed.filter(pk=int(chosen)).exists():
            extra_context = {
                **(extra_context or {}),
                "posting_csv_url": reverse(
                    "admin:applicants_application_posting_csv", args=[int(chosen)]
                ),
            }
        return super().changelist_view(request, extra_context)

    def move_selected(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        moved, refused = 0, []
        for application in queryset:
            try:
                move_application(application=application, to_status=status, by=request.user)
                moved += 1
            except InvalidMove as error:
                refused.append(f"{application.name}: {error.message}")
        if moved:
            label = ApplicationStatus(status).label
            self.message_user(
                request, f"{moved} application(s) moved to “{label}”.", messages.SUCCESS
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(permissions=["view"], description="Export selected applications as CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return csv_response(queryset, f"applications-{timezone.localdate():%Y-%m-%d}.csv")

    def posting_csv_view(self, request: HttpRequest, posting_id: int) -> HttpResponse:
        """Every application to one posting, for that employer's recruiters (404 to others)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        posting = get_object_or_404(JobPosting.objects.managed_by(request.user), pk=posting_id)
        return csv_response(
            self.get_queryset(request).filter(posting=posting),
            f"applicants-{posting.slug}-{timezone.localdate():%Y-%m-%d}.csv",
        )


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("__str__", "headline", "visible_to_recruiters", "updated_at")
    search_fields = ("user__email", "user__full_name", "headline")
    raw_id_fields = ("user",)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()


@admin.register(ResumeFile)
class ResumeFileAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "size", "scan_status", "uploaded_at")
    list_filter = ("scan_status", "kind")
    exclude = ("file",)
    readonly_fields = (
        "owner",
        "original_name",
        "kind",
        "content_type",
        "size",
        "sha256",
        "pages",
        "scan_status",
        "scan_signature",
        "scanned_at",
        "scan_attempts",
        "uploaded_at",
    )

    def get_queryset(self, request):
        return resume_files_for(request.user)

    def has_add_permission(self, request):
        return False
