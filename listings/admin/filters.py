"""The postings changelist's own filters: honest-posting states and the user's employers."""

from django.contrib import admin

from listings.admin_scoping import managed_employers
from listings.querysets import CONFIRM_FLAG_AFTER, EXPIRY_NOTICE


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


class EmployerFilter(admin.SimpleListFilter):
    """Postings by employer, among those the user manages (never another employer's name);
    offered to recruiters of several employers. Site staff search by employer name instead
    of scrolling thousands of choices."""

    title = "employer"
    parameter_name = "employer"

    def lookups(self, request, model_admin):
        if request.user.is_superuser:
            return []
        choices = [(str(pk), name) for pk, name in managed_employers(request)[:50]]
        return choices if len(choices) > 1 else []

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(employer_id=int(value)) if value.isdigit() else queryset.none()
