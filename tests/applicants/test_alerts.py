"""Saved jobs, job alerts and reminders: what a signed-in applicant keeps, and the email it
brings, once each, whatever runs twice."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from applicants import alerts
from applicants.alerts import digests
from applicants.models import AlertDelivery, SavedJob, SavedSearch
from listings import vocab
from listings.links import absolute_url
from tests.factories import JobPostingFactory, UserFactory, licensed_profile
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def published(days_ago: float, **fields):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    return JobPostingFactory(published_at=at, expires_at=at + datetime.timedelta(days=60), **fields)


# Saving jobs ---------------------------------------------------------------------------------
def test_a_posting_page_saves_and_unsaves_a_job(client):
    posting = JobPostingFactory()
    user = UserFactory()
    client.force_login(user)

    page = client.get(posting.get_absolute_url()).content.decode()
    assert 'aria-pressed="false"' in page
    assert "Save job" in page
    client.post(f"/me/saved/{posting.pk}/", {"next": posting.get_absolute_url()})
    assert SavedJob.objects.filter(user=user, posting=posting).exists()
    assert 'aria-pressed="true"' in client.get(posting.get_absolute_url()).content.decode()
    assert posting.title in client.get("/me/saved/").content.decode()

    client.post(f"/me/saved/{posting.pk}/")
    assert not SavedJob.objects.exists()


def test_saving_answers_json_to_the_cards_script(client):
    posting = JobPostingFactory()
    client.force_login(UserFactory())

    answer = client.post(f"/me/saved/{posting.pk}/", headers={"accept": "application/json"})

    assert answer.json() == {"saved": True}


def test_the_listing_gives_signed_in_visitors_their_saved_jobs_for_the_cards(client):
    posting = JobPostingFactory()
    user = UserFactory()
    SavedJob.objects.create(user=user, posting=posting)
    anonymous = client.get("/jobs/").content.decode()
    client.force_login(user)

    html = client.get("/jobs/").content.decode()

    state = re.search(r'<script id="viewer-state" type="application/json">(.*?)</script>', html)
    assert state
    assert f"[{posting.pk}]" in state.group(1)
    assert "viewer-state" not in anonymous
    assert f'data-posting-id="{posting.pk}"' in html


def test_an_unsafe_next_address_is_not_followed(client):
    posting = JobPostingFactory()
    client.force_login(UserFactory())

    response = client.post(f"/me/saved/{posting.pk}/", {"next": "https://evil.example/"})

    assert response["Location"] == posting.get_absolute_url()


# Saving searches -----------------------------------------------------------------------------
def test_email_me_new_jobs_like_these_saves_the_search_once(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/jobs/?role=cota&state=TX").content.decode()
    assert 'id="alert-form"' in page

    for _ in range(2):
        client.post("/me/alerts/", {"query": "state=TX&role=cota&page=3", "frequency": "weekly"})

    saved = SavedSearch.objects.get(user=user)
    assert saved.query == "role=cota&state=TX"  # normalised: same search, one alert
    assert saved.frequency == "weekly"
    assert "COTA" in saved.summary


def test_anonymous_visitors_are_asked_to_sign_in_for_alerts(client):
    html = client.get("/jobs/?role=cota").content.decode()

    assert 'id="alert-form"' not in html
    assert "to get new jobs like these by email" in html


def test_alerts_can_be_changed_and_deleted_only_by_their_owner(client):
    saved = SavedSearch.objects.create(user=UserFactory(), query="role=cota")
    client.force_login(UserFactory())

    assert client.post(f"/me/alerts/{saved.pk}/", {"action": "delete"}).status_code == 404
    client.force_login(saved.user)
    client.post(f"/me/alerts/{saved.pk}/", {"frequency": "weekly"})
    saved.refresh_from_db()
    assert saved.frequency == "weekly"
    client.post(f"/me/alerts/{saved.pk}/", {"action": "delete"})
    assert not SavedSearch.objects.exists()


# Sending alerts ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_daily_alert_tells_of_new_matches_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        saved = alerts.save_search(user=user, query="role=cota", frequency="daily")
    published(5, role=vocab.Role.COTA, title="Old COTA job")
    new = published(0.5, role=vocab.Role.COTA, title="New COTA job")
    published(0.5, role=vocab.Role.PEDIATRIC_OT, title="New OT job")

    with django_capture_on_commit_callbacks(execute=True):
        emails, told = alerts.send_alerts("daily")
    run_worker()

    assert (emails, told) == (1, 1)
    [message] = mail.outbox
    assert "New COTA job" in message.body
    assert "Old COTA job" not in message.body
    assert "New OT job" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert list(AlertDelivery.objects.values_list("posting_id", flat=True)) == [new.pk]

    # The next day: nothing new, nothing sent; the same posting never again.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert alerts.send_alerts("daily") == (0, 0)
    saved.refresh_from_db()
    assert AlertDelivery.objects.count() == 1

    # Published again two days on: new by its date, but this alert told of it already.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        new.published_at = timezone.now() - datetime.timedelta(hours=1)
        new.save()
        assert alerts.send_alerts("daily") == (0, 0)
    assert AlertDelivery.objects.count() == 1


def test_an_alert_is_not_sent_again_before_its_period(django_capture_on_commit_callbacks):
    user = UserFactory()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8)):
        alerts.save_search(user=user, query="role=cota", frequency="weekly")
    published(1, role=vocab.Role.COTA)
    assert alerts.send_alerts("weekly") == (1, 1)
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(days=1)):
        published(0, role=vocab.Role.COTA)  # published the next day
        assert alerts.send_alerts("weekly") == (0, 0)  # a week has not passed
    with time_machine.travel(start + datetime.timedelta(days=7)):
        assert alerts.send_alerts("weekly") == (1, 1)


def test_a_crash_part_way_leaves_no_alert_half_sent(monkeypatch):
    users = [UserFactory(), UserFactory()]
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        first, second = (
            alerts.save_search(user=u, query="role=cota", frequency="daily") for u in users
        )
    published(0.5, role=vocab.Role.COTA)
    real = digests._alert_body

    def crash_on_second(saved, postings, **kwargs):
        if saved.pk == second.pk:
            raise RuntimeError("worker killed")
        return real(saved, postings, **kwargs)

    monkeypatch.setattr(digests, "_alert_body", crash_on_second)
    monkeypatch.setattr(digests, "BATCH", 1)  # a transaction per search: crash between them
    with pytest.raises(RuntimeError):
        alerts.send_alerts("daily")

    assert AlertDelivery.objects.filter(search=first).count() == 1
    assert not AlertDelivery.objects.filter(search=second).exists()
    assert OutgoingEmail.objects.count() == 1
    monkeypatch.setattr(digests, "_alert_body", real)
    assert alerts.send_alerts("daily") == (1, 1)  # the rerun finishes the second only
    assert OutgoingEmail.objects.count() == 2


def test_jobs_i_qualify_for_alerts_use_the_profile_at_sending_time():
    from applicants.models import License, Profile

    user = UserFactory()
    profile = Profile.objects.create(
        user=user, degree="masters", nbcot="nbcot_otr", nbcot_number="1", years_experience=5
    )
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        saved = alerts.save_search(user=user, query="qualified=1", frequency="daily")
    texas = published(0.5, state="TX", title="Texas job")
    published(0.5, state="CA", title="California job")
    assert saved.query == "qualified=1"
    assert alerts.new_matches(saved, now=timezone.now()) == []  # no license yet

    License.objects.create(
        profile=profile,
        kind="ot_license",
        state="TX",
        number="1",
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    assert alerts.new_matches(saved, now=timezone.now()) == [texas]


def test_searches_of_one_query_each_leave_out_only_what_they_were_told_of(
    django_capture_on_commit_callbacks,
):
    """Searches of the same query sent since the same moment share their news, but one that
    was told of a posting before (published again since) still leaves it out alone."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        told, fresh = (
            alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
            for _ in range(2)
        )
    again = published(0.5, role=vocab.Role.COTA, title="Published again")
    other = published(0.4, role=vocab.Role.COTA, title="Brand new")
    AlertDelivery.objects.create(search=told, posting_id=again.pk)  # told of it the last time
    last_run = timezone.now() - datetime.timedelta(days=1)
    SavedSearch.objects.update(last_sent_at=last_run)  # both sent since the same moment

    with django_capture_on_commit_callbacks(execute=False):
        assert alerts.send_alerts("daily") == (2, 3)

    def named(search) -> set[int]:
        return set(
            AlertDelivery.objects.filter(search=search, email__isnull=False).values_list(
                "posting_id", flat=True
            )
        )

    assert named(told) == {other.pk}
    assert named(fresh) == {again.pk, other.pk}
    bodies = {e.to: e.body for e in OutgoingEmail.objects.filter(key__startswith="alert-")}
    assert "Published again" not in bodies[told.user.email]
    assert "Published again" in bodies[fresh.user.email]


def test_a_run_reads_each_persons_credentials_once_and_skips_those_without_a_profile(
    monkeypatch, django_capture_on_commit_callbacks
):
    """A person's "jobs I qualify for" searches in several batches are judged with their
    profile, read once; a person whose profile is gone is told of nothing."""
    from applicants.models import Profile

    monkeypatch.setattr(digests, "BATCH", 1)
    licensed, bare = licensed_profile(state="TX").user, UserFactory()
    gone = Profile.objects.create(user=bare, degree="masters")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        for user in (licensed, bare):
            alerts.save_search(user=user, query="qualified=1", frequency="daily")
            alerts.save_search(user=user, query="qualified=1&role=pediatric_ot", frequency="daily")
    gone.delete()
    assert SavedSearch.objects.filter(query__contains="qualified=1").count() == 4
    texas = published(0.5, state="TX", role=vocab.Role.PEDIATRIC_OT)
    published(0.5, state="CA", role=vocab.Role.PEDIATRIC_OT)
    reads = []
    real = digests._qualifications
    monkeypatch.setattr(
        digests, "_qualifications", lambda users: reads.append(set(users)) or real(users)
    )

    with django_capture_on_commit_callbacks(execute=False):
        assert alerts.send_alerts("daily") == (2, 2)

    assert reads == [{licensed.pk}, {bare.pk}]  # each person once, in four batches
    assert set(AlertDelivery.objects.values_list("search__user", "posting_id")) == {
        (licensed.pk, texas.pk)
    }


# Unsubscribing -----------------------------------------------------------------------------
def test_the_signed_link_unsubscribes_in_one_post_without_signing_in(client):
    saved = SavedSearch.objects.create(user=UserFactory(), query="role=cota", summary="COTA")
    url = alerts.unsubscribe_url(saved).split("://", 1)[1].split("/", 1)[1]

    page = client.get(f"/{url}")
    assert page.status_code == 200
    assert "Stop emails" in page.content.decode()
    assert SavedSearch.objects.exists()  # a GET (a mail scanner) changes nothing
    client.post(f"/{url}")  # List-Unsubscribe-Post: one click, no CSRF token

    assert not SavedSearch.objects.exists()


def test_each_email_holds_the_link_its_own_token_reverses_to(client):
    """A run reverses the unsubscribe address once and puts each search's token in it."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        searches = [
            alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
            for _ in range(3)
        ]
    published(0.5, role=vocab.Role.COTA)
    assert alerts.send_alerts("daily") == (3, 3)

    emails = OutgoingEmail.objects.filter(key__startswith="alert-")
    assert len(emails) == 3
    for email in emails:
        link = email.headers["List-Unsubscribe"].strip("<>")
        assert f"Stop these emails: {link}" in email.body
        saved = next(s for s in searches if s.user.email == email.to)
        token = alerts.unsubscribe_token(saved)
        assert link == absolute_url(reverse("alert_unsubscribe", kwargs={"token": token}))
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]
        assert "Stop emails" in client.get(path).content.decode()


def test_a_forged_unsubscribe_link_does_nothing(client):
    saved = SavedSearch.objects.create(user=UserFactory(), query="role=cota")
    forged = alerts.unsubscribe_token(saved)[:-2] + "xx"

    assert client.post(f"/alerts/unsubscribe/{forged}/").status_code == 404
    assert SavedSearch.objects.exists()


# Reminders -----------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_a_saved_job_closing_soon_is_reminded_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    closing = JobPostingFactory(apply_by=timezone.localdate() + datetime.timedelta(days=2))
    later = JobPostingFactory()
    SavedJob.objects.create(user=user, posting=closing)
    SavedJob.objects.create(user=user, posting=later)

    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_reminders() == 1
        assert alerts.send_reminders() == 0  # already reminded
    run_worker()

    [message] = mail.outbox
    assert closing.title in message.subject


def test_saved_jobs_closing_by_expiry_apply_by_or_lapsing_confirmation_are_due():
    """Whatever closes a posting by the clock (the one open rule) warns those who saved it."""
    now = timezone.now()
    today = timezone.localdate(now)
    user = UserFactory()
    expiring = JobPostingFactory(expires_at=now + datetime.timedelta(days=2))
    apply_by = JobPostingFactory(apply_by=today + datetime.timedelta(days=1))
    lapsing = JobPostingFactory(last_confirmed_open=today - datetime.timedelta(days=44))
    lasting = JobPostingFactory(last_confirmed_open=today - datetime.timedelta(days=20))
    saved = {
        posting.pk: SavedJob.objects.create(user=user, posting=posting).pk
        for posting in (expiring, apply_by, lapsing, lasting)
    }

    due = set(alerts.reminders_due(now))

    assert due == {saved[expiring.pk], saved[apply_by.pk], saved[lapsing.pk]}


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_alert_once():
    """Cron overlap: two processes run the daily alerts at the same moment (PostgreSQL row
    locks; SQLite runs one writer at a time anyway)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        for _ in range(6):
            alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
    published(0.5, role=vocab.Role.COTA)
    start = threading.Barrier(2)
    results = []

    def sender():
        start.wait()
        try:
            results.append(alerts.send_alerts("daily"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(emails for emails, _ in results) == 6
    assert OutgoingEmail.objects.filter(key__startswith="alert-").count() == 6
    assert AlertDelivery.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_the_command_with_two_processes_sends_each_alert_once(monkeypatch):
    """`send_job_alerts --processes 2`: a second sender beside the first (its own process,
    its own database connection) shares the work; each alert is sent once."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the second process needs a database server to share")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        for _ in range(30):
            alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
    published(0.5, role=vocab.Role.COTA)

    db = connection.settings_dict  # the helper process inherits the environment: this test's
    monkeypatch.setenv(
        "DATABASE_URL", f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    call_command("send_job_alerts", "--frequency", "daily", "--processes", "2", verbosity=0)

    assert OutgoingEmail.objects.filter(key__startswith="alert-").count() == 30
    assert AlertDelivery.objects.count() == 30


@pytest.mark.django_db(transaction=True)
def test_recording_what_alerts_told_writes_nothing_into_posting_rows(
    django_capture_on_commit_callbacks,
):
    """What an alert told of is kept without locking the postings it names: a row lock is
    written into the posting's row (its xmax), a write seekers never see."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks written into rows are a PostgreSQL matter")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
    posting = published(0.5, role=vocab.Role.COTA)

    def locker() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmax FROM listings_jobposting WHERE id = %s", [posting.pk])
            return str(cursor.fetchone()[0])

    before = locker()
    with django_capture_on_commit_callbacks(execute=False):
        assert alerts.send_alerts("daily") == (1, 1)
    assert AlertDelivery.objects.filter(posting_id=posting.pk).exists()
    assert locker() == before
    # The ORM still takes an alert's records along with a posting deleted through it.
    posting.delete()
    assert not AlertDelivery.objects.exists()


def test_a_run_keeps_the_planners_count_of_what_alerts_told_of(monkeypatch):
    """Each batch reads what its searches were told of through an index only while
    PostgreSQL knows how large that table has grown: a run that has recorded as many rows
    as the table held refreshes the count itself (autovacuum may be off, or not yet round)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the planner's statistics are PostgreSQL's")
    monkeypatch.setattr(digests, "BATCH", 2)
    monkeypatch.setattr(digests._Statistics, "AT_LEAST", 3)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        for _ in range(8):
            alerts.save_search(user=UserFactory(), query="role=cota", frequency="daily")
    published(0.5, role=vocab.Role.COTA)
    published(0.4, role=vocab.Role.COTA)

    def counted() -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'applicants_alertdelivery'::regclass"
            )
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE applicants_alertdelivery")  # counted while empty
    assert counted() <= 0

    assert alerts.send_alerts("daily") == (8, 16)
    # Counted after the 1st batch (4 rows recorded: 3 or more), the 2nd (4 more: as many
    # as were counted) and the 4th (8 more): all 16.
    assert counted() == 16
