"""Run the task worker (django-tasks-db's db_worker) until the queue is drained.

The worker closes its database connection when it is done, as a long-running process
must; on PostgreSQL that ends a test's own transaction, so tests that run it are
transactional (`@pytest.mark.django_db(transaction=True)`)."""

from django.core.management import call_command


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
