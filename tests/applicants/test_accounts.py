"""Accounts through django-allauth: sign up, verify by email, sign in, limits, the header."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def verified_user(**kwargs) -> User:
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_sign_up_verify_by_the_mailed_link_and_land_signed_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new.ot@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email="new.ot@example.com").exists()
    assert client.get("/me/").status_code == 302  # not signed in before verifying

    [message] = mail.outbox
    assert message.to == ["new.ot@example.com"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert b'method="post"' in page.content  # a mail scanner's GET confirms nothing
    assert not EmailAddress.objects.get(email="new.ot@example.com").verified

    client.post(link)

    assert EmailAddress.objects.get(email="new.ot@example.com").verified
    dashboard = client.get("/me/")
    assert dashboard.status_code == 200
    assert b"Signed in as" in dashboard.content


def test_sign_up_with_a_taken_email_reveals_nothing_and_tells_the_owner(client):
    verified_user(email="taken@example.com")

    response = client.post(
        "/accounts/signup/",
        {"email": "Taken@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response["Location"] == "/accounts/confirm-email/"  # as for a new address
    assert User.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["taken@example.com"]


def test_a_bad_sign_up_says_what_to_fix_next_to_the_field(client):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-email", "password1": "short", "password2": "x"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('aria-invalid="true"') >= 2
    assert 'value="not-an-email"' in html  # what was typed is kept
    assert User.objects.count() == 0


def test_sign_in_and_out(client):
    user = verified_user()

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    client.post("/accounts/logout/")
    assert client.get("/me/").status_code == 302


def test_repeated_wrong_passwords_are_refused_even_when_the_last_one_is_right(client):
    user = verified_user()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong password"})

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert b"Too many failed login attempts" in response.content
    assert client.get("/me/").status_code == 302


def test_sign_in_by_emailed_code(client):
    user = verified_user()

    client.post("/accounts/login/code/", {"email": user.email})
    [message] = mail.outbox
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.body).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code})

    assert client.get("/me/").status_code == 200


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = verified_user()

    client.post("/accounts/password/reset/", {"email": user.email})
    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    form = client.get(link.group(1), follow=True)
    new = "a brand new passphrase 42"
    client.post(form.request["PATH_INFO"], {"password1": new, "password2": new})

    user.refresh_from_db()
    assert user.check_password(new)


def test_header_offers_sign_in_to_visitors_and_my_account_to_members(client):
    assert b'href="/accounts/login/"' in client.get("/jobs/").content
    client.force_login(verified_user())
    page = client.get("/jobs/").content
    assert b'href="/me/"' in page
    assert b'href="/accounts/login/"' not in page


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/login/code/"],
)
def test_account_pages_are_in_the_site_layout_and_never_stored(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert b'class="site-header"' in response.content
    assert b'class="entrance-card"' in response.content
    assert "no-store" in response["Cache-Control"]


def test_sign_in_limits_are_counted_in_redis_where_every_worker_sees_them(client, settings):
    """With CACHE_URL=redis://…, the failed-login counter lives in Redis, not in one
    process: a second worker (here: a fresh cache connection) refuses the next try too."""
    from django.core.cache import caches

    from otjobs.env import parse_cache_url
    from tests.listings.test_caching import REDIS_URL, redis_reachable

    if not redis_reachable():
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    settings.CACHES = {"default": parse_cache_url("CACHE_URL", REDIS_URL)}
    caches["default"].clear()
    user = verified_user()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong password"})

    import redis

    stored = redis.Redis.from_url(REDIS_URL).keys("*allauth:rl:*login_failed*")
    assert stored, "the failed-login counters are not in Redis"
    del caches["default"]  # another process: nothing remembered locally
    response = Client().post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert b"Too many failed login attempts" in response.content
    caches["default"].clear()


def test_changing_the_email_address_needs_the_new_one_verified(client):
    user = verified_user(email="old@example.org")
    client.force_login(user)

    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "new@example.org"}, follow=True
    )

    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    client.post(link)
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert EmailAddress.objects.get(user=user).email == "new@example.org"


def test_a_deactivated_or_repassworded_user_is_signed_out_at_once(client, settings):
    """The signed-in user is read from the cache; saving the user forgets the copy."""
    user = verified_user()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.get("/me/").status_code == 200

    other = Client()
    other.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    user.set_password("a different passphrase 77")
    user.save()
    assert other.get("/me/").status_code == 302  # the old session's hash no longer matches

    user.is_active = False
    user.save()
    assert client.get("/me/").status_code == 302
