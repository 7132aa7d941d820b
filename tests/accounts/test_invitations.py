"""Recruiters are invited by email: a link that sets a password once, for a limited time,
sent only by site staff and the employer's own admins."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.invitations import (
    InvitationRefused,
    Outcome,
    invitable_employers,
    invite_recruiter,
    resend_invitation,
)
from accounts.models import OutgoingEmail, User
from accounts.roles import RECRUITERS
from listings.models import Membership
from listings.vocab import MembershipRole
from tests import test_html_validity as html
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.factories import (
    PASSWORD,
    EmployerFactory,
    JobPostingFactory,
    RecruiterFactory,
    SuperuserFactory,
    UserFactory,
)
from tests.worker import run_worker

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "sensory-swing-Lakeview-42"
INVITE_URL = "/admin/accounts/user/invite/"
GONE = "This invitation has expired or was already used — ask for a new one"
WEEK = datetime.timedelta(days=7)


@pytest.fixture
def employer_a():
    return EmployerFactory(name="Bluebonnet Kids Therapy", slug="bluebonnet")


@pytest.fixture
def employer_b():
    return EmployerFactory(name="Gulf Coast School Staffing", slug="gulf-coast")


@pytest.fixture
def admin_of_a(employer_a):
    """An employer admin of A: may invite to A, not to B."""
    return RecruiterFactory(employers=[employer_a], employers__role=MembershipRole.ADMIN)


def invite(email="maria@lakeview.example", *, employers, invited_by=None, **kwargs):
    kwargs.setdefault("role", MembershipRole.RECRUITER)
    invited_by = invited_by if invited_by is not None else SuperuserFactory()
    return invite_recruiter(email=email, employers=employers, invited_by=invited_by, **kwargs)


def link_in(email: OutgoingEmail) -> str:
    """The path of the invitation link in a recorded email."""
    found = re.search(r"https?://\S+/accounts/invitation/\S+/", email.body)
    assert found, email.body
    return urlsplit(found.group()).path


def last_link() -> str:
    return link_in(OutgoingEmail.objects.latest("pk"))


def set_password(client, link, password=NEW_PASSWORD):
    return client.post(link, {"new_password1": password, "new_password2": password})


# Inviting ---------------------------------------------------------------------------------------
def test_an_invitation_creates_a_staff_recruiter_their_membership_and_one_email(employer_a):
    inviter = SuperuserFactory(full_name="Site Staff")

    invitation = invite(
        "Maria@Lakeview.EXAMPLE", employers=[employer_a], invited_by=inviter, role="admin"
    )

    user = User.objects.get(is_superuser=False)
    assert invitation.outcome == Outcome.INVITED
    assert user == invitation.user
    assert user.email == "Maria@lakeview.example"
    assert user.is_staff
    assert not user.is_superuser
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [RECRUITERS]
    membership = Membership.objects.get(user=user)
    assert (membership.employer, membership.role) == (employer_a, MembershipRole.ADMIN)
    email = OutgoingEmail.objects.get()
    assert email.to == user.email
    assert email.subject == "You're invited to recruit on OT Jobs for Bluebonnet Kids Therapy"
    assert "OT Jobs staff has invited you" in email.body
    assert "Bluebonnet Kids Therapy (Employer admin" in email.body
    assert link_in(email).startswith("/accounts/invitation/")
    assert "The link works once, until" in email.body
    assert "&#x27;" not in email.body + email.subject  # plain text: nothing escaped


def test_the_email_says_who_invited_them_and_until_when_the_link_works(employer_a, admin_of_a):
    admin_of_a.full_name = "Dana O'Brien"
    admin_of_a.save()
    now = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 30))  # noqa: DTZ001

    invite(employers=[employer_a], invited_by=admin_of_a, now=now)

    body = OutgoingEmail.objects.get().body
    assert f"Dana O'Brien ({admin_of_a.email}) has invited you" in body
    assert "until November 9, 2026, 9:30 AM EST" in body


def test_an_account_with_a_password_is_added_and_told_without_a_link(employer_a, employer_b):
    applicant = UserFactory(email="maria@lakeview.example")
    invite(employers=[employer_a])

    invitation = invite("MARIA@lakeview.example", employers=[employer_a, employer_b])

    applicant.refresh_from_db()
    assert invitation.outcome == Outcome.ADDED
    assert invitation.user == applicant
    assert invitation.added == [employer_b]
    assert applicant.check_password(PASSWORD)  # untouched
    assert applicant.is_staff
    assert applicant.groups.filter(name=RECRUITERS).exists()
    assert set(Membership.objects.filter(user=applicant).values_list("employer", flat=True)) == {
        employer_a.pk,
        employer_b.pk,
    }
    notes = list(OutgoingEmail.objects.order_by("pk"))
    assert [note.subject for note in notes] == [
        "You were added to Bluebonnet Kids Therapy on OT Jobs",
        "You were added to Gulf Coast School Staffing on OT Jobs",
    ]
    assert all("/accounts/invitation/" not in note.body for note in notes)
    assert "/admin/" in notes[1].body


def test_inviting_a_member_with_a_password_again_sends_nothing(employer_a):
    recruiter = RecruiterFactory(employers=[employer_a])

    invitation = invite(recruiter.email, employers=[employer_a], role="admin")

    assert invitation.outcome == Outcome.ALREADY_MEMBER
    assert Membership.objects.get(user=recruiter).role == MembershipRole.RECRUITER  # kept
    assert not OutgoingEmail.objects.exists()


def test_inviting_an_address_that_never_set_a_password_reuses_it_with_a_new_link(
    client, employer_a, employer_b
):
    first = invite(employers=[employer_a])
    old_link = last_link()

    second = invite(employers=[employer_b])

    assert second.user == first.user
    assert second.outcome == Outcome.INVITED
    assert User.objects.filter(email__iexact="maria@lakeview.example").count() == 1
    assert OutgoingEmail.objects.count() == 2
    body = OutgoingEmail.objects.latest("pk").body
    assert "Bluebonnet Kids Therapy" in body
    assert "Gulf Coast School Staffing" in body
    assert client.get(old_link).status_code == 410  # a newer link replaces it
    assert client.get(last_link()).status_code == 200


def test_a_deactivated_account_is_not_invited(employer_a):
    UserFactory(email="gone@lakeview.example", is_active=False)

    with pytest.raises(InvitationRefused, match="deactivated"):
        invite("gone@lakeview.example", employers=[employer_a])

    assert not Membership.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("not-an-address", "recruiter", "valid email"),
        ("maria@lakeview.example", "owner", "not a membership role"),
    ],
)
def test_bad_input_is_refused_with_a_message(employer_a, email, role, message):
    with pytest.raises(InvitationRefused, match=message):
        invite(email, employers=[employer_a], role=role)
    assert not User.objects.filter(email=email).exists()


# Who may invite ---------------------------------------------------------------------------------
def test_only_site_staff_and_the_employers_own_admins_may_invite(employer_a, employer_b):
    both = RecruiterFactory(employers=[employer_a], employers__role=MembershipRole.ADMIN)
    Membership.objects.create(user=both, employer=employer_b, role=MembershipRole.RECRUITER)
    inactive_admin = RecruiterFactory(
        employers=[employer_a], employers__role=MembershipRole.ADMIN, is_active=False
    )

    assert set(invitable_employers(SuperuserFactory())) == {employer_a, employer_b}
    assert list(invitable_employers(both)) == [employer_a]  # a recruiter only at B
    assert not invitable_employers(RecruiterFactory(employers=[employer_a])).exists()
    assert not invitable_employers(UserFactory()).exists()
    assert not invitable_employers(inactive_admin).exists()
    assert not invitable_employers(None).exists()


def test_an_employer_admin_cannot_invite_into_an_employer_they_do_not_administer(
    employer_a, employer_b, admin_of_a
):
    with pytest.raises(InvitationRefused, match="Gulf Coast School Staffing"):
        invite(employers=[employer_a, employer_b], invited_by=admin_of_a)

    assert not User.objects.filter(email="maria@lakeview.example").exists()
    assert not Membership.objects.exclude(user=admin_of_a).exists()
    assert not OutgoingEmail.objects.exists()


# The link -------------------------------------------------------------------------------------
def test_the_link_sets_a_password_verifies_the_email_and_signs_in_to_the_admin(
    client, employer_a, employer_b
):
    JobPostingFactory(employer=employer_a, title="Feeding clinic OT")
    JobPostingFactory(employer=employer_b, title="Itinerant school OT")
    invitation = invite(employers=[employer_a])
    link = last_link()

    page = client.get(link)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert page["Referrer-Policy"] == "no-referrer"
    content = page.content.decode()
    assert "maria@lakeview.example" in content
    assert 'name="new_password1"' in content
    assert 'class="field__label" for="id_new_password1"' in content  # the site's field template

    response = set_password(client, link)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    user = invitation.user
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (user.email, True, True)
    admin_home = client.get("/admin/")
    assert admin_home.status_code == 200
    assert "Your password is set" in admin_home.content.decode()
    postings = client.get("/admin/listings/jobposting/").content.decode()
    assert "Feeding clinic OT" in postings
    assert "Itinerant school OT" not in postings


def test_after_the_link_the_recruiter_signs_in_with_allauth_without_confirming_again(
    client, employer_a
):
    invite(employers=[employer_a])
    set_password(client, last_link())
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "maria@lakeview.example", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert client.get("/me/").status_code == 200


def test_a_link_works_once(client, employer_a):
    invitation = invite(employers=[employer_a])
    link = last_link()
    set_password(client, link)
    client.logout()

    again = client.get(link)
    reset = set_password(client, link, "another-Password-77")

    assert again.status_code == reset.status_code == 410
    assert GONE in again.content.decode()
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("change", ["password", "last_login"])
def test_the_link_hashes_the_password_and_last_sign_in(client, employer_a, change):
    """Setting a password another way (the admin, a reset) or signing in another way (a
    code by email) spends the link too."""
    user = invite(employers=[employer_a]).user
    link = last_link()
    if change == "password":
        user.set_password("set-by-staff-Pass-1")
    else:
        user.last_login = timezone.now()
    user.save()

    assert client.get(link).status_code == 410


def test_an_expired_link_is_refused(client, employer_a, settings):
    settings.INVITATION_TIMEOUT = WEEK.total_seconds()
    now = timezone.now()
    invite(
        "old@lakeview.example",
        employers=[employer_a],
        now=now - WEEK - datetime.timedelta(minutes=1),
    )
    expired = last_link()
    invite(
        "new@lakeview.example",
        employers=[employer_a],
        now=now - WEEK + datetime.timedelta(minutes=1),
    )
    fresh = last_link()

    assert client.get(fresh).status_code == 200
    response = client.get(expired)
    assert response.status_code == 410
    assert GONE in response.content.decode()
    assert set_password(client, expired).status_code == 410
    assert not User.objects.get(email="old@lakeview.example").has_usable_password()


def test_the_lifetime_is_the_invitation_timeout_setting(client, employer_a, settings):
    invite(employers=[employer_a], now=timezone.now() - datetime.timedelta(hours=2))
    link = last_link()

    settings.INVITATION_TIMEOUT = 60 * 60
    assert client.get(link).status_code == 410
    settings.INVITATION_TIMEOUT = 3 * 60 * 60
    assert client.get(link).status_code == 200


def _tampered(user, other, token):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    other_uid = urlsafe_base64_encode(force_bytes(other.pk))
    last = "0" if token[-1] != "0" else "1"
    return {
        "token_changed": f"/accounts/invitation/{uid}/{token[:-1]}{last}/",
        "other_users_id": f"/accounts/invitation/{other_uid}/{token}/",
        "unknown_user": f"/accounts/invitation/{urlsafe_base64_encode(b'999999')}/{token}/",
        "huge_id": f"/accounts/invitation/{urlsafe_base64_encode(b'9' * 40)}/{token}/",
        "not_base64": f"/accounts/invitation/%25%25%25/{token}/",
        "no_timestamp": f"/accounts/invitation/{uid}/{token.split('-')[1]}/",
        "bad_timestamp": f"/accounts/invitation/{uid}/zzzzzzzzzzzzzzz-{token.split('-')[1]}/",
        "password_reset_token": (
            f"/accounts/invitation/{uid}/{default_token_generator.make_token(user)}/"
        ),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "token_changed",
        "other_users_id",
        "unknown_user",
        "huge_id",
        "not_base64",
        "no_timestamp",
        "bad_timestamp",
        "password_reset_token",
    ],
)
def test_a_tampered_link_gets_the_same_page_as_an_expired_one(client, employer_a, kind):
    user = invite(employers=[employer_a]).user
    other = invite("other@lakeview.example", employers=[employer_a]).user
    token = link_in(OutgoingEmail.objects.get(to=user.email)).split("/")[-2]

    url = _tampered(user, other, token)[kind]
    response = client.get(url)
    posted = set_password(client, url)

    assert response.status_code == posted.status_code == 410
    assert GONE in response.content.decode()
    user.refresh_from_db()
    other.refresh_from_db()
    assert not user.has_usable_password()
    assert not other.has_usable_password()


def test_a_password_the_validators_refuse_gets_a_message_next_to_the_field(client, employer_a):
    invite(employers=[employer_a])
    link = last_link()

    response = client.post(link, {"new_password1": "maria", "new_password2": "maria"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="errorlist' in content
    assert 'aria-invalid="true"' in content
    assert "This password is too short" in content
    assert client.get(link).status_code == 200  # not spent
    assert "_auth_user_id" not in client.session


def test_the_set_password_page_reads_little(client, employer_a, django_assert_max_num_queries):
    invite(employers=[employer_a])
    link = last_link()
    with django_assert_max_num_queries(3):
        assert client.get(link).status_code == 200


# The admin ----------------------------------------------------------------------------------------
INVITE_PAGE_ACCESS = access_matrix(
    {
        f"GET {INVITE_URL}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,  # a recruiter, not an employer admin
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        f"POST {INVITE_URL}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,  # the form again, with its errors
        },
    }
)


@pytest.mark.parametrize("cell", INVITE_PAGE_ACCESS)
def test_invite_page_access(client, access_world, cell):
    assert_access(client, access_world, cell)
    assert not OutgoingEmail.objects.exists()


def test_an_employer_admin_is_offered_only_the_employers_they_administer(
    client, employer_a, employer_b, admin_of_a
):
    Membership.objects.create(user=admin_of_a, employer=employer_b)  # a recruiter there
    client.force_login(admin_of_a)

    page = client.get(INVITE_URL)

    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields["employers"].queryset) == [employer_a]
    assert form["employers"].value() == [employer_a.pk]  # their only one, ticked
    assert "Gulf Coast School Staffing" not in page.content.decode()


def test_a_forged_employer_id_is_a_form_error_and_creates_nobody(
    client, employer_a, employer_b, admin_of_a
):
    Membership.objects.create(user=admin_of_a, employer=employer_b)  # a recruiter there
    client.force_login(admin_of_a)

    response = client.post(
        INVITE_URL,
        {"email": "maria@lakeview.example", "employers": [employer_b.pk], "role": "recruiter"},
    )

    assert response.status_code == 200
    assert "employers" in response.context["form"].errors
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="maria@lakeview.example").exists()
    assert list(Membership.objects.filter(employer=employer_b)) == [
        Membership.objects.get(user=admin_of_a, employer=employer_b)
    ]
    assert not OutgoingEmail.objects.exists()


def test_an_employer_admin_invites_from_the_admin_page(client, employer_a, admin_of_a):
    UserFactory(email="has-account@lakeview.example")
    client.force_login(admin_of_a)

    new = client.post(
        INVITE_URL,
        {"email": "maria@lakeview.example", "employers": [employer_a.pk], "role": "recruiter"},
        follow=True,
    )
    existing = client.post(
        INVITE_URL,
        {"email": "has-account@lakeview.example", "employers": [employer_a.pk], "role": "admin"},
        follow=True,
    )

    assert new.redirect_chain == [(INVITE_URL, 302)]
    said = [str(m) for m in new.context["messages"]] + [
        str(m) for m in existing.context["messages"]
    ]
    # The same words whether the address had an account or not.
    assert said == [
        "Invited maria@lakeview.example to Bluebonnet Kids Therapy: we have emailed them.",
        "Invited has-account@lakeview.example to Bluebonnet Kids Therapy: we have emailed them.",
    ]
    assert Membership.objects.filter(employer=employer_a).count() == 3
    assert Membership.objects.get(user__email="has-account@lakeview.example").role == "admin"
    assert OutgoingEmail.objects.count() == 2


def test_a_deactivated_account_is_a_message_next_to_the_email(client, employer_a, superuser):
    UserFactory(email="gone@lakeview.example", is_active=False)
    client.force_login(superuser)

    response = client.post(
        INVITE_URL,
        {"email": "gone@lakeview.example", "employers": [employer_a.pk], "role": "recruiter"},
    )

    assert response.status_code == 200
    assert "deactivated" in str(response.context["form"].errors["email"])
    assert not Membership.objects.exists()


def test_site_staff_see_every_employer_and_the_link_on_the_users_list(
    client, employer_a, employer_b, superuser
):
    client.force_login(superuser)

    users = client.get("/admin/accounts/user/")
    page = client.get(INVITE_URL)

    assert f'href="{INVITE_URL}"' in users.content.decode()
    assert set(page.context["form"].fields["employers"].queryset) == {employer_a, employer_b}


def test_the_resend_action_sends_new_links_to_those_without_a_password(client, employer_a):
    pending = invite(employers=[employer_a]).user
    old_link = last_link()
    with_password = RecruiterFactory(employers=[employer_a])
    nobodys = User.objects.create_user(email="nobodys@lakeview.example")  # no password either
    client.force_login(SuperuserFactory())

    response = client.post(
        "/admin/accounts/user/",
        {
            "action": "resend_invitation",
            "_selected_action": [pending.pk, with_password.pk, nobodys.pk],
        },
        follow=True,
    )

    said = [str(m) for m in response.context["messages"]]
    assert f"{with_password.email} has set a password already: they sign in at the admin." in said
    assert (
        "nobodys@lakeview.example belongs to no employer: invite them with “Invite a recruiter”."
        in said
    )
    assert "Sent 1 new invitation link; earlier links no longer work." in said
    assert OutgoingEmail.objects.filter(to=pending.email).count() == 2
    assert not OutgoingEmail.objects.filter(to=with_password.email).exists()
    assert client.get(old_link).status_code == 410
    assert client.get(last_link()).status_code == 200
    change_page = client.get(f"/admin/accounts/user/{pending.pk}/change/")
    assert "Resend invitation" in change_page.content.decode()  # on the user's page too


def test_only_the_employers_admins_may_resend(employer_a, employer_b, admin_of_a):
    pending = invite(employers=[employer_b]).user

    with pytest.raises(InvitationRefused, match="your employers' recruiters"):
        resend_invitation(user=pending, invited_by=admin_of_a)
    assert OutgoingEmail.objects.count() == 1

    Membership.objects.create(user=pending, employer=employer_a)
    assert resend_invitation(user=pending, invited_by=admin_of_a).outcome == Outcome.INVITED


# The command ------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_command_invites_and_the_worker_sends_one_email(employer_a, employer_b, capsys):
    call_command(
        "invite_recruiter",
        "maria@lakeview.example",
        "--employer",
        "bluebonnet",
        "--employer",
        "gulf-coast",
        "--role",
        "admin",
    )

    assert "Invited maria@lakeview.example" in capsys.readouterr().out
    user = User.objects.get(email="maria@lakeview.example")
    assert set(Membership.objects.filter(user=user).values_list("employer", "role")) == {
        (employer_a.pk, "admin"),
        (employer_b.pk, "admin"),
    }
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@lakeview.example"]
    assert "/accounts/invitation/" in mail.outbox[0].body


def test_the_command_names_an_unknown_employer(employer_a):
    with pytest.raises(CommandError, match="'nowhere'"):
        call_command("invite_recruiter", "maria@lakeview.example", "--employer", "nowhere")
    assert not User.objects.exists()


def test_the_command_applies_the_inviters_rights(employer_a, employer_b, admin_of_a):
    with pytest.raises(CommandError, match="only site staff and that employer's admins"):
        call_command(
            "invite_recruiter",
            "maria@lakeview.example",
            "--employer",
            "gulf-coast",
            "--invited-by",
            admin_of_a.email,
        )
    assert not User.objects.filter(email="maria@lakeview.example").exists()


# Valid HTML ---------------------------------------------------------------------------------------
@pytest.mark.skipif(html.missing, reason="Nu HTML Checker not installed (make html-checker)")
def test_invitation_pages_validate(client, employer_a, tmp_path, superuser):
    invite(employers=[employer_a])
    link = last_link()
    paths = [link, "/accounts/invitation/MQ/expired-token/"]
    files = html._save(client, paths, tmp_path)
    with_errors = tmp_path / "errors.html"  # the form sent back with a message per field
    with_errors.write_bytes(client.post(link, {"new_password1": "x", "new_password2": "y"}).content)
    client.force_login(superuser)
    files += html._save(client, [INVITE_URL], tmp_path, prefix="admin")

    assert html._problems([*paths, INVITE_URL], files) == []
    assert html._problems([f"POST {link}"], [with_errors]) == []


def test_an_employer_admin_invites_from_the_employers_page_and_a_recruiter_cannot(
    client, employer_a, admin_of_a
):
    url = f"/admin/listings/employer/{employer_a.pk}/change/"
    client.force_login(admin_of_a)
    page = client.get(url).content.decode()
    assert f'href="{INVITE_URL}?employer={employer_a.pk}"' in page

    client.force_login(RecruiterFactory(employers=[employer_a]))
    page = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert INVITE_URL not in page
