"""Recruiters at work, for the benchmark: one open posting edited through the ORM per second.

Run by bench/run.py beside the load; prints how many edits it made when stopped (SIGTERM).
"""

import os
import random
import signal
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otjobs.settings")
django.setup()

from decimal import Decimal  # noqa: E402

from listings.models import JobPosting  # noqa: E402

stopping = False


def stop(*_):
    global stopping
    stopping = True


def main() -> None:
    signal.signal(signal.SIGTERM, stop)
    rng = random.Random(7)
    ids = list(JobPosting.objects.open().values_list("id", flat=True)[:5000])
    edits = 0
    next_at = time.monotonic()
    while not stopping:
        posting = JobPosting.objects.get(pk=rng.choice(ids))
        # What a recruiter does all day: a pay tweak, a caseload, a new line of text.
        posting.pay_max = posting.pay_max + Decimal("0.50")
        posting.caseload_direct = rng.randint(25, 55) if posting.setting == "school" else None
        posting.description = posting.description.rstrip() + "\n\nUpdated by the employer."
        posting.save()
        edits += 1
        next_at += 1.0
        time.sleep(max(0.0, next_at - time.monotonic()))
    print(edits, flush=True)


if __name__ == "__main__":
    main()
