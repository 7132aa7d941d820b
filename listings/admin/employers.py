"""Employers and memberships in admin: each recruiter sees the employers they belong to,
and edits their profile (text, contact, place, logo); site staff also manage the slug and
memberships."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from accounts.invitations import invitable_employers
from listings import logos
from listings.admin_scoping import ManagedAdminMixin
from listings.models import Employer, Membership
from listings.querysets import open_condition

PREVIEW_BOX = 160  # pixels: the admin's preview of the current logo fits in this square


class MembershipInline(admin.TabularInline):
    """The employer's recruiters and employer admins, on the employer's page."""

    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at",)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser  # others invite recruiters (accounts.invitations)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class EmployerForm(forms.ModelForm):
    """The employer's profile. A logo upload is checked and re-encoded here (clean_logo), so
    a file we refuse gets its message next to the field and nothing is stored."""

    logo = forms.FileField(
        required=False,
        widget=AdminFileWidget(attrs={"accept": logos.ACCEPT_ATTRIBUTE}),
        help_text=(
            "PNG, JPEG or WebP, up to 2 MB; a square image with a transparent background "
            "looks best. We keep a copy of at most 400 x 400 pixels, without the file's "
            "metadata. SVG and GIF files are not accepted."
        ),
        error_messages={"empty": f"This file is empty. {logos.ACCEPTED}"},
    )

    class Meta:
        model = Employer
        fields = (
            "name",
            "slug",
            "kind",
            "about",
            "website",
            "phone",
            "city",
            "state",
            "zip_code",
            "logo",
        )
        help_texts = {
            "name": "As job seekers know it; shown on every posting and on the employer page.",
            "slug": "The end of the employer page's address (/employers/this-part/). Changing it "
            "breaks links already shared.",
            "kind": "The kind of organization: it tells seekers what the work is like.",
            "about": "A few paragraphs for the employer page: who you serve, the team, "
            "what makes the place good to work at. Plain text; blank lines start paragraphs.",
            "website": "Your own site, with https://. Shown as a link on your page.",
            "phone": "Optional. A number for applicants' questions.",
            "city": "Where you are based (each posting has its own place).",
            "zip_code": "Five digits.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_logo = self.instance.logo.name or ""

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return logos.process_logo(logo)  # a ValidationError shows next to the field
        return logo  # unchanged (the current file), or False to remove it


@admin.register(Employer)
class EmployerAdmin(ManagedAdminMixin, admin.ModelAdmin):
    form = EmployerForm
    change_form_template = "admin/listings/employer/change_form.html"
    list_display = ("name", "kind", "city", "state", "open_postings")
    list_filter = ("kind", "state")
    search_fields = ("name", "city")
    ordering = ("name", "pk")
    inlines = (MembershipInline,)
    fieldsets = (
        (
            None,
            {
                "fields": ("name", "slug", "kind", "about"),
                "description": "What job seekers read about you. The page address (slug) "
                "is kept once set: changing it would break links already shared.",
            },
        ),
        ("Contact", {"fields": ("website", "phone")}),
        ("Location", {"fields": ("city", "state", "zip_code")}),
        (
            "Logo",
            {
                "fields": ("logo_preview", "logo"),
                "description": "Shown on your employer page, on each of your postings and "
                "to search engines.",
            },
        ),
    )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """An employer's admins (and site staff) invite its recruiters from its page."""
        if obj is not None and invitable_employers(request.user).filter(pk=obj.pk).exists():
            context["invite_url"] = reverse("admin:accounts_user_invite") + f"?employer={obj.pk}"
        return super().render_change_form(request, context, add, change, form_url, obj)

    def scoped(self, request, queryset):
        return queryset.filter(pk__in=Employer.objects.managed_by(request.user).values("pk"))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_count=Count("postings", filter=open_condition(prefix="postings__")))
        )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ("logo_preview",)
        return ("slug", "logo_preview")  # changing a slug breaks the links already shared

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ("name",)} if request.user.is_superuser else {}

    def save_model(self, request, obj, form, change):
        logos.save_employer(employer=obj, previous_logo=form.previous_logo)

    def delete_model(self, request, obj):
        name = obj.logo.name
        super().delete_model(request, obj)
        logos.delete_logos_on_commit([name])

    def delete_queryset(self, request, queryset):
        names = list(queryset.values_list("logo", flat=True))
        super().delete_queryset(request, queryset)
        logos.delete_logos_on_commit(names)

    @admin.display(description="Open postings", ordering="open_count")
    def open_postings(self, obj):
        return obj.open_count

    @admin.display(description="Current logo")
    def logo_preview(self, obj):
        if obj is None or not obj.logo:
            return "None yet."
        try:
            width, height = obj.logo.width, obj.logo.height
        except OSError:  # the file is gone from the storage
            width = height = None
        if not width or not height:
            return "The file cannot be read: upload the logo again."
        scale = min(1, PREVIEW_BOX / max(width, height))
        return format_html(
            '<img src="{}" alt="{} logo" width="{}" height="{}">',
            obj.logo.url,
            obj.name,
            max(1, round(width * scale)),
            max(1, round(height * scale)),
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "employer", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "employer")
    search_fields = ("user__email", "employer__name")
    autocomplete_fields = ("user", "employer")
