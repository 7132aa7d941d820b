"""The page behind a recruiter's invitation link: set a password, then on to the admin."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.invitations import InvitationInvalid, accept_invitation, invited_user

# The session remembers the backend that signed the user in; this is allauth's, as for
# every other sign-in on the site (accounts.backends).
SIGN_IN_BACKEND = "accounts.backends.CachedUserBackend"


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET: the set-password form (a mail scanner fetching the link spends nothing).
    POST: set it, mark the email verified, sign in, go to the admin. A link that is
    expired, used, tampered with or unknown gets one page, 410, whichever it was."""
    user = invited_user(uidb64, token)
    if user is None:
        return _link_gone(request)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                uidb64=uidb64, token=token, password=form.cleaned_data["new_password1"]
            )
        except InvitationInvalid:  # used by another request since the check above
            return _link_gone(request)
        login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(request, "Your password is set and you are signed in. Welcome!")
        return redirect("admin:index")
    response = render(request, "accounts/invitation_accept.html", {"form": form, "invited": user})
    response["Referrer-Policy"] = "no-referrer"  # the URL holds the token
    return response


def _link_gone(request: HttpRequest) -> HttpResponse:
    response = render(request, "accounts/invitation_invalid.html", status=410)
    response["Referrer-Policy"] = "no-referrer"
    return response
