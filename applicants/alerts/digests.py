"""Job alerts: daily or weekly digests of the new postings matching each saved search.

Safe to run twice at once and to rerun after a crash: each batch of searches is handled in
one transaction holding their rows' locks, and what each email tells of is recorded in the
same transaction as the email (`AlertDelivery`), so no posting reaches the same alert twice
and nothing is skipped.
"""

import dataclasses
import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from accounts.mail import queue_emails
from accounts.models import OutgoingEmail
from applicants.alerts.saving import unsubscribe_page, unsubscribe_url
from applicants.models import AlertDelivery, Profile, SavedSearch
from applicants.vocab import AlertFrequency
from listings.forms import ListingForm
from listings.links import absolute_url
from listings.models import JobPosting
from listings.presentation import pay_text
from listings.requirements import Qualifications
from listings.search import search
from listings.search.catalogue import Catalogue, current_catalogue
from listings.search.criteria import Criteria, Sort
from otjobs.db import copy_rows

LOOK_AHEAD = 200  # the newest matches an alert looks at each time
MOST_IN_ONE_EMAIL = 20
PERIOD = {
    AlertFrequency.DAILY: datetime.timedelta(days=1),
    AlertFrequency.WEEKLY: datetime.timedelta(days=7),
}
BATCH = 500  # saved searches handled in one transaction


@dataclass(frozen=True)
class _Links:
    """The addresses every alert email holds, reversed once a run rather than per email."""

    unsubscribe: str = field(default_factory=unsubscribe_page)
    alerts: str = field(default_factory=lambda: absolute_url(reverse("applicants:alerts")))
    listing: str = field(default_factory=lambda: reverse("listings:posting_list"))  # a path


@dataclass
class _Run:
    """What one alert run has worked out once and reuses for every search that shares it."""

    now: datetime.datetime
    criteria: dict[str, Criteria] = field(default_factory=dict)  # by saved query
    catalogue: Catalogue = field(default_factory=current_catalogue)  # one snapshot a run
    matches: dict[tuple, list[int]] = field(default_factory=dict)  # by query and days
    lines: dict[int, str] = field(default_factory=dict)  # each posting's lines in an email
    published: dict[int, datetime.datetime | None] = field(default_factory=dict)  # None: shut
    links: _Links = field(default_factory=_Links)
    holders: dict[int, Qualifications | None] = field(default_factory=dict)  # None: no profile

    def published_times(self, ids: set[int]) -> dict[int, datetime.datetime]:
        """When each of these open postings was published (read once a run)."""
        unknown = ids - self.published.keys()
        if unknown:
            found = dict(
                JobPosting.objects.open(self.now)
                .filter(pk__in=unknown)
                .values_list("pk", "published_at")
            )
            self.published.update({pk: found.get(pk) for pk in unknown})
        return {pk: at for pk in ids if (at := self.published[pk]) is not None}

    def learn_lines(self, ids: set[int]) -> None:
        """Each posting's lines in an email, read once a run with only the fields they show."""
        fields = ("title", "slug", "city", "state", "pay_min", "pay_max", "pay_unit")
        postings = (
            JobPosting.objects.filter(pk__in=ids)
            .select_related("employer")
            .only(*fields, "employer__name")
        )
        for posting in postings:
            self.lines[posting.pk] = _posting_lines(posting)

    def qualifications(self, searches: Sequence[SavedSearch]) -> dict[int, Qualifications]:
        """What each user of these "jobs I qualify for" alerts holds, read once a run (a
        person's searches are spread over the run's batches; a profile changed during a run
        counts from the next)."""
        users = {s.user_id for s in searches if "qualified=1" in s.query.split("&")}
        unknown = users - self.holders.keys()
        if unknown:
            found = _qualifications(unknown)
            self.holders.update({user: found.get(user) for user in unknown})
        return {user: q for user in users if (q := self.holders[user]) is not None}

    def criteria_of(self, query: str) -> Criteria:
        if query not in self.criteria:
            self.criteria[query] = ListingForm(QueryDict(query)).criteria(None)
        return self.criteria[query]

    def candidates(self, saved: SavedSearch, qualifications) -> list[int]:
        """The newest open matches posted since the search was last sent (whole days); for
        "jobs I qualify for", those of the same search that the user's profile meets."""
        since = saved.last_sent_at or saved.created_at
        days = min(366, max(1, math.ceil((self.now - since).total_seconds() / 86_400)))
        parts = saved.query.split("&")
        if "qualified=1" not in parts:
            return self._matches("&".join(parts), days)
        if qualifications is None:
            return []  # no profile: nothing they are known to qualify for
        shared = self._matches("&".join(p for p in parts if p != "qualified=1"), days)
        return self.catalogue.qualifying(shared, qualifications, today=timezone.localdate(self.now))

    def _matches(self, query: str, days: int) -> list[int]:
        key = (query, days)
        if key not in self.matches:
            criteria = dataclasses.replace(
                self.criteria_of(query), posted=days, sort=Sort.NEWEST, sort_chosen=True
            )
            found = search(
                criteria,
                page_size=LOOK_AHEAD,
                with_counts=False,
                hydrate=False,
                now=self.now,
                catalogue=self.catalogue,
            )
            self.matches[key] = list(found.ids)
        return self.matches[key]


def send_alerts(frequency: str, *, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Every due alert of this frequency, in batches. Returns (emails, postings told of)."""
    now = now or timezone.now()
    run = _Run(now=now)
    due = Q(last_sent_at=None) | Q(last_sent_at__lte=now - _period(frequency))
    ids = list(
        SavedSearch.objects.filter(due, frequency=frequency)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    emails = told = 0
    statistics = _Statistics()
    for start in range(0, len(ids), BATCH):
        sent, count, recorded = _send_batch(ids[start : start + BATCH], frequency, run)
        emails += sent
        told += count
        statistics.recorded(recorded)
    return emails, told


class _Statistics:
    """Keeps PostgreSQL's statistics of what alerts told of up to date during a run.

    `_told` reads each batch's records through the (search, posting) index only while the
    planner knows how large the table is: with statistics from when it was small (a new
    site, a table vacuumed empty, autovacuum off or not yet round), it reads the whole table
    for every batch instead, 130 times slower at 400,000 records, and a daily run adds
    hundreds of thousands. So a sender that has recorded as many rows as the table held at
    the last count analyzes it (sampled: tens of milliseconds), a few times a run at most;
    a sender beside it analyzing meanwhile is not waited for."""

    AT_LEAST = 20_000  # rows recorded before the first look

    def __init__(self) -> None:
        self.since = 0
        self.threshold = self.AT_LEAST

    def recorded(self, rows: int) -> None:
        self.since += rows
        if connection.vendor != "postgresql" or self.since < self.threshold:
            return
        table = connection.ops.quote_name(AlertDelivery._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE (SKIP_LOCKED) {table}")
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            counted = cursor.fetchone()[0]
        self.since = 0
        self.threshold = max(self.AT_LEAST, int(counted))


def _period(frequency: str) -> datetime.timedelta:
    # A little slack, so that a daily run a few minutes early still counts.
    return PERIOD[AlertFrequency(frequency)] - datetime.timedelta(hours=1)


def _send_batch(ids: list[int], frequency: str, run: _Run) -> tuple[int, int, int]:
    """One transaction: lock the batch's searches (skipping those another run holds), work
    out what is new for each, record the emails and what they tell of, mark them sent.
    Returns (emails, postings told of, postings recorded: those the emails name)."""
    now = run.now
    with transaction.atomic():
        due = Q(last_sent_at=None) | Q(last_sent_at__lte=now - _period(frequency))
        searches = list(
            SavedSearch.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(due, pk__in=ids)
            .annotate(to=F("user__email"))  # all of the user an email needs
            .order_by("pk")
        )
        if not searches:
            return 0, 0, 0
        holders = run.qualifications(searches)
        candidates = {s.pk: run.candidates(s, holders.get(s.user_id)) for s in searches}
        every = {pk for found in candidates.values() for pk in found}
        published = run.published_times(every)
        told = _told([s.pk for s in searches], every)
        told_some = {search_id for search_id, _ in told}
        # Searches of the same query share their candidates, and mostly their news: each
        # list is filtered by date once for every search sent since the same moment.
        fresh: dict[tuple[int, datetime.datetime], list[int]] = {}
        news: dict[int, list[int]] = {}
        for saved in searches:
            search_id, found = saved.pk, candidates[saved.pk]
            since = max(saved.created_at, saved.last_sent_at or saved.created_at)
            key = (id(found), since)  # the lists stay in `candidates` while this runs
            if key not in fresh:
                fresh[key] = [pk for pk in found if pk in published and published[pk] > since]
            news[search_id] = fresh[key]
            if search_id in told_some:
                news[search_id] = [pk for pk in fresh[key] if (search_id, pk) not in told]
        named = {pk for found in news.values() for pk in found[:MOST_IN_ONE_EMAIL]}
        run.learn_lines(named - run.lines.keys())
        outgoing = [
            (saved, news[saved.pk], _alert_email(saved, news[saved.pk], run))
            for saved in searches
            if news[saved.pk]
        ]
        emails = queue_emails([email for _, _, email in outgoing])
        # What each email names is recorded (the rest it counts, behind a link); the next
        # run looks only at postings published after this one.
        recorded: list[tuple[int, int, int]] = []
        for (saved, found, _), email in zip(outgoing, emails, strict=True):
            search_id, email_id = saved.pk, email.pk
            recorded += [(search_id, pk, email_id) for pk in found[:MOST_IN_ONE_EMAIL]]
        _record_deliveries(recorded)
        SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(last_sent_at=now)
    return len(outgoing), sum(len(found) for _, found, _ in outgoing), len(recorded)


def _told(searches: list[int], postings: set[int]) -> set[tuple[int, int]]:
    """Which of these postings these searches have told of already (a posting published
    again after a run told of it). Read as each search's records from the lowest of the
    postings' ids up: the newest postings, so a short range of the (search, posting) index
    each. (A list of the postings in the query instead would have the index try each
    search with each posting: millions of probes a batch.) The planner takes that path
    while it knows the table's size: `_Statistics`."""
    if not postings:
        return set()
    found = AlertDelivery.objects.filter(search_id__in=searches, posting_id__gte=min(postings))
    return {pair for pair in found.values_list("search_id", "posting_id") if pair[1] in postings}


def _record_deliveries(rows: list[tuple[int, int, int]]) -> None:
    """(search, posting, email) rows, inserted without building a model for each: a daily
    run records hundreds of thousands."""
    table, columns = AlertDelivery._meta.db_table, ("search_id", "posting_id", "email_id")
    if connection.vendor == "postgresql":
        copy_rows(table, columns, rows)
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES (%s, %s, %s)",  # noqa: S608
            rows,
        )


def _qualifications(users: Iterable[int]) -> dict[int, Qualifications]:
    """What these users hold, by user (those with a profile; two queries)."""
    profiles = Profile.objects.filter(user__in=users).prefetch_related("licenses")
    return {profile.user_id: profile.qualifications() for profile in profiles}


def new_matches(saved: SavedSearch, *, now: datetime.datetime) -> list[JobPosting]:
    """What the next run would tell this one search of (for a preview or a test)."""
    run = _Run(now=now)
    holders = run.qualifications([saved])
    ids = run.candidates(saved, holders.get(saved.user_id))
    told = AlertDelivery.objects.filter(search=saved).values("posting_id")
    since = max(saved.created_at, saved.last_sent_at or saved.created_at)
    return list(
        JobPosting.objects.open(now)
        .filter(pk__in=ids, published_at__gt=since)
        .exclude(pk__in=told)
        .order_by("-published_at", "-pk")
    )


def _alert_email(saved: SavedSearch, postings: list[int], run: _Run) -> OutgoingEmail:
    unsubscribe = unsubscribe_url(saved, page=run.links.unsubscribe)
    return OutgoingEmail(
        key=f"alert-{saved.pk}-{run.now:%Y%m%d%H%M%S}",
        to=saved.to,  # type: ignore[attr-defined]  # annotated by `_send_batch`
        subject=_alert_subject(saved, postings),
        body=_alert_body(
            saved, postings, unsubscribe=unsubscribe, lines=run.lines, links=run.links
        ),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _alert_subject(saved: SavedSearch, postings: list[int]) -> str:
    count = len(postings)
    what = saved.summary or "pediatric OT jobs"
    return f"{count} new job{'s' if count != 1 else ''}: {what}"


def _posting_lines(posting: JobPosting) -> str:
    return (
        f"{posting.title}\n"
        f"  {posting.employer.name}, {posting.city}, {posting.state} · {pay_text(posting)}\n"
        f"  {absolute_url(posting.get_absolute_url())}\n"
    )


def _alert_body(
    saved: SavedSearch,
    postings: list[int],
    *,
    unsubscribe: str,
    lines: dict[int, str],
    links: _Links,
) -> str:
    """The digest's text: the newest postings' lines (`lines`, by id), then how many more."""
    text = [f"New postings for your search “{saved.summary or 'All jobs'}”:", ""]
    text += [lines[pk] for pk in postings[:MOST_IN_ONE_EMAIL] if pk in lines]
    if len(postings) > MOST_IN_ONE_EMAIL:
        more = len(postings) - MOST_IN_ONE_EMAIL
        text += [f"And {more} more: {absolute_url(saved.listing_url(page=links.listing))}", ""]
    text += [
        f"Change how often you hear of this search: {links.alerts}",
        f"Stop these emails: {unsubscribe}",
    ]
    return "\n".join(text)
