"""Admin pages limited to what the signed-in user manages, through `managed_by(user)`.

Every changelist, change, delete and history page, every action, autocomplete answer and
foreign-key choice of a scoped ModelAdmin goes through `scoped()`. An object outside the
user's scope is refused with 403 (it exists, but not for them), never shown.
"""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.html import format_html

from listings.models import Employer


def managed_employers(request) -> list[tuple[int, str]]:
    """The ids and names of the employers the user manages, by name (the first 51: enough
    to offer 50 as filter choices and to know there are several), read once a request."""
    found = getattr(request, "_managed_employers", None)
    if found is None:
        employers = Employer.objects.managed_by(request.user).order_by("name")
        found = list(employers.values_list("pk", "name")[:51])
        request._managed_employers = found
    return found


class ManagedAdminMixin:
    """Mix into a ModelAdmin and define `scoped(request, queryset)`."""

    list_per_page = 25  # a page a recruiter reads at a glance; each row costs a millisecond
    show_full_result_count = False  # a filtered page never counts the whole table too

    def action_checkbox(self, obj):
        """The row's checkbox, as Django's widget renders it, written out: rendering a
        widget through the form templates a hundred times was a fifth of a changelist."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            obj,
        )

    def scoped(self, request, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return queryset if request.user.is_superuser else self.scoped(request, queryset)

    def get_object(self, request, object_id, from_field=None):
        found = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if found is None and not request.user.is_superuser:
            model = self.model  # type: ignore[attr-defined]
            field = model._meta.get_field(from_field) if from_field else model._meta.pk
            try:
                exists = model._default_manager.filter(
                    **{field.name: field.to_python(object_id)}
                ).exists()
            except Exception:  # a malformed id: not found, as for anyone
                exists = False
            if exists:
                raise PermissionDenied
        return found

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Employer choices (autocomplete widgets only filter suggestions; the form's own
        choices must be limited too)."""
        if db_field.related_model is Employer and not request.user.is_superuser:
            kwargs["queryset"] = Employer.objects.managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
