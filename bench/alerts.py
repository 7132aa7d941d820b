"""Job alerts at scale: 100,000 saved daily searches of the demo applicants, due now, run
against the benchmark database's last day of new postings. Prints the run's seconds, the
emails and postings it recorded; then takes back what it wrote, so runs repeat.

    python bench/alerts.py        (with the benchmark's environment: bench/run.py calls it)
"""

import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otjobs.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import OutgoingEmail  # noqa: E402
from applicants.models import AlertDelivery, Profile, SavedSearch  # noqa: E402
from listings import vocab  # noqa: E402
from listings.search.criteria import Criteria  # noqa: E402

SEARCHES = int(os.environ.get("BENCH_ALERTS", "100000"))


def a_query(rng: random.Random) -> str:
    """A search people save: a role, often a setting or a state, some "jobs I qualify for"."""
    facets: dict[str, tuple[str, ...]] = {"role": (rng.choice(vocab.Role.values),)}
    if rng.random() < 0.5:
        facets["setting"] = (rng.choice(vocab.Setting.values),)
    if rng.random() < 0.6:
        facets["state"] = (rng.choice(vocab.State.values),)
    query = Criteria(facets=facets).query()
    return query + "&qualified=1" if rng.random() < 0.1 else query


def ensure_searches() -> None:
    if SavedSearch.objects.count() == SEARCHES:
        return
    SavedSearch.objects.all().delete()
    rng = random.Random(7)
    users = list(Profile.objects.order_by("pk").values_list("user_id", flat=True))
    made: dict[tuple[int, str], SavedSearch] = {}
    while len(made) < SEARCHES:  # one search per user and query
        user, query = rng.choice(users), a_query(rng)
        made[(user, query)] = SavedSearch(user_id=user, query=query, frequency="daily")
    SavedSearch.objects.bulk_create(made.values(), batch_size=5000)


def main() -> None:
    ensure_searches()
    now = timezone.now()
    yesterday = now - timedelta(days=1)  # due now, against a day's new postings
    SavedSearch.objects.update(created_at=now - timedelta(days=30), last_sent_at=yesterday)
    with connection.cursor() as cursor:  # what the last run took back, gone for good
        cursor.execute(
            "VACUUM ANALYZE applicants_savedsearch, applicants_alertdelivery, "
            "accounts_outgoingemail, django_tasks_database_dbtaskresult"
        )
    started = time.perf_counter()
    subprocess.run(  # as cron runs it: two senders, one per core
        [sys.executable, "manage.py", "send_job_alerts", "--processes", "2", "-v", "0"],
        check=True,
    )
    seconds = time.perf_counter() - started
    emails = OutgoingEmail.objects.filter(key__startswith="alert-").count()
    told = AlertDelivery.objects.count()
    print(f"{SEARCHES} {seconds:.1f} {emails} {told}")
    # Take back what the run wrote (the worker never ran: nothing was sent).
    AlertDelivery.objects.all().delete()
    OutgoingEmail.objects.filter(key__startswith="alert-").delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_tasks_database_dbtaskresult")


if __name__ == "__main__":
    main()
