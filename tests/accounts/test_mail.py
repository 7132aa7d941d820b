"""Email through the task queue, against a real SMTP server on loopback (aiosmtpd)."""

import datetime
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.mail import STALE_AFTER, deliver, queue_email, queue_emails, send_pending_emails
from accounts.models import OutgoingEmail
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


class FlakyServer:
    """Refuses the first `failures` messages with a temporary error, then accepts."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.received: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        if self.failures:
            self.failures -= 1
            return "451 Try again later"
        self.received.append(envelope.content.decode())
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    def start(failures: int = 0) -> FlakyServer:
        handler = FlakyServer(failures)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
            }
        }
        return handler

    started: list[Controller] = []
    yield start
    for controller in started:
        controller.stop()


def test_a_message_is_sent_once_whatever_runs_it_again(smtp):
    server = smtp()
    with transaction.atomic():
        email = queue_email("welcome-1", "ana@example.org", "Welcome", "Hello Ana")
        queue_email("welcome-1", "ana@example.org", "Welcome", "Hello Ana")  # same key

    run_worker()
    assert deliver(email.pk) == "already sent"
    send_pending_emails(now=timezone.now() + 2 * STALE_AFTER)

    assert len(server.received) == 1
    assert "Subject: Welcome" in server.received[0]
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_many_messages_queued_at_once_are_stored_whole_and_each_sent_once(smtp):
    server = smtp()
    before = OutgoingEmail(key="before", to="x@example.org", subject="s", body="b")
    OutgoingEmail.objects.bulk_create([before])
    many = [
        OutgoingEmail(
            key=f"digest-{n}",
            to=f"person{n}@example.org",
            subject=f"{n} new jobs: Pre-K \\ OT\t“school”",
            body=f"Line one\nLine two, tab\there, {n}\r\n",
            headers={"List-Unsubscribe": f"<https://example.org/u/{n}/>"},
        )
        for n in range(150)  # two tasks: a hundred, then fifty
    ]
    with transaction.atomic():
        queued = queue_emails(many)

    assert len({email.pk for email in queued}) == 150
    assert min(email.pk for email in queued) > before.pk
    after = OutgoingEmail.objects.create(key="after", to="y@example.org", subject="s", body="b")
    assert after.pk > max(email.pk for email in queued)  # the table's own ids move on past
    stored = {e.key: e for e in OutgoingEmail.objects.exclude(pk__in=[before.pk, after.pk])}
    for email in many:  # read back as written, under the id the caller was given
        row = stored[email.key]
        assert (row.pk, row.to, row.subject, row.body, row.headers) == (
            email.pk,
            email.to,
            email.subject,
            email.body,
            email.headers,
        )
        assert row.created_at == email.created_at
        assert row.sent_at is None
    run_worker()
    assert len(server.received) == 150
    assert "List-Unsubscribe: <https://example.org/u/7/>" in "".join(server.received)


def test_a_key_queued_already_fails_the_whole_batch(smtp):
    smtp()
    queue_emails([OutgoingEmail(key="digest-1", to="a@example.org", subject="s", body="b")])
    again = [
        OutgoingEmail(key=key, to="a@example.org", subject="s", body="b")
        for key in ("digest-2", "digest-1")
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        queue_emails(again)
    assert [email.pk for email in again] == [None, None]  # stored nowhere
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["digest-1"]


def test_a_rolled_back_transaction_sends_nothing(smtp):
    server = smtp()

    @transaction.atomic
    def fails_after_queueing():
        queue_email("ghost-1", "ana@example.org", "Ghost", "never")
        raise RuntimeError

    with pytest.raises(RuntimeError):
        fails_after_queueing()

    run_worker()

    assert server.received == []
    assert not OutgoingEmail.objects.exists()


def test_a_failing_mail_server_is_retried_with_growing_waits(smtp):
    server = smtp(failures=2)
    with transaction.atomic():
        email = queue_email("retry-1", "ana@example.org", "Retry", "body")

    run_worker()  # first try fails; the retry waits 2 s
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None
    wait = retry.run_after - timezone.now()
    assert datetime.timedelta(seconds=0) < wait <= datetime.timedelta(seconds=2)
    assert retry.args_kwargs["args"][-1] == 2  # the attempt number
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1
    assert "451" in email.last_error

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()  # second try fails too; the next waits 4 s
    retry = DBTaskResult.objects.filter(status="READY").get()
    wait = retry.run_after - timezone.now()
    assert datetime.timedelta(seconds=2) < wait <= datetime.timedelta(seconds=4)

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 3
    assert len(server.received) == 1


def test_what_a_killed_worker_left_unsent_is_sent_by_the_periodic_command(smtp):
    server = smtp()
    # As a worker killed mid-task leaves it: recorded, never sent, its task gone.
    email = OutgoingEmail.objects.create(
        key="orphan-1", to="ana@example.org", subject="S", body="B"
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - 2 * STALE_AFTER)
    young = OutgoingEmail.objects.create(key="young-1", to="ana@example.org", subject="S", body="B")

    call_command("send_pending_emails", verbosity=0)
    call_command("send_pending_emails", verbosity=0)  # safe to run twice

    assert len(server.received) == 1
    young.refresh_from_db()
    assert young.sent_at is None  # a worker may still be on it
