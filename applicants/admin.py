"""Applicants in the admin. Every queryset goes through `applicants.access`, so a staff user
sees only what that policy allows (recruiters: their employers' applications)."""

from django.contrib import admin
from django.utils.html import format_html

from applicants.access import resume_files_for
from applicants.models import Application, ApplicationEvent, Profile, ResumeFile
from listings.admin_scoping import ManagedAdminMixin
from listings.models import JobPosting


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ("status", "at", "by", "note")
    readonly_fields = ("at", "by")


@admin.register(Application)
class ApplicationAdmin(ManagedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "posting", "status", "submitted_at", "applicant_left")
    list_filter = ("status", "applicant_left")
    list_select_related = ("posting", "posting__employer")
    search_fields = ("name", "email", "posting__title")
    date_hierarchy = "submitted_at"
    readonly_fields = (
        "reference",
        "user",
        "posting",
        "name",
        "email",
        "phone",
        "cover_letter",
        "resume",
        "submitted_at",
        "applicant_left",
    )
    exclude = ("resume_file",)
    inlines = [ApplicationEventInline]

    def scoped(self, request, queryset):
        """Recruiters: applications to their employers' postings (not their own, should
        they have applied somewhere)."""
        return queryset.filter(posting__in=JobPosting.objects.managed_by(request.user))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("posting__employer", "resume_file")

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

    def has_add_permission(self, request):
        return False  # applications are sent by applicants


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
