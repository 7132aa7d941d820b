"""Demo applications: which open postings each applicant applied to, and how far each one
has gone, as the history of events a real application would have.

Applicants apply to on-site postings that are open, mostly for a role they want and in a
state they named. Each history starts with the applicant's own "submitted" and walks the
steps recruiters take (reviewing, interview, offer, hired) to the application's status;
"not selected" and "withdrawn" can end it after any step. Events are in time order,
between the applicant's sign-up (or the posting's publication, if later) and `now`.

The first open posting (and the next ones, on a board with fewer applicants than statuses)
then gets an application in every status, so that the demo recruiter, who works for that
posting's employer (`demo.accounts.ensure_demo_recruiter`), sees the whole pipeline.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import NamedTuple

from applicants.vocab import ApplicationStatus as A
from demo.generator.applicants import DemoApplicant, applicants_rng
from demo.generator.helpers import Weighted
from listings.vocab import Role

MOST_APPLICATIONS = 5
APPLICATION_COUNTS = Weighted([(0, 45), (1, 20), (2, 13), (3, 10), (4, 7), (5, 5)])
STATUSES = Weighted(
    [
        (A.SUBMITTED, 32),
        (A.REVIEWING, 20),
        (A.INTERVIEW, 14),
        (A.OFFER, 5),
        (A.HIRED, 4),
        (A.NOT_SELECTED, 16),
        (A.WITHDRAWN, 9),
    ]
)
FORWARD = (A.SUBMITTED, A.REVIEWING, A.INTERVIEW, A.OFFER, A.HIRED)
# How many forward steps come before an application is turned down or withdrawn.
ENDED_AFTER = {
    A.NOT_SELECTED: Weighted([(1, 40), (2, 40), (3, 20)]),
    A.WITHDRAWN: Weighted([(1, 45), (2, 30), (3, 15), (4, 10)]),
}
# What applicants themselves do; every other step is the employer's.
BY_APPLICANT = (A.SUBMITTED, A.WITHDRAWN)
NOTES = {
    A.REVIEWING: ("Meets the licensure requirement; forwarding to the lead OT.", "Strong fit."),
    A.INTERVIEW: ("Phone screen went well; team interview next.", "Panel interview booked."),
    A.OFFER: ("Offer at the top of the posted range.", "Verbal offer made; letter to follow."),
    A.HIRED: ("Start date confirmed; credentialing started.",),
    A.NOT_SELECTED: ("Another candidate with more school experience.", "Position filled."),
}
COVER_LETTERS = (
    "Dear hiring team,\n\nI am {a_profession} with {experience}, and this role is exactly "
    "the work I want to keep doing. I would welcome the chance to talk about your "
    "caseload and team.\n\nThank you for your time,\n{first}",
    "Hello,\n\nI am applying for your opening. I bring {experience} and a love of "
    "family-centred, play-based practice. My licenses and certifications are on my "
    "profile.\n\nBest regards,\n{first}",
    "Dear {employer_word},\n\nAs {a_profession} I care about reasonable caseloads and real "
    "collaboration with teachers and families. I would be glad to tell you more.\n\n{first}",
)
PROFESSION_NOUNS = {
    Role.PEDIATRIC_OT: "a pediatric occupational therapist",
    Role.SCHOOL_OT: "a school-based occupational therapist",
    Role.COTA: "a certified occupational therapy assistant",
    Role.OT_TECHNICIAN: "an OT aide",
}


class OpenPosting(NamedTuple):
    """A posting that takes applications on the site and is open, as applicants see it."""

    id: int
    role: str
    state: str
    published_at: datetime.datetime


@dataclass(frozen=True)
class DemoEvent:
    status: str
    at: datetime.datetime
    by_applicant: bool
    note: str = ""


@dataclass(frozen=True)
class DemoApplication:
    posting_id: int
    status: str
    events: tuple[DemoEvent, ...]  # the first is "submitted", the last has `status`
    cover_letter: str = ""

    @property
    def submitted_at(self) -> datetime.datetime:
        return self.events[0].at


def plan_applications(
    applicants: Sequence[DemoApplicant],
    postings: Sequence[OpenPosting],
    *,
    seed: int,
    now: datetime.datetime,
) -> None:
    """Give each applicant 0 to MOST_APPLICATIONS applications to distinct `postings`."""
    rng = applicants_rng(seed, "applications")
    if not postings:
        return
    by_role: dict[str, list[OpenPosting]] = defaultdict(list)
    by_role_state: dict[tuple[str, str], list[OpenPosting]] = defaultdict(list)
    for posting in postings:
        by_role[posting.role].append(posting)
        by_role_state[posting.role, posting.state].append(posting)
    for applicant in applicants:
        wanted = APPLICATION_COUNTS.pick(rng)
        chosen: dict[int, OpenPosting] = {}
        for _attempt in range(wanted * 4):
            if len(chosen) == wanted:
                break
            posting = _posting_for(rng, applicant, postings, by_role, by_role_state)
            chosen.setdefault(posting.id, posting)
        applicant.applications = [
            _application(rng, applicant, posting, now) for posting in chosen.values()
        ]
    _every_status_shown(applicants, postings, seed=seed, now=now)


def _every_status_shown(
    applicants: Sequence[DemoApplicant],
    postings: Sequence[OpenPosting],
    *,
    seed: int,
    now: datetime.datetime,
) -> None:
    """Give the first postings an application in each status (its own random stream, so the
    plan above stays what it was). Status i goes to applicant i (preferring those who want
    the posting's role), on posting i // len(applicants): one application per person and
    posting, never more than MOST_APPLICATIONS a person."""
    if not applicants:
        return
    rng = applicants_rng(seed, "every-status")
    for index, status in enumerate(A):
        slot, person = divmod(index, len(applicants))
        if slot >= len(postings):
            return
        posting = postings[slot]
        wanting = [a for a in applicants if posting.role in a.profile["roles"]]
        others = [a for a in applicants if posting.role not in a.profile["roles"]]
        applicant = (wanting + others)[person]
        planned = _application(rng, applicant, posting, now, status=status)
        kept = [a for a in applicant.applications if a.posting_id != posting.id]
        applicant.applications = [*kept[: MOST_APPLICATIONS - 1], planned]


def _posting_for(rng: Random, applicant: DemoApplicant, postings, by_role, by_role_state):
    """Mostly a role they want in a state they named; now and then anything open."""
    if rng.random() < 0.1:
        return rng.choice(postings)
    role = rng.choice(applicant.profile["roles"])
    states = applicant.profile["states"]
    if states and rng.random() < 0.8:
        pool = by_role_state.get((role, rng.choice(states)))
        if pool:
            return rng.choice(pool)
    return rng.choice(by_role.get(role) or postings)


def _application(
    rng: Random,
    applicant: DemoApplicant,
    posting: OpenPosting,
    now: datetime.datetime,
    *,
    status: str | None = None,
) -> DemoApplication:
    """An application to `posting` in `status` (drawn from STATUSES when not given)."""
    status = A(status) if status is not None else STATUSES.pick(rng)
    if status in ENDED_AFTER:
        path = (*FORWARD[: ENDED_AFTER[status].pick(rng)], status)
    else:
        path = FORWARD[: FORWARD.index(status) + 1]
    start = max(applicant.date_joined, posting.published_at)
    # Seeded postings have been open an hour or more; one published this very second has not.
    start = min(start, now - datetime.timedelta(seconds=len(path)))
    span = int((now - start).total_seconds())
    # Steps in order within [start, now), whole seconds apart.
    offsets = sorted(rng.sample(range(span), len(path)))
    events = []
    for step, offset in zip(path, offsets, strict=True):
        at = start + datetime.timedelta(seconds=offset)
        note = ""
        if step in NOTES and rng.random() < 0.3:
            note = rng.choice(NOTES[step])
        events.append(DemoEvent(step, at, step in BY_APPLICANT, note))
    return DemoApplication(
        posting_id=posting.id,
        status=status,
        events=tuple(events),
        cover_letter=_cover_letter(rng, applicant) if rng.random() < 0.45 else "",
    )


def _cover_letter(rng: Random, applicant: DemoApplicant) -> str:
    years = applicant.profile["years_experience"]
    if years:
        experience = f"{years} year{'s' if years != 1 else ''} of pediatric experience"
    else:
        experience = "a fresh degree and fieldwork in pediatrics"
    return rng.choice(COVER_LETTERS).format(
        a_profession=PROFESSION_NOUNS[Role(applicant.profession)],
        experience=experience,
        first=applicant.full_name.split(" ")[0],
        employer_word=rng.choice(("hiring manager", "rehab director", "team")),
    )
