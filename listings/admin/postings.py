"""Postings in admin: scoped to the recruiter's employers, status changed only by actions."""

from django.contrib import admin, messages
from django.urls import reverse

from listings.admin_scoping import ManagedAdminMixin
from listings.models import Employer, InvalidTransition, JobPosting
from listings.querysets import CONFIRM_FLAG_AFTER, EXPIRY_NOTICE

BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


class NeedsConfirmationFilter(admin.SimpleListFilter):
    """Open postings nobody has confirmed for CONFIRM_FLAG_AFTER (`needs_confirmation()`);
    the "still open?" emails link here (`listings.lifecycle`)."""

    title = "confirmation"
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [("needed", f"Needs confirmation ({CONFIRM_FLAG_AFTER.days}+ days)")]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_confirmation()
        return queryset


class ExpiringSoonFilter(admin.SimpleListFilter):
    """Open postings that expire within EXPIRY_NOTICE (`expiring_soon()`)."""

    title = "expiry"
    parameter_name = "expiring"

    def lookups(self, request, model_admin):
        return [("soon", f"Expiring soon (within {EXPIRY_NOTICE.days} days)")]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            return queryset.expiring_soon()
        return queryset


@admin.register(JobPosting)
class JobPostingAdmin(ManagedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "role",
        "setting",
        "city",
        "state",
        "status",
        "published_at",
        "expires_at",
        "last_confirmed_open",
    )
    list_filter = (
        "status",
        ExpiringSoonFilter,
        NeedsConfirmationFilter,
        "closed_reason",
        "role",
        "setting",
        "employment_type",
        "licensure_status",
        "state",
    )
    list_select_related = ("employer",)
    search_fields = ("title", "employer__name", "city", "zip_code")
    autocomplete_fields = ("employer",)
    date_hierarchy = "published_at"
    # Status changes only through publish/close (the actions), which guard transitions.
    readonly_fields = (
        "status",
        "published_at",
        "latitude",
        "longitude",
        "pay_annual_min",
        "pay_annual_max",
        "closed_at",
        "closed_reason",
        "created_at",
        "updated_at",
    )
    actions = (
        "publish_selected",
        "close_selected",
        "confirm_open_selected",
        "extend_selected",
        "duplicate_selected",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "employer",
                    "title",
                    "slug",
                    "role",
                    "setting",
                    "employment_type",
                    "vacancy",
                )
            },
        ),
        (
            "Requirements",
            {
                "fields": (
                    "min_degree",
                    "acote_required",
                    "licensure_status",
                    "required_credentials",
                    "required_certifications",
                    "preferred_certifications",
                    "drivers_license_required",
                    "years_experience",
                )
            },
        ),
        ("Who you serve", {"fields": ("age_groups", "focus_areas")}),
        (
            "Pay",
            {
                "fields": (
                    "pay_min",
                    "pay_max",
                    "pay_unit",
                    "pay_annual_min",
                    "pay_annual_max",
                    "sign_on_bonus",
                    "sign_on_repayment_terms",
                    "ceu_allowance",
                )
            },
        ),
        ("Location", {"fields": ("city", "state", "zip_code", "latitude", "longitude")}),
        ("Posting text", {"fields": ("description", "requirements", "benefits")}),
        ("Applying", {"fields": ("how_to_apply", "apply_url", "apply_by")}),
        ("Employment model", {"fields": ("employment_model", "client_name")}),
        (
            "Workload",
            {
                "fields": (
                    "caseload_direct",
                    "caseload_consult",
                    "productivity_target",
                    "evaluations_per_month",
                    "sites_count",
                    "mileage_policy",
                    "telehealth",
                )
            },
        ),
        (
            "Calendar",
            {
                "fields": (
                    "contract_days",
                    "pay_spread",
                    "esy_available",
                    "esy_rate",
                    "closure_day_pay",
                )
            },
        ),
        (
            "Support",
            {
                "fields": (
                    "ots_on_team",
                    "cota_support",
                    "mentorship",
                    "mentorship_weeks",
                    "cota_supervision",
                )
            },
        ),
        (
            "Status",
            {
                "fields": (
                    "status",
                    "published_at",
                    "expires_at",
                    "last_confirmed_open",
                    "closed_at",
                    "closed_reason",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_changeform_initial_data(self, request):
        """A new posting starts at the recruiter's employer when they have just one."""
        initial = super().get_changeform_initial_data(request)
        if "employer" not in initial:
            employers = list(Employer.objects.managed_by(request.user).values_list("pk")[:2])
            if len(employers) == 1:
                initial["employer"] = employers[0][0]
        return initial

    def get_view_on_site_url(self, obj=None):
        """ "View on site" opens the public page of an open posting, and the preview (only
        its employer's recruiters may open it) of any other."""
        if obj is None or obj.pk is None:
            return None
        if obj.is_open():
            return obj.get_absolute_url()
        return reverse("listings:posting_preview", args=[obj.pk])

    def scoped(self, request, queryset):
        return queryset.filter(employer__in=Employer.objects.managed_by(request.user))

    @admin.action(description="Publish selected postings")
    def publish_selected(self, request, queryset):
        self._transition(request, queryset, "publish", "published")

    @admin.action(description="Close selected postings")
    def close_selected(self, request, queryset):
        """Closed by its employer: filled or withdrawn (`JobPosting.close()`'s reason)."""
        self._transition(request, queryset, "close", "closed")

    @admin.action(description="Confirm selected postings are still open", location=BOTH_PLACES)
    def confirm_open_selected(self, request, queryset):
        self._transition(request, queryset, "confirm_open", "confirmed open today")

    @admin.action(description="Extend selected postings by 30 days", location=BOTH_PLACES)
    def extend_selected(self, request, queryset):
        self._transition(request, queryset, "extend", "extended by 30 days")

    @admin.action(description="Duplicate selected postings as new drafts")
    def duplicate_selected(self, request, queryset):
        self._transition(request, queryset, "duplicate", "copied to new drafts")

    def _transition(self, request, queryset, method: str, done: str) -> None:
        changed, refused = 0, []
        for posting in queryset:
            try:
                getattr(posting, method)()
                changed += 1
            except InvalidTransition as error:
                refused.append(f"{posting.title}: {error.message}")
        if changed:
            self.message_user(request, f"{changed} posting(s) {done}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)
