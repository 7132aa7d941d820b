"""Email the site sends to people (applicants, recruiters), through the task queue.

Each message is a row (`OutgoingEmail`) with a key that names it ("application-17-received"),
written in the same transaction as what it tells of: a rolled-back application sends
nothing, and the same key twice is one email. A worker sends it holding the row's lock and
records the time sent, so a retry or a second worker never sends it twice; a failing mail
server is retried with growing waits; `send_pending_emails` sends whatever a killed worker
left behind.
"""

import datetime
import logging
from email.utils import make_msgid
from functools import partial
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone
from psycopg.types.json import Jsonb

from accounts.models import OutgoingEmail
from otjobs.db import copy_rows

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # 2 s, 4 s ... about 4 minutes between the last tries
STALE_AFTER = datetime.timedelta(minutes=5)  # unsent this long: a worker may have died


def queue_email(key: str, to: str, subject: str, body: str, *, headers=None) -> OutgoingEmail:
    """Record a message and send it once the current transaction commits (idempotent)."""
    email, created = OutgoingEmail.objects.get_or_create(
        key=key[:200],
        defaults={"to": to, "subject": subject[:250], "body": body, "headers": headers or {}},
    )
    if created:
        transaction.on_commit(partial(send_email.enqueue, email.pk))
    return email


def queue_emails(emails: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Record many new messages at once (keys must be new) and send them after commit, a
    task per hundred: for digests that go to thousands of people in one run."""
    for email in emails:
        email.key, email.subject = email.key[:200], email.subject[:250]
    if connection.vendor == "postgresql" and emails:
        created = _copy_emails(emails)
    else:
        created = OutgoingEmail.objects.bulk_create(emails)
    ids = [email.pk for email in created]
    for start in range(0, len(ids), 100):
        transaction.on_commit(partial(send_emails.enqueue, ids[start : start + 100]))
    return created


_COPIED = ("id", "key", "to", "subject", "body", "headers", "created_at", "attempts", "last_error")


def _copy_emails(emails: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """`bulk_create` by COPY: ids drawn from the table's sequence first, then the rows
    streamed in (a sixth of a digest run's time at 70,000 emails went to `bulk_create`). The
    same rows, the same unique key: a key used already fails the COPY, and so the
    transaction."""
    table = OutgoingEmail._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(emails)],
        )
        for email, (pk,) in zip(emails, cursor.fetchall(), strict=True):
            email.pk = pk
    try:
        copy_rows(table, _COPIED, (_row(email) for email in emails))
    except Exception:
        for email in emails:
            email.pk = None  # stored nowhere
        raise
    for email in emails:
        email._state.adding, email._state.db = False, connection.alias
    return emails


def _row(email: OutgoingEmail) -> tuple:
    """The email's values in `_COPIED`'s order (its headers as JSON)."""
    return tuple(
        Jsonb(email.headers) if name == "headers" else getattr(email, name) for name in _COPIED
    )


def deliver(email_id: int) -> str:
    """Send one recorded message unless it was sent already. Returns what happened."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return "gone"
        if email.sent_at is not None:
            return "already sent"
        domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            to=[email.to],
            headers={
                "Message-ID": make_msgid(email.key.replace(":", "-"), domain),
                **email.headers,
            },
        )
        email.attempts += 1
        try:
            message.send()
        except (SMTPException, OSError) as error:
            email.last_error = f"{type(error).__name__}: {error}"[:500]
            email.save(update_fields=["attempts", "last_error"])
            return "failed"
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
        return "sent"


@task()
def send_email(email_id: int, attempt: int = 1) -> str:
    outcome = deliver(email_id)
    if outcome == "failed" and attempt < MAX_ATTEMPTS:
        wait = datetime.timedelta(seconds=2**attempt)
        send_email.using(run_after=timezone.now() + wait).enqueue(email_id, attempt + 1)
        log.warning("email %s: mail server failed, retrying in %s", email_id, wait)
    return outcome


@task()
def send_emails(email_ids: list[int]) -> dict[str, int]:
    """A batch of recorded messages; one that fails is retried on its own."""
    outcomes: dict[str, int] = {}
    for email_id in email_ids:
        outcome = deliver(email_id)
        if outcome == "failed":
            send_email.using(run_after=timezone.now() + datetime.timedelta(seconds=2)).enqueue(
                email_id, 2
            )
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def send_pending_emails(now: datetime.datetime | None = None) -> int:
    """Send what is still unsent after STALE_AFTER (a worker killed mid-task, or every
    retry used up). Safe beside running workers: each message is sent under its lock."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    ids = OutgoingEmail.objects.filter(sent_at=None, created_at__lt=cutoff).values_list(
        "pk", flat=True
    )
    return sum(deliver(pk) == "sent" for pk in list(ids))
