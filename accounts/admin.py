"""Users in the admin, and inviting recruiters: the "Invite a recruiter" page (site staff and
employer admins, for the employers they may invite to: accounts.invitations) and the
"Resend invitation" action."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path

from accounts import invitations
from accounts.forms import InviteRecruiterForm
from accounts.invitations import Invitation, InvitationRefused, Outcome
from accounts.models import User


class UserChangeFormByEmail(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class UserCreationFormByEmail(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


class InvitationFilter(admin.SimpleListFilter):
    """Accounts still waiting for their first password (an invitation not yet used)."""

    title = "password"
    parameter_name = "password"

    def lookups(self, request, model_admin):
        return [("pending", "Not set yet (invited)"), ("set", "Set")]

    def queryset(self, request, queryset):
        unusable = {"password__startswith": UNUSABLE_PASSWORD_PREFIX}
        if self.value() == "pending":
            return queryset.filter(**unusable)
        if self.value() == "set":
            return queryset.exclude(**unusable)
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeFormByEmail
    add_form = UserCreationFormByEmail
    change_list_template = "accounts/admin/user_change_list.html"
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", InvitationFilter)
    search_fields = ("email", "full_name")
    actions = ("resend_invitation",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("full_name",)}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_urls(self):
        return [
            path(
                "invite/",
                self.admin_site.admin_view(self.invite_view),
                name="accounts_user_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request: HttpRequest) -> HttpResponse:
        """Invite a recruiter to employers the signed-in user may invite to (403 for anyone
        who may invite to none). A refusal is shown on the form; nothing is saved then."""
        employers = invitations.invitable_employers(request.user)
        if not employers.exists():
            raise PermissionDenied
        form = InviteRecruiterForm(
            request.POST if request.method == "POST" else None,
            inviter=request.user,
            initial={"employers": _preselected(request, employers)},
        )
        if request.method == "POST" and form.is_valid():
            try:
                invitation = invitations.invite_recruiter(
                    email=form.cleaned_data["email"],
                    employers=form.cleaned_data["employers"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,  # type: ignore[arg-type]
                )
            except InvitationRefused as refused:
                field = "email" if refused.code in {"invalid_email", "inactive"} else None
                form.add_error(field, refused)
            else:
                names = ", ".join(employer.name for employer in form.cleaned_data["employers"])
                level = messages.INFO if invitation.outcome == Outcome.ALREADY_MEMBER else None
                self.message_user(
                    request,
                    _told(invitation, names, staff=request.user.is_superuser),
                    level or messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": "Invite a recruiter",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "users_url_allowed": self.has_view_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "accounts/admin/invite.html", context)

    def changelist_view(self, request, extra_context=None):
        may_invite = invitations.invitable_employers(request.user).exists()
        return super().changelist_view(request, {**(extra_context or {}), "may_invite": may_invite})

    @admin.action(
        description="Resend invitation",
        permissions=["change"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def resend_invitation(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """A new link for each selected account that has not set a password (earlier links
        stop working); the others are named in a warning."""
        sent = 0
        for user in queryset:
            try:
                invitations.resend_invitation(user=user, invited_by=request.user)  # type: ignore[arg-type]
            except InvitationRefused as refused:
                self.message_user(request, refused.message, messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                f"Sent {sent} new invitation link{'s' if sent != 1 else ''}; "
                "earlier links no longer work.",
                messages.SUCCESS,
            )


def _preselected(request: HttpRequest, employers: QuerySet) -> list[int]:
    """?employer=<id> (a link from an employer's page) ticks that employer; a user who may
    invite to one employer only has it ticked."""
    chosen = request.GET.get("employer", "")
    if chosen.isdigit() and employers.filter(pk=int(chosen)).exists():
        return [int(chosen)]
    only = list(employers.values_list("pk", flat=True)[:2])
    return only if len(only) == 1 else []


def _told(invitation: Invitation, names: str, *, staff: bool) -> str:
    """What the inviter reads. Employer admins read the same whether the address had an
    account or not (they learn nothing about who uses the site); site staff read which."""
    email = invitation.user.email
    if invitation.outcome == Outcome.ALREADY_MEMBER:
        return f"{email} is already a member of {names}: nothing was sent."
    if staff and invitation.outcome == Outcome.ADDED:
        return f"{email} has an account already: added to {names} and emailed a note."
    if staff:
        return f"Invited {email} to {names}: emailed a link to set a password."
    return f"Invited {email} to {names}: we have emailed them."
