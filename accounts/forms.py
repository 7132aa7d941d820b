"""Forms of the accounts app: inviting a recruiter (in the admin)."""

from typing import cast

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple

from accounts.invitations import invitable_employers
from listings.models import Employer
from listings.vocab import MembershipRole


class InviteRecruiterForm(forms.Form):
    """Whom to invite, where, and as what. The employers offered are those the inviter may
    invite to (invitable_employers), so another employer's id sent anyway is refused here,
    with a message next to the field."""

    email = forms.EmailField(
        label="Email address",
        help_text="They get a link to set a password, or a note if they have an account already.",
    )
    employers = forms.ModelMultipleChoiceField(
        queryset=Employer.objects.none(),  # set per inviter in __init__
        widget=FilteredSelectMultiple("employers", is_stacked=False),
    )
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.RECRUITER)

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["employers"])
        field.queryset = invitable_employers(inviter).order_by("name", "pk")
