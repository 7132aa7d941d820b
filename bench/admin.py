"""Recruiters' admin on the benchmark database: 300,000 applications, a recruiter of the three
employers with the most postings, and the first (cold) answer of each admin page they use,
against five times the median cold public posting page of the same run.

    ensure_applications()           # once: tops the applications up to APPLICATIONS
    cookie, urls = admin_urls(env)   # the recruiter, signed in, and the URLs to time
    times = [fetch_with(url, cookie) for url in urls]
"""

import time
import urllib.request

from bench.harness import BASE, DB_NAME, PYTHON, psql, run

APPLICATIONS = 300_000
STATUSES = "submitted,reviewing,interview,offer,hired,not_selected,withdrawn"


def ensure_applications() -> None:
    """Synthetic applications from the demo applicants to random postings, in every status,
    spread over the last 60 days (what seed_demo makes is far fewer)."""
    have = int(psql("SELECT count(*) FROM applicants_application", DB_NAME))
    if have >= APPLICATIONS:
        return
    print(f"Adding {APPLICATIONS - have:,} applications to {DB_NAME} (once)...", flush=True)
    started = time.perf_counter()
    psql(
        f"""
        WITH postings AS (SELECT array_agg(id) AS ids FROM listings_jobposting),
             people AS (SELECT array_agg(p.user_id) AS ids FROM applicants_profile p),
             statuses AS (SELECT string_to_array('{STATUSES}', ',') AS names)
        INSERT INTO applicants_application
            (reference, name, email, phone, cover_letter, status, submitted_at, updated_at,
             applicant_left, posting_id, user_id, resume_file_id)
        SELECT md5(random()::text || g), 'Bench applicant ' || g, 'bench' || g || '@example.com',
               '', '', names[1 + floor(random() * 7)::int],
               now() - random() * interval '60 days', now(), false,
               postings.ids[1 + floor(random() * cardinality(postings.ids))::int],
               people.ids[1 + floor(random() * cardinality(people.ids))::int], NULL
        FROM generate_series(1, {int((APPLICATIONS - have) * 1.02)}) g, postings, people, statuses
        ON CONFLICT DO NOTHING
        """,
        DB_NAME,
    )
    psql("VACUUM ANALYZE applicants_application", DB_NAME)
    total = int(psql("SELECT count(*) FROM applicants_application", DB_NAME))
    print(f"  {total:,} applications in {time.perf_counter() - started:.1f} s")


def admin_urls(env) -> tuple[str, list[str]]:
    """The bench recruiter's Cookie header and the admin URLs to time: changelists with
    every kind of filter, search, sort and a deep page, and candidate search."""
    out = run(PYTHON, "bench/recruiter.py", env=env, capture=True).stdout.split("\n")
    cookie, picks, busiest = out[0], out[1].split(), out[2]
    postings = "/admin/listings/jobposting/"
    applications = "/admin/applicants/application/"
    urls = [
        postings,
        postings + "?p=3",
        postings + "?status__exact=published",
        postings + "?role__exact=school_ot&setting__exact=school",
        postings + "?expiring=soon",
        postings + "?confirmation=needed",
        postings + "?q=sensory",
        postings + "?o=-8",
        applications,
        applications + "?p=5",
        applications + "?status__exact=interview",
        applications + f"?posting={busiest}",
        applications + "?q=bench",
        "/admin/",
    ]
    for pk in picks:
        urls += [f"{postings}{pk}/candidates/", f"{postings}{pk}/candidates/?page=2"]
    return cookie, urls


def fetch_with(path: str, cookie: str) -> float:
    """Milliseconds for one signed-in request (its status must be 200)."""
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        assert response.status == 200, (path, response.status)
    return (time.perf_counter() - started) * 1000
