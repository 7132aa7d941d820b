"""Demo recruiters: seed_demo gives every employer a recruiter who signs in to the admin,
the first open posting has an application in every status, and `demo_accounts` prints a
demo recruiter whose employers show the whole pipeline."""

import datetime
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from accounts.roles import RECRUITERS
from applicants.models import Application
from applicants.vocab import ApplicationStatus
from demo.accounts import (
    DEMO_RECRUITER_EMAIL,
    DEMO_RECRUITER_PASSWORD,
    ensure_demo_recruiter,
    showcase_employers,
)
from demo.generator.applicants import generate_applicants
from demo.generator.applications import OpenPosting, plan_applications
from demo.generator.recruiters import RECRUITER_EMAIL_DOMAIN, generate_recruiters
from listings.models import Employer, JobPosting, Membership

NOW = datetime.datetime(2026, 11, 20, 15, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)
EVERY_STATUS = set(ApplicationStatus.values)


def seed(*args: str) -> str:
    stdout = StringIO()
    call_command("seed_demo", *args, "--verbosity", "0", stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def recruiters():
    return User.objects.filter(email__endswith="@" + RECRUITER_EMAIL_DOMAIN)


# The generator -------------------------------------------------------------------------------
def test_one_recruiter_per_employer_some_with_a_second_employer_the_same_each_time():
    employers = [f"Employer {n}" for n in range(20)]

    people = generate_recruiters(employers)

    assert generate_recruiters(employers) == people
    assert [r.employers[0] for r in people] == list(range(20))
    assert any(len(r.employers) == 2 for r in people)
    assert all(len(r.employers) <= 2 for r in people)
    assert len({r.email for r in people}) == 20
    assert all(r.email.endswith("@" + RECRUITER_EMAIL_DOMAIN) for r in people)


def open_postings(count: int) -> list[OpenPosting]:
    return [
        OpenPosting(n + 1, "pediatric_ot", "TX", NOW - datetime.timedelta(days=3))
        for n in range(count)
    ]


@pytest.mark.parametrize("applicants", [5, 7, 40])
def test_the_first_postings_get_an_application_in_every_status(applicants):
    people = generate_applicants(count=applicants, seed=1, now=NOW, today=TODAY)

    plan_applications(people, open_postings(30), seed=1, now=NOW)

    shown = {(a.posting_id, a.status) for p in people for a in p.applications}
    first_two = {status for posting, status in shown if posting in (1, 2)}
    assert first_two == EVERY_STATUS
    for p in people:
        assert len(p.applications) <= 5
        assert len({a.posting_id for a in p.applications}) == len(p.applications)
        for application in p.applications:
            assert application.events[-1].status == application.status
    if applicants >= len(EVERY_STATUS):
        assert {status for posting, status in shown if posting == 1} == EVERY_STATUS


# seed_demo -----------------------------------------------------------------------------------
@pytest.fixture
def seeded(db):
    with time_machine.travel(NOW, tick=False):
        seed("--postings", "120", "--applicants", "20", "--seed", "3")
    return NOW


def test_every_employer_has_a_recruiter_who_signs_in_to_the_admin(seeded, client):
    employers = set(Employer.objects.values_list("pk", flat=True))
    people = list(recruiters())

    assert {m.employer_id for m in Membership.objects.filter(user__in=people)} == employers
    assert Membership.objects.filter(user__in=people).count() > len(people)  # some have two
    assert len({user.password for user in people}) == 1
    for user in people:
        assert user.is_staff
        assert not user.is_superuser
        assert user.groups.filter(name=RECRUITERS).exists()
        assert check_password(DEMO_RECRUITER_PASSWORD, user.password)
    assert EmailAddress.objects.filter(user__in=people, verified=True).count() == len(people)

    someone = people[3]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": someone.email, "password": DEMO_RECRUITER_PASSWORD},
    )
    assert response.status_code == 302
    listing = client.get("/admin/listings/jobposting/").content.decode()
    theirs = JobPosting.objects.managed_by(someone)
    others = JobPosting.objects.exclude(pk__in=theirs.values("pk"))
    assert f"/admin/listings/jobposting/{theirs.first().pk}/change/" in listing
    assert f"/admin/listings/jobposting/{others.first().pk}/change/" not in listing


def test_a_second_run_adds_recruiters_with_new_addresses(db):
    seed("--postings", "30", "--applicants", "0")
    first = recruiters().count()

    seed("--postings", "30", "--applicants", "0", "--force")

    emails = list(recruiters().values_list("email", flat=True))
    assert len(emails) == len(set(emails)) == 2 * first


def test_no_recruiters_without_debug(db, settings):
    settings.DEBUG = False

    seed("--postings", "30", "--applicants", "0")

    assert Employer.objects.exists()
    assert not User.objects.exists()


def test_some_employer_shows_applications_in_every_status(seeded):
    pairs = Application.objects.values_list("posting__employer_id", "status").distinct()
    by_employer: dict[int, set[str]] = {}
    for employer_id, status in pairs:
        by_employer.setdefault(employer_id, set()).add(status)

    assert EVERY_STATUS in by_employer.values()


# The demo recruiter --------------------------------------------------------------------------
def test_the_demo_recruiter_works_for_employers_with_every_status(seeded, client):
    user, employers = ensure_demo_recruiter()

    assert user.email == DEMO_RECRUITER_EMAIL
    assert user.is_staff
    assert user.is_active
    assert user.groups.filter(name=RECRUITERS).exists()
    assert EmailAddress.objects.get(user=user).verified
    assert 1 <= len(employers) <= 2
    statuses = set(
        Application.objects.filter(posting__employer__in=employers).values_list("status", flat=True)
    )
    assert statuses == EVERY_STATUS
    assert set(Membership.objects.filter(user=user).values_list("employer", flat=True)) == {
        e.pk for e in employers
    }

    assert client.login(email=DEMO_RECRUITER_EMAIL, password=DEMO_RECRUITER_PASSWORD)
    index = client.get("/admin/").content.decode()
    assert 'id="recruiter-dashboard"' in index


def test_ensuring_the_demo_recruiter_again_resets_it_and_keeps_one_account(seeded):
    user, employers = ensure_demo_recruiter()
    user.set_password("changed")
    user.is_staff = False
    user.save()
    Membership.objects.create(
        user=user, employer=Employer.objects.exclude(pk__in=[e.pk for e in employers])[0]
    )

    again, same = ensure_demo_recruiter()

    assert again.pk == user.pk
    assert same == employers
    assert again.is_staff
    assert again.check_password(DEMO_RECRUITER_PASSWORD)
    assert Membership.objects.filter(user=again).count() == len(employers)


def test_on_an_empty_board_the_demo_recruiter_has_no_employer(db):
    assert showcase_employers() == []
    user, employers = ensure_demo_recruiter()
    assert employers == []
    assert not Membership.objects.filter(user=user).exists()


def test_demo_accounts_prints_the_applicant_and_the_recruiter(seeded):
    stdout = StringIO()

    call_command("demo_accounts", stdout=stdout)

    printed = stdout.getvalue()
    assert "Demo applicant: sign in at /accounts/login/ as applicant@example.com" in printed
    assert (
        f"Demo recruiter: sign in at /admin/ as {DEMO_RECRUITER_EMAIL} with the password "
        f"{DEMO_RECRUITER_PASSWORD} (recruits for "
    ) in printed
    _, employers = ensure_demo_recruiter()
    assert all(employer.name in printed for employer in employers)


def test_demo_accounts_needs_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with DEBUG=true"):
        call_command("demo_accounts", stdout=StringIO())

    assert not User.objects.filter(email=DEMO_RECRUITER_EMAIL).exists()
