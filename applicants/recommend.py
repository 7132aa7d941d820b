"""“Recommended for you”: open postings ranked by how well they fit an applicant.

Candidates come from the search engine with the applicant's firm preferences as filters
(roles, settings, employment types, where, pay), relaxed one at a time when too few
postings match; each candidate is then scored on whether the applicant meets every
requirement (the requirements module, as everywhere) and on their softer preferences
(ages, focus areas, caseload, W-2, calendar, mentorship, telehealth, sites a week).
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from applicants.models import Profile
from listings import vocab
from listings.geo import zip_place
from listings.models import JobPosting
from listings.requirements import Requirements, fit
from listings.search import search
from listings.search.criteria import Criteria, Sort

CANDIDATES = 300  # the newest matches scored each time
QUALIFIES = 50  # a posting whose every requirement is met outranks any preference
FIRM = 10  # a firm preference met
SOFT = 4  # a softer preference met


@dataclass
class Recommendation:
    posting: JobPosting
    qualifies: bool
    score: int = 0
    matches: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _firm_criteria(profile: Profile) -> list[tuple[str, Criteria]]:
    """The applicant's firm preferences, most specific first: each step drops one."""
    place = zip_place(profile.home_zip) if profile.home_zip else None
    facets = {
        "role": tuple(profile.roles),
        "setting": tuple(profile.practice_settings),
        "employment": tuple(profile.employment_types),
        "state": tuple(profile.states) if not (place and profile.radius_miles) else (),
    }
    base = Criteria(
        facets=facets,
        pay_min=profile.min_yearly_pay,
        place=place if profile.radius_miles else None,
        near=profile.home_zip if profile.radius_miles else "",
        radius=profile.radius_miles if place else None,
        sort=Sort.NEWEST,
    )
    steps = [("all your preferences", base)]
    for name, relaxed in (
        ("pay", dataclasses.replace(base, pay_min=None)),
        ("employment type", "employment"),
        ("setting", "setting"),
        ("where", None),
        ("role", "role"),
    ):
        previous = steps[-1][1]
        if isinstance(relaxed, Criteria):
            steps.append((name, relaxed))
        elif relaxed is None:
            where = dataclasses.replace(
                previous, place=None, near="", radius=None, facets={**previous.facets, "state": ()}
            )
            steps.append((name, where))
        else:
            steps.append(
                (name, dataclasses.replace(previous, facets={**previous.facets, relaxed: ()}))
            )
    return steps


def recommend(
    profile: Profile, *, limit: int = 20, now: datetime.datetime | None = None
) -> list[Recommendation]:
    now = now or timezone.now()
    ids: list[int] = []
    for _name, criteria in _firm_criteria(profile):
        result = search(criteria, page_size=CANDIDATES, with_counts=False, hydrate=False, now=now)
        ids = list(result.ids)
        if len(ids) >= limit:
            break
    postings = JobPosting.objects.open(now).filter(pk__in=ids).select_related("employer")
    qualifications = profile.qualifications()
    today = timezone.localdate(now)
    ranked = [
        _score(
            posting, profile, fit(Requirements.of(posting), qualifications, today=today).qualifies
        )
        for posting in postings
    ]
    ranked.sort(key=lambda r: (-r.score, -(r.posting.published_at or now).timestamp()))
    return ranked[:limit]


def _score(posting: JobPosting, profile: Profile, qualifies: bool) -> Recommendation:
    r = Recommendation(posting=posting, qualifies=qualifies, score=QUALIFIES if qualifies else 0)

    def judge(wanted: bool, met: bool, text: str, weight: int = SOFT) -> None:
        if not wanted:
            return
        if met:
            r.score += weight
            r.matches.append(text)
        else:
            r.misses.append(text)

    judge(bool(profile.roles), posting.role in profile.roles, "your role", FIRM)
    judge(
        bool(profile.practice_settings),
        posting.setting in profile.practice_settings,
        "your setting",
        FIRM,
    )
    judge(
        bool(profile.employment_types),
        posting.employment_type in profile.employment_types,
        "your schedule",
        FIRM,
    )
    judge(bool(profile.states), posting.state in profile.states, "your states", FIRM)
    judge(
        profile.min_yearly_pay is not None,
        (posting.pay_annual_max or 0) >= (profile.min_yearly_pay or 0),
        "your pay",
        FIRM,
    )
    judge(
        bool(profile.age_groups),
        bool(set(profile.age_groups) & set(posting.age_groups)),
        "ages you want",
    )
    judge(
        bool(profile.focus_areas),
        bool(set(profile.focus_areas) & set(posting.focus_areas)),
        "your focus areas",
    )
    caseload = (posting.caseload_direct or 0) + (posting.caseload_consult or 0)
    judge(
        profile.max_caseload is not None and bool(caseload),
        caseload <= (profile.max_caseload or 0),
        "a caseload you will take",
    )
    judge(
        profile.w2_only and bool(posting.employment_model),
        posting.employment_model != vocab.EmploymentModel.CONTRACTOR_1099,
        "W-2 employment",
    )
    judge(
        profile.school_year_calendar,
        posting.employment_type == vocab.EmploymentType.SCHOOL_YEAR,
        "a school-year calendar",
    )
    judge(
        profile.mentorship_wanted,
        posting.mentorship == vocab.Mentorship.FORMAL,
        "formal mentorship",
    )
    judge(
        not profile.telehealth_ok and bool(posting.telehealth),
        posting.telehealth != vocab.Telehealth.FULL,
        "in-person work",
    )
    judge(
        profile.max_sites_per_week is not None and posting.sites_count is not None,
        (posting.sites_count or 0) <= (profile.max_sites_per_week or 0),
        "the sites a week you will travel to",
    )
    return r
