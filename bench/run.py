"""Listing benchmark: 100,000 postings on PostgreSQL, gunicorn with production settings.

Prints, from one run on this machine, each figure as a share of a bare Django view served
by the same gunicorn in the same run (load from wrk, a second process on loopback):

- with the whole-page cache: mixed listing traffic, posting pages, a phase over 3,000
  mostly cold posting pages, and the cold p95 of the first request to each listing URL;
- recruiters at work: the mixed listing while one posting is edited through the ORM every
  second, with the number of full index rebuilds the edits caused (there should be none);
- without the whole-page cache, as signed-in visitors are served: the mixed listing and
  posting pages;
- signed in, as demo applicants (sessions made in the database, rotated by wrk): the mixed
  listing, posting pages (each with the applicant's requirement checklist) and "jobs I
  qualify for" with a few facets: each person's first look at each of its pages, timed one
  at a time, then the pages under load beside the same URLs without it;
- worker memory.

The shared cache is Redis (127.0.0.1:6379, database 9, emptied at the start).

    make bench                       # seeds otjobs_bench once (postings and applicants)
    BENCH_SECONDS=20 make bench      # longer load phases
"""

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.admin import admin_urls, ensure_applications, fetch_with
from bench.harness import (
    APPLICANTS,
    DB_NAME,
    FILES,
    POSTINGS,
    PYTHON,
    REDIS_URL,
    ROOT,
    SECONDS,
    SESSIONS,
    WORKERS,
    django_env,
    fetch,
    fetch_signed_in,
    full_rebuilds,
    psql,
    run,
    share,
    start_gunicorn,
    stop,
    time_signed_in,
    worker_rss_mb,
    wrk,
)

LISTING_URLS = [
    "/jobs/",
    "/jobs/?page=2",
    "/jobs/?page=40",
    "/jobs/?page=400",
    "/jobs/?role=pediatric_ot",
    "/jobs/?role=school_ot",
    "/jobs/?role=cota",
    "/jobs/?role=ot_technician",
    "/jobs/?setting=school",
    "/jobs/?setting=early_intervention&setting=home_community",
    "/jobs/?setting=hospital",
    "/jobs/?degree=associate&degree=bachelors",
    "/jobs/?licensure=license_eligible",
    "/jobs/?licensure=ot_license&state=TX",
    "/jobs/?employment=per_diem&employment=part_time",
    "/jobs/?ages=infants_toddlers",
    "/jobs/?state=CA",
    "/jobs/?state=NY&state=NJ&role=school_ot",
    "/jobs/?new_grad=1",
    "/jobs/?new_grad=1&role=pediatric_ot&setting=outpatient_clinic",
    "/jobs/?no_driving=1&setting=hospital",
    "/jobs/?role=cota&setting=school&licensure=ota_license&employment=school_year&page=2",
    "/jobs/?pay_min=90000",
    "/jobs/?pay_min=60000&role=cota&sort=pay",
    "/jobs/?posted=7",
    "/jobs/?posted=1&role=school_ot",
    "/jobs/?near=78701&radius=25",
    "/jobs/?near=Chicago%2C+IL&radius=50&sort=distance",
    "/jobs/?near=98101&radius=100&role=pediatric_ot",
    "/jobs/?near=10001&radius=10&setting=school&page=2",
    "/jobs/?q=sensory",
    "/jobs/?q=feeding&setting=hospital",
    "/jobs/?q=handwriting&role=school_ot&sort=newest",
    "/jobs/?q=%22fine+motor%22+-NICU",
    "/jobs/?q=bilingual&near=78701&radius=100",
    "/jobs/?q=autism&new_grad=1&page=3",
]
# "Jobs I qualify for": every signed-in applicant's own result, mixed with a few facets.
QUALIFIED_URLS = [
    "/jobs/?qualified=1",
    "/jobs/?qualified=1&page=2",
    "/jobs/?qualified=1&role=school_ot",
    "/jobs/?qualified=1&role=pediatric_ot&setting=outpatient_clinic",
    "/jobs/?qualified=1&role=cota",
    "/jobs/?qualified=1&state=CA",
    "/jobs/?qualified=1&state=TX&setting=school",
    "/jobs/?qualified=1&new_grad=1",
    "/jobs/?qualified=1&employment=full_time&sort=pay",
    "/jobs/?qualified=1&near=60614&radius=50",
    "/jobs/?qualified=1&q=sensory",
    "/jobs/?qualified=1&posted=7",
]
# The same searches without "jobs I qualify for": it should cost no more than they do.
QUALIFIED_TWINS = [
    url.replace("qualified=1&", "").replace("?qualified=1", "?") for url in QUALIFIED_URLS
]


def ensure_database(env) -> None:
    """A database with exactly POSTINGS postings and APPLICANTS applicants from seed_demo:
    rebuilt when the postings differ; applicants added to a board that has none yet."""
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'")
    count = psql("SELECT count(*) FROM listings_jobposting", DB_NAME) if exists else ""
    if count != str(POSTINGS):
        seed_afresh(env)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    applicants = psql("SELECT count(*) FROM applicants_profile", DB_NAME)
    if applicants != str(APPLICANTS):
        if applicants == "0":
            print(f"Adding {APPLICANTS:,} applicants to {DB_NAME} (once)...", flush=True)
            started = time.perf_counter()
            seed_demo(env, "--postings", "0", "--force")
            print(f"  added in {time.perf_counter() - started:.1f} s")
        else:
            seed_afresh(env)
    psql("VACUUM ANALYZE", DB_NAME)


def seed_afresh(env) -> None:
    psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql(f"CREATE DATABASE {DB_NAME}")
    shutil.rmtree(FILES, ignore_errors=True)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    print(f"Seeding {POSTINGS:,} postings and {APPLICANTS:,} applicants into {DB_NAME} "
          "(once)...", flush=True)  # fmt: skip
    started = time.perf_counter()
    seed_demo(env, "--postings", str(POSTINGS))
    print(f"  seeded in {time.perf_counter() - started:.1f} s")


def seed_demo(env, *args: str) -> None:
    # Demo applicants share the published demo password, so seed_demo wants DEBUG on.
    run(PYTHON, "manage.py", "seed_demo", *args, "--applicants", str(APPLICANTS), "-v", "0",
        env={**env, "DEBUG": "true"})  # fmt: skip


def sign_in(env) -> list[str]:
    """The Cookie headers of SESSIONS signed-in demo applicants (bench/sessions.py)."""
    out = run(PYTHON, "bench/sessions.py", str(SESSIONS), env=env, capture=True).stdout
    return out.split("\n")[:-1]


def main() -> None:
    if shutil.which("wrk") is None:
        if os.geteuid() == 0:
            run("apt-get", "update", "-qq")
            run("apt-get", "install", "-y", "-qq", "wrk")
        else:
            raise SystemExit("The benchmark needs wrk: sudo apt-get install wrk")
    static_root = tempfile.mkdtemp(prefix="otjobs-bench-static-")
    log = Path(tempfile.mkdtemp(prefix="otjobs-bench-log-")) / "gunicorn.log"
    env = django_env(STATIC_ROOT=static_root)
    ensure_database(env)
    ensure_applications()
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0", env=env)
    run("redis-cli", "-u", REDIS_URL, "FLUSHDB", capture=True)
    open_paths = psql(
        "SELECT '/jobs/' || slug || '/' FROM listings_jobposting WHERE status = 'published' "
        "AND published_at <= now() AND expires_at > now() "
        "AND (apply_by IS NULL OR apply_by >= current_date) ORDER BY id LIMIT 3300",
        DB_NAME,
    ).split()
    posting_paths, cold_paths = open_paths[:300], open_paths[300:]

    # With the whole-page cache (anonymous visitors).
    gunicorn = start_gunicorn(env, log)
    rss_after: dict[str, float] = {"warm-up": max(worker_rss_mb(gunicorn.pid))}
    try:
        # Cold: the first request for each URL (nothing cached yet); this also fills the
        # shared cache, so the load phases below measure the steady state.
        cold = [fetch(path) for path in LISTING_URLS]
        cold_posting = [fetch(path) for path in posting_paths]
        bare = wrk(["/bench/bare/"], SECONDS)
        listing = wrk(LISTING_URLS, SECONDS)
        postings = wrk(posting_paths, SECONDS)
        mostly_cold = wrk(cold_paths, SECONDS)
        rss_after["cached phases"] = max(worker_rss_mb(gunicorn.pid))
        # Recruiters at work: one edit a second while seekers browse.
        rebuilds_before = full_rebuilds(log)
        editor = subprocess.Popen(
            [PYTHON, "bench/edit_postings.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            at_work = wrk(LISTING_URLS, SECONDS)
        finally:
            editor.send_signal(signal.SIGTERM)
            edits = int(editor.communicate(timeout=30)[0].strip() or 0)
        rebuilds_during_edits = full_rebuilds(log) - rebuilds_before
        rss = worker_rss_mb(gunicorn.pid)
        rss_after["recruiters at work"] = max(rss)
    finally:
        stop(gunicorn)

    # Without the whole-page cache, as signed-in visitors are served, in the steady state:
    # a few seconds of unmeasured load first give every worker its share of the content
    # and card caches (shared in Redis, kept in each worker too) and similar postings.
    gunicorn = start_gunicorn(django_env(STATIC_ROOT=static_root, PAGE_CACHE_SECONDS="0"), log)
    try:
        for path in LISTING_URLS + posting_paths:
            fetch(path)
        wrk(LISTING_URLS + posting_paths, max(3, SECONDS // 2))
        bare_uncached_run = wrk(["/bench/bare/"], SECONDS)
        listing_uncached = wrk(LISTING_URLS, SECONDS)
        postings_uncached = wrk(posting_paths, SECONDS)
        rss += worker_rss_mb(gunicorn.pid)
        rss_after["without the page cache"] = max(rss[len(rss) // 2 :])
    finally:
        stop(gunicorn)

    # Signed in, with production settings (the page cache on, which signed-in visitors
    # pass by): demo applicants browse, each posting page judging their credentials.
    cookies = sign_in(env)
    admin_cookie, admin_paths = admin_urls(env)
    gunicorn = start_gunicorn(env, log)
    try:
        for cookie in cookies:  # every session is signed in and sees its checklist
            page = fetch_signed_in(posting_paths[0], cookie)
            assert 'class="fit fit--' in page, "a bench session is not signed in"
        signed_in_paths = LISTING_URLS + posting_paths + QUALIFIED_URLS
        wrk(signed_in_paths, max(3, SECONDS // 2), cookies)
        bare_signed_in_run = wrk(["/bench/bare/"], SECONDS)
        listing_signed_in = wrk(LISTING_URLS, SECONDS, cookies)
        postings_signed_in = wrk(posting_paths, SECONDS, cookies)
        # "Jobs I qualify for": each person's first look at each page, one at a time, and
        # the same URLs without it (shared, so mostly seen before by someone); then both
        # under load, every page now seen before, as the shared URLs' own load phase is.
        first_looks = [time_signed_in(p, cookie) for cookie in cookies for p in QUALIFIED_URLS]
        twin_looks = [time_signed_in(p, cookie) for cookie in cookies for p in QUALIFIED_TWINS]
        # Like for like: the same URLs' first render, each address new to the caches (a
        # parameter the listing ignores, as a campaign tag would be, changes the address).
        twin_firsts = [
            time_signed_in(f"{p}&look={n}", cookie)
            for n, cookie in enumerate(cookies)
            for p in QUALIFIED_TWINS
        ]
        qualified_signed_in = wrk(QUALIFIED_URLS, SECONDS, cookies)
        twins_signed_in = wrk(QUALIFIED_TWINS, SECONDS, cookies)
        # Recruiters' admin: the first answer of each page (never cached), one at a time.
        admin_cold = [fetch_with(path, admin_cookie) for path in admin_paths]
        rss_signed_in = worker_rss_mb(gunicorn.pid)
    finally:
        stop(gunicorn)
        shutil.rmtree(static_root, ignore_errors=True)

    alerts = run(PYTHON, "bench/alerts.py", env=env, capture=True).stdout.split()
    p95 = statistics.quantiles(cold, n=20, method="inclusive")[18]
    print()
    print(f"OT Jobs benchmark: {POSTINGS:,} postings, PostgreSQL, Redis cache, gunicorn "
          f"{WORKERS} workers, wrk 2x16 for {SECONDS} s per phase")  # fmt: skip
    print(f"  bare Django view                 {bare:9.0f} req/s")
    print("  With the whole-page cache (anonymous visitors)")
    print(f"    listing, {len(LISTING_URLS)} URLs mixed          {share(listing, bare)}"
          "   (target >= 25%)")  # fmt: skip
    print(f"    posting pages, {len(posting_paths)} URLs        {share(postings, bare)}"
          "   (target >= 50%)")  # fmt: skip
    print(f"    posting pages, {len(cold_paths):,} mostly cold {share(mostly_cold, bare)}")
    print(f"    listing cold p95                 {p95:9.1f} ms   (target <= 60 ms; "
          f"median {statistics.median(cold):.1f}, max {max(cold):.1f})")  # fmt: skip
    over = sorted(
        ((ms, path) for ms, path in zip(cold, LISTING_URLS, strict=True) if ms > 60), reverse=True
    )
    for ms, path in over:
        print(f"        over 60 ms cold: {ms:6.1f} ms  {path}")
    plain = [ms for ms, path in zip(cold, LISTING_URLS, strict=True) if "q=" not in path]
    print(f"        without keywords: {min(plain):.1f}-{max(plain):.1f} ms cold")
    posting_p95 = statistics.quantiles(cold_posting, n=20, method="inclusive")[18]
    print(f"    posting page cold                {statistics.median(cold_posting):9.1f} ms median, "
          f"{posting_p95:.1f} ms p95")  # fmt: skip
    print("  Recruiters at work (one posting edited through the ORM every second)")
    print(f"    listing, {len(LISTING_URLS)} URLs mixed          {share(at_work, bare)}"
          "   (target >= 10%)")  # fmt: skip
    verdict = (
        "none: each worker took in just the edited postings"
        if not rebuilds_during_edits
        else "target: none"
    )
    print(
        f"    {edits} edits; full index rebuilds they caused: {rebuilds_during_edits} ({verdict})"
    )
    print("  Without the whole-page cache (as signed-in visitors are served)")
    print(f"    bare Django view, this run       {bare_uncached_run:9.0f} req/s")
    print(f"    listing, {len(LISTING_URLS)} URLs mixed          "
          f"{share(listing_uncached, bare_uncached_run)}   (target >= 8%)")  # fmt: skip
    print(f"    posting pages, {len(posting_paths)} URLs        "
          f"{share(postings_uncached, bare_uncached_run)}   (target >= 20%)")  # fmt: skip
    print(f"  Signed in as demo applicants ({len(cookies)} sessions of {APPLICANTS:,} "
          "applicants, wrk rotating over them)")  # fmt: skip
    print(f"    bare Django view, this run       {bare_signed_in_run:9.0f} req/s")
    print(f"    listing, {len(LISTING_URLS)} URLs mixed          "
          f"{share(listing_signed_in, bare_signed_in_run)}   (target >= 6%)")  # fmt: skip
    print(f"    posting pages, {len(posting_paths)} URLs        "
          f"{share(postings_signed_in, bare_signed_in_run)}   (target >= 15%; "
          "each with the applicant's checklist)")  # fmt: skip
    print(f"    jobs I qualify for, {len(QUALIFIED_URLS)} URLs     "
          f"{share(qualified_signed_in, bare_signed_in_run)}   "
          "(qualified=1, alone and with facets; each page seen before)")  # fmt: skip
    print(f"    the same {len(QUALIFIED_TWINS)} URLs without it   "
          f"{share(twins_signed_in, bare_signed_in_run)}   "
          f"(target: jobs I qualify for no slower: "
          f"{qualified_signed_in / twins_signed_in:.2f}x)")  # fmt: skip
    first_p95 = statistics.quantiles(first_looks, n=20, method="inclusive")[18]
    twin_p95 = statistics.quantiles(twin_looks, n=20, method="inclusive")[18]
    print(f"    a person's first look at a page  {statistics.median(first_looks):9.1f} ms median, "
          f"{first_p95:.1f} ms p95 ({len(first_looks)} looks, one at a time; without it "
          f"{statistics.median(twin_looks):.1f} ms median, {twin_p95:.1f} ms p95)")  # fmt: skip
    first_ratio = statistics.median(first_looks) / statistics.median(twin_firsts)
    twin_first_p95 = statistics.quantiles(twin_firsts, n=20, method="inclusive")[18]
    print(f"    the same URLs' first render      {statistics.median(twin_firsts):9.1f} ms median, "
          f"{twin_first_p95:.1f} ms p95 (each address new; a first look is "
          f"{first_ratio:.2f}x)")  # fmt: skip
    admin_limit = 5 * statistics.median(cold_posting)
    print(f"  Recruiters' admin ({len(admin_paths)} pages of a recruiter of the 3 largest "
          "employers; 300,000 applications), each answered cold")  # fmt: skip
    print(f"    slowest                          {max(admin_cold):9.1f} ms   (target <= "
          f"{admin_limit:.1f} ms: 5x the median cold posting page)")  # fmt: skip
    for ms, path in sorted(zip(admin_cold, admin_paths, strict=True), reverse=True):
        flag = "  OVER" if ms > admin_limit else ""
        print(f"        {ms:7.1f} ms  {path}{flag}")
    searches, seconds, emails, told = alerts
    print(f"  Job alerts: {int(searches):,} saved daily searches against a day's new postings")
    print(
        f"    one run                          {float(seconds):9.1f} s   (target <= 60 s; "
        f"{int(emails):,} emails telling of {int(told):,} postings)"
    )
    print(f"    worker RSS after these phases    {max(rss_signed_in):9.1f} MB max")
    print(f"  worker RSS                       {max(rss):9.1f} MB max over {len(rss)} workers "
          f"(target <= 150 MB)")  # fmt: skip
    print("    after " + ", ".join(f"{phase}: {mb:.1f} MB" for phase, mb in rss_after.items()))


if __name__ == "__main__":
    main()
