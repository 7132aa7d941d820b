"""Postings in admin: scoped to the recruiter's employers, status changed only by actions,
imported in bulk as drafts and exported (`listings.transfer`)."""

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin  # type: ignore[import-untyped]
from import_export.forms import ExportForm  # type: ignore[import-untyped]

from listings import vocab
from listings.admin.filters import EmployerFilter, ExpiringSoonFilter, NeedsConfirmationFilter
from listings.admin_scoping import ManagedAdminMixin, managed_employers
from listings.models import Employer, InvalidTransition, JobPosting
from listings.spreadsheets import (
    CONFIRM_WITHIN_SECONDS,
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    ConfirmUploadForm,
    PrivateUploadStorage,
    UnreadableFile,
    UploadForm,
)
from listings.transfer import PostingResource

BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
COMPUTED = frozenset({"pay_annual_min", "pay_annual_max", "latitude", "longitude"})
MARKDOWN_FIELDS = ("description", "requirements", "benefits")
MARKDOWN_HINT = (
    "Markdown works: **bold**, *italic*, lists with - or 1., and [links](https://…). "
    "HTML is not shown."
)


@admin.register(JobPosting)
class JobPostingAdmin(ImportExportMixin, ManagedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "role_short",
        "setting_short",
        "place",
        "status",
        "expires_on",
        "confirmed_on_day",
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
        EmployerFilter,
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
    # Bulk import (new drafts, into the user's employers) and export: listings.transfer.
    resource_classes = [PostingResource]
    import_form_class = UploadForm
    confirm_form_class = ConfirmUploadForm
    export_form_class = ExportForm  # every column; the selectable form needs inline script
    tmp_storage_class = PrivateUploadStorage
    import_template_name = "admin/import_export/posting_import.html"
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

    def get_list_display(self, request):
        """The employer column only for those who manage several employers."""
        shown = super().get_list_display(request)
        if request.user.is_superuser or len(managed_employers(request)) > 1:
            return shown
        return tuple(name for name in shown if name != "employer")

    @admin.display(description="Role", ordering="role")
    def role_short(self, posting: JobPosting) -> str:
        return vocab.ROLE_SHORT_LABELS.get(posting.role, posting.get_role_display())

    @admin.display(description="Setting", ordering="setting")
    def setting_short(self, posting: JobPosting) -> str:
        return vocab.SETTING_SHORT_LABELS.get(posting.setting, posting.get_setting_display())

    @admin.display(description="Expires", ordering="expires_at")
    def expires_on(self, posting: JobPosting):
        return timezone.localdate(posting.expires_at) if posting.expires_at else None

    @admin.display(description="Confirmed open", ordering="last_confirmed_open")
    def confirmed_on_day(self, posting: JobPosting):
        return posting.last_confirmed_open

    @admin.display(description="Where", ordering="city")
    def place(self, posting: JobPosting) -> str:
        return f"{posting.city}, {posting.state}"

    def get_fieldsets(self, request, obj=None):
        """A new posting's form asks only for what a recruiter writes: no status, dates or
        computed values (pay a year, coordinates), which would all read "-"."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in COMPUTED]})
            for name, options in fieldsets
            if name != "Status"
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["help_texts"] = {**dict.fromkeys(MARKDOWN_FIELDS, MARKDOWN_HINT)}
        return super().get_form(request, obj, change, **kwargs)

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

    # Bulk import and export ---------------------------------------------------------------
    def get_import_formats(self):
        return IMPORT_FORMATS

    def get_export_formats(self):
        return EXPORT_FORMATS

    def get_resource_kwargs(self, request, *args, **kwargs):
        """The user, whose employers (`managed_by`) are the only ones rows may name and the
        only ones exported."""
        return {"user": request.user}

    def get_import_context_data(self, **kwargs):
        return {"column_guide": PostingResource.column_guide()}

    def get_valid_export_item_pks(self, request):
        """Postings picked for export by id: only among the user's (import_export's own
        answer is every posting's id)."""
        return self.get_queryset(request).values_list("pk", flat=True)

    def get_export_filename(self, request, queryset, file_format):
        return f"postings-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    def add_data_read_fail_error_to_form(self, form, e):
        readable = str(e) if isinstance(e, UnreadableFile) else None
        form.add_error("import_file", readable or "The file could not be read in that format.")

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["import_file_name"] = ConfirmUploadForm.token(initial, request.user)
        return initial

    def import_action(self, request, **kwargs):
        """The preview. An upload whose preview found errors can't be confirmed: it is not
        kept."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            self.get_tmp_storage_class()(name=name).remove()
        return response

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirmation: once per preview (a second click imports nothing)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        if not form.is_valid():
            return self._import_refused(
                request, "This preview has expired or is not yours: upload the file again."
            )
        claim = f"posting-import:{form.cleaned_data['import_file_name']}"
        if not cache.add(claim, True, CONFIRM_WITHIN_SECONDS):
            return self._import_refused(
                request, "This preview was already confirmed: to import again, upload again."
            )
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            return self._import_refused(request, "This upload is gone: upload the file again.")

    def process_result(self, result, request):
        """After the confirmation: any invalid row and nothing was saved (the import rolled
        back): the page says why, as the preview does."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context = {
            **self.admin_site.each_context(request),
            **self.get_import_context_data(),
            "title": "Import",
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
            "result": result,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        imported = result.totals["new"]
        messages.success(
            request, f"{imported} posting(s) imported as drafts: publish them when they are ready."
        )

    def _import_refused(self, request, reason: str) -> HttpResponseRedirect:
        messages.error(request, reason)
        return HttpResponseRedirect(reverse("admin:listings_jobposting_import"))
