"""Employers and memberships in admin: each recruiter sees the employers they belong to."""

from django.contrib import admin
from django.db.models import Count

from listings.admin_scoping import ManagedAdminMixin
from listings.models import Employer, Membership
from listings.querysets import open_condition


class MembershipInline(admin.TabularInline):
    """The employer's recruiters and employer admins, on the employer's page."""

    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at",)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser  # staff manage memberships (invites come later)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Employer)
class EmployerAdmin(ManagedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "city", "state", "open_postings")
    list_filter = ("kind", "state")
    search_fields = ("name", "city")
    ordering = ("name", "pk")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)

    def scoped(self, request, queryset):
        return queryset.filter(pk__in=Employer.objects.managed_by(request.user).values("pk"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_count=Count("postings", filter=open_condition(prefix="postings__")))
        )

    @admin.display(description="Open postings", ordering="open_count")
    def open_postings(self, obj):
        return obj.open_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "employer", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "employer")
    search_fields = ("user__email", "employer__name")
    autocomplete_fields = ("user", "employer")
