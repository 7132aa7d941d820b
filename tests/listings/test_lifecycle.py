"""Ghost-job controls and expiry: a posting nobody confirms open for 45 days leaves the board
(the one open rule, in SQL, in Python and in the search index), its recruiters are asked at
30 days and told when it closes; expired postings are closed; recruiters hear a week before
expiry; every email once, however often and however concurrently the command runs."""

import datetime
import re
import threading
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from listings import lifecycle, vocab
from listings.models import CatalogueChange, JobPosting
from listings.querysets import start_of_day
from listings.search import reset_catalogue
from listings.search.catalogue import current_catalogue, search_stats
from tests.factories import EmployerFactory, JobPostingFactory, RecruiterFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)  # 10:00 in New York
TODAY = timezone.localdate(NOW)
CLOSED = vocab.PostingStatus.CLOSED
PUBLISHED = vocab.PostingStatus.PUBLISHED


def days_ago(days: int, today: datetime.date = TODAY) -> datetime.date:
    return today - datetime.timedelta(days=days)


def confirmed(days: int, *, now: datetime.datetime = NOW, **fields) -> JobPosting:
    """A posting published 60 days before `now`, expiring in 30, last confirmed `days` ago."""
    values = {
        "published_at": now - datetime.timedelta(days=60),
        "expires_at": now + datetime.timedelta(days=30),
        "last_confirmed_open": days_ago(days, timezone.localdate(now)),
        **fields,
    }
    return JobPostingFactory(**values)


def emails_to(user) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to=user.email).order_by("pk"))


def index_open_ids(now: datetime.datetime) -> set[int]:
    """The postings the search index shows at `now` (built at that moment)."""
    with time_machine.travel(now, tick=False):
        reset_catalogue()
        catalogue = current_catalogue()
        ts = now.timestamp()
        shown = (catalogue["opens"] <= ts) & (catalogue["closes"] > ts)
        return {int(pk) for pk in catalogue.ids[shown]}


# The one open rule ---------------------------------------------------------------------------
def test_a_posting_stays_open_through_the_45th_day_after_its_last_confirmation():
    posting = confirmed(45)
    last_moment = start_of_day(TODAY + datetime.timedelta(days=1)) - datetime.timedelta(
        microseconds=1
    )
    closes = start_of_day(TODAY + datetime.timedelta(days=1))

    assert posting.closes_at == closes
    for now, shown in ((NOW, True), (last_moment, True), (closes, False)):
        assert posting.is_open(now) is shown
        assert JobPosting.objects.open(now).filter(pk=posting.pk).exists() is shown
        assert (posting.pk in index_open_ids(now)) is shown


def test_a_never_confirmed_posting_counts_as_confirmed_on_its_publication_day():
    """Old data: no confirmation recorded. The publication day (site time zone) counts,
    to the microsecond at midnight, alike in SQL, in Python and in the index."""
    midnight = start_of_day(days_ago(45))
    on_the_day = confirmed(0, title="Published at midnight", published_at=midnight)
    day_before = confirmed(0, title="A moment before", published_at=midnight - _MICRO)
    JobPosting.objects.filter(pk__in=[on_the_day.pk, day_before.pk]).update(
        last_confirmed_open=None
    )
    on_the_day.refresh_from_db()
    day_before.refresh_from_db()

    assert on_the_day.confirmed_on == days_ago(45)
    assert day_before.confirmed_on == days_ago(46)
    assert on_the_day.is_open(NOW)
    assert not day_before.is_open(NOW)
    assert set(JobPosting.objects.open(NOW)) == {on_the_day}
    assert index_open_ids(NOW) == {on_the_day.pk}
    assert set(JobPosting.objects.needs_confirmation(NOW)) == {on_the_day}
    assert set(JobPosting.objects.unconfirmed(NOW)) == {on_the_day, day_before}


_MICRO = datetime.timedelta(microseconds=1)


def test_sql_python_and_the_index_agree_on_every_closing_rule():
    postings = []
    for days in (None, 0, 30, 44, 45, 46, 70):
        for apply_by in (None, TODAY, days_ago(1), TODAY + datetime.timedelta(days=3)):
            for expires in (NOW + datetime.timedelta(days=2), NOW + datetime.timedelta(hours=1)):
                posting = confirmed(0, apply_by=apply_by, expires_at=expires)
                if days is None:
                    JobPosting.objects.filter(pk=posting.pk).update(last_confirmed_open=None)
                else:
                    JobPosting.objects.filter(pk=posting.pk).update(
                        last_confirmed_open=days_ago(days)
                    )
                posting.refresh_from_db()
                postings.append(posting)
    tomorrow = start_of_day(TODAY + datetime.timedelta(days=1))
    for now in (NOW, NOW + datetime.timedelta(hours=2), tomorrow - _MICRO, tomorrow):
        in_python = {p.pk for p in postings if p.is_open(now)}
        assert set(JobPosting.objects.open(now).values_list("pk", flat=True)) == in_python
        assert index_open_ids(now) == in_python, now
    # The index's closing times are the model's, to the microsecond.
    with time_machine.travel(NOW, tick=False):
        reset_catalogue()
        catalogue = current_catalogue()
        by_id = {p.pk: p for p in postings}
        for pk, closes in zip(catalogue.ids, catalogue["closes"], strict=True):
            assert closes == by_id[int(pk)].closes_at.timestamp()


def test_job_posting_markup_is_valid_through_the_end_of_the_confirmation(client):
    posting = JobPostingFactory(last_confirmed_open=days_ago(10, timezone.localdate()))
    text = client.get(posting.get_absolute_url()).text
    lapses = start_of_day(timezone.localdate() + datetime.timedelta(days=36))
    assert f'"validThrough": "{lapses.isoformat()}"' in text


def test_seekers_never_see_a_posting_nobody_confirmed_in_45_days_until_it_is_confirmed(client):
    today = timezone.localdate()
    employer = EmployerFactory()
    ghost = JobPostingFactory(
        employer=employer, title="Ghost feeding specialist", last_confirmed_open=days_ago(46, today)
    )
    JobPostingFactory(
        employer=employer, title="Real handwriting OT", last_confirmed_open=days_ago(45, today)
    )

    def shown() -> dict[str, bool]:
        pages = {
            "listing": client.get("/jobs/").text,
            "search": client.get("/jobs/?q=feeding").text,
            "rss": client.get("/jobs/feed/rss/").text,
            "atom": client.get("/jobs/feed/atom/").text,
            "employer": client.get(employer.get_absolute_url()).text,
        }
        assert all(
            "Real handwriting OT" in text for name, text in pages.items() if name != "search"
        )
        return {name: "Ghost feeding specialist" in text for name, text in pages.items()}

    assert shown() == dict.fromkeys(("listing", "search", "rss", "atom", "employer"), False)
    assert client.get(ghost.get_absolute_url()).status_code == 410
    assert not JobPosting.objects.open().filter(pk=ghost.pk).exists()
    sitemap = client.get(reverse("sitemap_section", kwargs={"section": "postings"})).text
    assert ghost.slug not in sitemap

    changes = CatalogueChange.objects.filter(posting_id=ghost.pk).count()
    builds = search_stats()["full_builds"]
    ghost.confirm_open()

    assert CatalogueChange.objects.filter(posting_id=ghost.pk).count() > changes
    assert shown() == dict.fromkeys(("listing", "search", "rss", "atom", "employer"), True)
    assert search_stats()["full_builds"] == builds  # the change log brought it back
    assert client.get(ghost.get_absolute_url()).status_code == 200


# Asking recruiters to confirm ------------------------------------------------------------------
def test_recruiters_are_asked_to_confirm_a_posting_at_30_days_not_at_29():
    employer = EmployerFactory()
    recruiter = RecruiterFactory(employers=[employer], full_name="Dana Ortiz")
    RecruiterFactory(employers=[employer], is_active=False)
    due = confirmed(30, employer=employer, title="School OT, 30 days")
    confirmed(29, employer=employer, title="Clinic OT, 29 days")

    outcome = lifecycle.flag_unconfirmed(now=NOW)

    assert [item.id for item in outcome.postings] == [due.pk]
    assert outcome.emails == 1
    [email] = OutgoingEmail.objects.all()
    assert email.to == recruiter.email
    assert email.subject == "Still open? School OT, 30 days needs your confirmation"
    assert "Hello Dana Ortiz," in email.body
    assert "School OT, 30 days" in email.body
    assert "Clinic OT, 29 days" not in email.body
    assert f"/admin/listings/jobposting/{due.pk}/change/" in email.body
    assert "/admin/listings/jobposting/?confirmation=needed" in email.body
    lapses = days_ago(30) + datetime.timedelta(days=45)
    assert f"closed as unconfirmed after {lapses:%B} {lapses.day}, {lapses.year}" in email.body


def test_each_recruiter_gets_one_email_naming_all_their_postings(django_assert_max_num_queries):
    first, second = EmployerFactory(name="Aspen Kids"), EmployerFactory(name="Birch Therapy")
    both = RecruiterFactory(employers=[first, second])
    only_first = RecruiterFactory(employers=[first])
    a = confirmed(31, employer=first, title="Aspen role A")
    b = confirmed(40, employer=second, title="Birch role B")
    c = confirmed(35, employer=first, title="Aspen role C")
    confirmed(45, employer=first, title="Aspen role due for closing")

    with django_assert_max_num_queries(6):
        outcome = lifecycle.flag_unconfirmed(now=NOW)

    assert {item.id for item in outcome.postings} == {a.pk, b.pk, c.pk}
    [to_both] = emails_to(both)
    [to_first] = emails_to(only_first)
    assert to_both.subject == "Still open? 3 postings need your confirmation"
    for title in ("Aspen role A", "Birch role B", "Aspen role C"):
        assert title in to_both.body
    assert "Birch role B" not in to_first.body
    assert "Aspen role A" in to_first.body
    assert "Aspen role C" in to_first.body
    assert "due for closing" not in to_both.body  # closed, not asked about, by the same run


def test_the_same_postings_are_asked_about_once_per_confirmation_period():
    recruiter = RecruiterFactory(employers=[employer := EmployerFactory()])
    posting = confirmed(30, employer=employer, expires_at=NOW + datetime.timedelta(days=90))

    assert lifecycle.flag_unconfirmed(now=NOW).emails == 1
    assert lifecycle.flag_unconfirmed(now=NOW).emails == 0
    assert lifecycle.flag_unconfirmed(now=NOW + datetime.timedelta(days=3)).emails == 0
    assert len(emails_to(recruiter)) == 1

    posting.confirm_open(now=NOW)  # the next period: asked again 30 days on
    later = NOW + datetime.timedelta(days=30)
    assert lifecycle.flag_unconfirmed(now=later - datetime.timedelta(days=1)).emails == 0
    assert lifecycle.flag_unconfirmed(now=later).emails == 1
    assert len(emails_to(recruiter)) == 2


# Closing unconfirmed and expired postings ------------------------------------------------------
def test_postings_unconfirmed_45_days_are_closed_and_their_recruiters_told_once():
    recruiter = RecruiterFactory(employers=[employer := EmployerFactory()])
    due = confirmed(45, employer=employer, title="Forgotten school OT")
    kept = confirmed(44, employer=employer, title="Recent clinic OT")
    other = confirmed(50, title="Another employer's ghost")

    outcome = lifecycle.retire_unconfirmed(now=NOW)

    assert {item.id for item in outcome.postings} == {due.pk, other.pk}
    due.refresh_from_db()
    kept.refresh_from_db()
    assert (due.status, due.closed_reason, due.closed_at) == (
        CLOSED,
        vocab.ClosedReason.UNCONFIRMED,
        NOW,
    )
    assert (kept.status, kept.closed_reason) == (PUBLISHED, "")
    [email] = emails_to(recruiter)
    assert email.subject == "Closed as unconfirmed: Forgotten school OT"
    assert "Forgotten school OT" in email.body
    assert "Another employer's ghost" not in email.body

    assert lifecycle.retire_unconfirmed(now=NOW).postings == []
    assert len(emails_to(recruiter)) == 1


def test_a_missed_run_closes_each_posting_for_what_came_first():
    """Catching up: a posting both expired and unconfirmed is closed for whichever came
    first; only those closed as unconfirmed are told of it."""
    recruiter = RecruiterFactory(employers=[employer := EmployerFactory()])
    lapsed_first = confirmed(
        50, employer=employer, title="Lapsed first", expires_at=NOW - datetime.timedelta(days=3)
    )
    expired_first = confirmed(
        47, employer=employer, title="Expired first", expires_at=NOW - datetime.timedelta(days=5)
    )

    outcome = lifecycle.retire_unconfirmed(now=NOW)

    assert [item.id for item in outcome.postings] == [lapsed_first.pk]
    assert [item.id for item in outcome.other] == [expired_first.pk]
    reasons = dict(JobPosting.objects.values_list("title", "closed_reason"))
    assert reasons == {"Lapsed first": "unconfirmed", "Expired first": "expired"}
    [email] = emails_to(recruiter)
    assert "Lapsed first" in email.body
    assert "Expired first" not in email.body


def test_expired_postings_are_closed_with_reason_expired():
    expired = confirmed(1, expires_at=NOW - datetime.timedelta(hours=1))
    live = confirmed(1)

    outcome = lifecycle.expire_postings(now=NOW)

    assert [item.id for item in outcome.postings] == [expired.pk]
    expired.refresh_from_db()
    live.refresh_from_db()
    assert (expired.status, expired.closed_reason, expired.closed_at) == (
        CLOSED,
        vocab.ClosedReason.EXPIRED,
        NOW,
    )
    assert live.status == PUBLISHED
    assert lifecycle.expire_postings(now=NOW).postings == []


def test_publishing_again_clears_the_reason_and_confirms_it_open():
    posting = confirmed(50)
    lifecycle.retire_unconfirmed(now=NOW)
    posting.refresh_from_db()

    posting.publish(now=NOW)

    assert (posting.status, posting.closed_reason) == (PUBLISHED, "")
    assert posting.last_confirmed_open == TODAY
    assert posting.is_open(NOW)


# Reminders before expiry -----------------------------------------------------------------------
def test_recruiters_are_reminded_a_week_before_expiry_once_per_expiry_date():
    recruiter = RecruiterFactory(employers=[employer := EmployerFactory()])
    soon = confirmed(1, employer=employer, expires_at=NOW + datetime.timedelta(days=6))
    confirmed(1, employer=employer, expires_at=NOW + datetime.timedelta(days=8))

    outcome = lifecycle.remind_expiring(now=NOW)

    assert [item.id for item in outcome.postings] == [soon.pk]
    [email] = emails_to(recruiter)
    expires = timezone.localtime(soon.expires_at)
    assert email.subject == (
        f"Expires {expires:%B} {expires.day}: {soon.title} ({soon.city}, {soon.state})"
    )
    assert f"/admin/listings/jobposting/{soon.pk}/change/" in email.body
    assert lifecycle.remind_expiring(now=NOW).emails == 0

    soon.extend(days=30, now=NOW)  # a new expiry date: reminded again a week before it
    later = NOW + datetime.timedelta(days=30)
    soon.confirm_open(now=later)
    assert lifecycle.remind_expiring(now=later).emails == 1
    assert len(emails_to(recruiter)) == 2


# The command -----------------------------------------------------------------------------------
def test_a_dry_run_says_what_would_happen_and_changes_nothing():
    now = timezone.now()
    RecruiterFactory(employers=[employer := EmployerFactory()])
    ghost = confirmed(50, now=now, employer=employer, title="Ghost role")
    confirmed(33, now=now, employer=employer, title="Asked role")

    out = call_command_output("retire_postings", "--dry-run")

    assert "1 posting needs confirmation; 1 still open? email would be queued." in out
    assert "1 posting would be closed as unconfirmed; 1 closed email would be queued." in out
    assert f"#{ghost.pk} Ghost role" in out
    ghost.refresh_from_db()
    assert ghost.status == PUBLISHED
    assert not OutgoingEmail.objects.exists()


def call_command_output(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_running_the_command_twice_sends_each_email_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    recruiter = RecruiterFactory(employers=[employer := EmployerFactory()])
    confirmed(46, now=now, employer=employer, title="Ghost role")
    confirmed(31, now=now, employer=employer, title="Asked role")
    confirmed(1, now=now, employer=employer, title="Expiring role",
              expires_at=now + datetime.timedelta(days=3))  # fmt: skip
    confirmed(1, now=now, employer=employer, title="Expired role",
              expires_at=now - datetime.timedelta(hours=2))  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        first = call_command_output("retire_postings")
        second = call_command_output("retire_postings")
    run_worker()
    run_worker()

    assert "1 posting needs confirmation; 1 still open? email queued." in first
    assert "1 posting closed as unconfirmed; 1 closed email queued." in first
    assert "1 posting closed as expired." in first
    assert "1 posting expires within a week; 1 expiry reminder email queued." in first
    assert "1 posting needs confirmation; 0 still open? emails queued." in second
    assert "0 postings closed as unconfirmed; 0 closed emails queued." in second
    assert "0 postings closed as expired." in second
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 3
    assert subjects[0] == "Closed as unconfirmed: Ghost role"
    assert subjects[1].startswith("Expires ")
    assert "Expiring role" in subjects[1]
    assert subjects[2] == "Still open? Asked role needs your confirmation"
    assert all(message.to == [recruiter.email] for message in mail.outbox)
    closed = JobPosting.objects.filter(status=CLOSED).values_list("title", "closed_reason")
    assert dict(closed) == {"Ghost role": "unconfirmed", "Expired role": "expired"}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_close_and_tell_each_posting_once():
    """Cron overlap: two processes run at the same moment (PostgreSQL row locks; SQLite runs
    one writer at a time anyway)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter")
    recruiters = [RecruiterFactory(employers=[EmployerFactory()]) for _ in range(4)]
    for recruiter in recruiters:
        employer = recruiter.memberships.get().employer
        for _ in range(5):
            confirmed(50, employer=employer)
            confirmed(33, employer=employer)
    start = threading.Barrier(2)
    results: list[tuple[int, int, int]] = []

    def run():
        start.wait()
        try:
            retired = lifecycle.retire_unconfirmed(now=NOW)
            flagged = lifecycle.flag_unconfirmed(now=NOW)
            results.append((len(retired.postings), retired.emails, flagged.emails))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(closed for closed, _, _ in results) == 20
    assert JobPosting.objects.filter(closed_reason=vocab.ClosedReason.UNCONFIRMED).count() == 20
    for recruiter in recruiters:
        subjects = sorted(email.subject for email in emails_to(recruiter))
        # "Closed..." sorts first: one email, or two if the runs split the postings.
        *closed, still_open = subjects
        assert len(closed) in (1, 2)
        assert all(s.startswith("Closed as unconfirmed: ") for s in closed)
        assert still_open == "Still open? 5 postings need your confirmation"


# Admin -----------------------------------------------------------------------------------------
@pytest.fixture
def recruiter_client(client):
    employer = EmployerFactory()
    recruiter = RecruiterFactory(employers=[employer])
    client.force_login(recruiter)
    client.employer = employer
    return client


def changelist(client, query: str) -> set[str]:
    response = client.get(f"{reverse('admin:listings_jobposting_changelist')}?{query}")
    assert response.status_code == 200
    return {posting.title for posting in response.context["cl"].result_list}


def test_admin_filters_show_postings_needing_confirmation_or_expiring_soon(recruiter_client):
    client, employer = recruiter_client, recruiter_client.employer
    today = timezone.localdate()
    JobPostingFactory(
        employer=employer, title="Needs confirming", last_confirmed_open=days_ago(35, today)
    )
    JobPostingFactory(employer=employer, title="Fresh", last_confirmed_open=days_ago(2, today))
    JobPostingFactory(
        employer=employer, title="Expiring", expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    JobPostingFactory(title="Someone else's", last_confirmed_open=days_ago(35, today))

    assert changelist(client, "confirmation=needed") == {"Needs confirming"}
    assert changelist(client, "expiring=soon") == {"Expiring"}
    assert changelist(client, "confirmation=bogus") == {"Needs confirming", "Fresh", "Expiring"}
    page = client.get(reverse("admin:listings_jobposting_changelist")).text
    assert "Needs confirmation (30+ days)" in page
    assert "Expiring soon (within 7 days)" in page


def test_closing_in_admin_records_filled_and_the_reason_filters_and_shows(recruiter_client):
    client, employer = recruiter_client, recruiter_client.employer
    filled = JobPostingFactory(employer=employer, title="Filled role")
    JobPostingFactory(
        employer=employer,
        title="Ghost role",
        last_confirmed_open=days_ago(60, timezone.localdate()),
    )
    lifecycle.retire_unconfirmed()

    client.post(
        reverse("admin:listings_jobposting_changelist"),
        {"action": "close_selected", "_selected_action": [filled.pk]},
    )

    filled.refresh_from_db()
    assert (filled.status, filled.closed_reason) == (CLOSED, vocab.ClosedReason.FILLED)
    assert changelist(client, "closed_reason__exact=filled") == {"Filled role"}
    assert changelist(client, "closed_reason__exact=unconfirmed") == {"Ghost role"}
    page = client.get(reverse("admin:listings_jobposting_change", args=[filled.pk])).text
    assert "Filled or withdrawn by the employer" in page
    assert 'name="closed_reason"' not in page  # shown, never edited


def test_a_recruiter_confirms_a_posting_from_its_page(recruiter_client):
    client, employer = recruiter_client, recruiter_client.employer
    posting = JobPostingFactory(
        employer=employer, last_confirmed_open=days_ago(40, timezone.localdate())
    )
    url = reverse("admin:listings_jobposting_change", args=[posting.pk])

    response = client.post(
        url, {"CHANGE_FORM-action": "confirm_open_selected", "_selected_action": [posting.pk]}
    )

    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.last_confirmed_open == timezone.localdate()
    other = JobPostingFactory(last_confirmed_open=days_ago(40, timezone.localdate()))
    refused = client.post(
        reverse("admin:listings_jobposting_change", args=[other.pk]),
        {"CHANGE_FORM-action": "confirm_open_selected", "_selected_action": [other.pk]},
    )
    assert refused.status_code == 403
    other.refresh_from_db()
    assert other.last_confirmed_open == days_ago(40, timezone.localdate())


# The page a closed posting leaves behind says why ---------------------------------------------
def test_the_gone_page_says_why_and_when_a_posting_stopped(client):
    now = timezone.now()
    today = timezone.localdate(now)
    lapsed = JobPostingFactory(
        published_at=now - datetime.timedelta(days=60),
        expires_at=now + datetime.timedelta(days=10),
        last_confirmed_open=today - datetime.timedelta(days=50),
    )
    applications_over = JobPostingFactory(
        published_at=now - datetime.timedelta(days=20), apply_by=today - datetime.timedelta(days=2)
    )
    retired = JobPostingFactory()
    retired.close(now=now)
    JobPosting.objects.filter(pk=retired.pk).update(closed_reason=vocab.ClosedReason.UNCONFIRMED)
    filled = JobPostingFactory()
    filled.close(now=now)

    def notice(posting) -> str:
        response = client.get(posting.get_absolute_url())
        assert response.status_code == 410
        text = re.sub(r"<[^>]+>", "", response.content.decode())
        return " ".join(text.split())

    confirmed_last = lapsed.last_confirmed_open + datetime.timedelta(days=46)
    assert "did not confirm that this job was still open" in notice(lapsed)
    assert confirmed_last.strftime("%B %-d, %Y") in notice(lapsed)
    assert "expired on" not in notice(lapsed)
    assert "Applications closed on " + applications_over.apply_by.strftime("%B %-d, %Y") in (
        notice(applications_over)
    )
    assert "did not confirm that this job was still open" in notice(retired)
    assert "The employer closed this posting on" in notice(filled)
