"""Candidate search: for a posting, the applicants who let recruiters find their profile
and meet every one of its requirements, ranked by how well the posting fits what they want.

Who may search: the posting's own recruiters (`JobPosting.objects.managed_by(viewer)`); whom
they find: profiles marked `visible_to_recruiters` of active accounts. Whether a person meets
the posting's requirements is the requirements module's answer (`fit`), asked for every
candidate shown. Before that, SQL narrows the profiles with the same rules written as
conditions on a profile's columns (`requirement_filter`), so that Python reads hundreds of
profiles rather than the whole table; a test holds the filter to `qualifies` over random
postings and people, as the search index's mask is held.

Ranking reuses `applicants.recommend`'s score (the one home of "how well a posting fits a
person's wishes": role, setting, schedule, states, pay, then the softer wishes), read the
other way round, plus whether the job is within the distance the person will travel.

What recruiters see of a candidate: name, headline and credentials. Contact details only
once the person applied to one of the recruiter's employers' postings, and then as they
sent them with that application; never the home ZIP code.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from applicants.models import Application, License, Profile
from applicants.recommend import FIRM
from applicants.recommend import _score as preference_score
from listings import vocab
from listings.geo import distance_miles, zip_place
from listings.models import JobPosting
from listings.requirements import (
    LICENSE_NBCOT,
    Fit,
    Outcome,
    Requirements,
    degree_meets,
    fit,
)

logger = logging.getLogger(__name__)

MAX_RANKED = 300  # qualified profiles ranked in one search: the most recently updated
PER_PAGE = 25
NEAR_HOME = "distance from home"
# The words recruiters read for each wish `recommend` judges (it speaks to the applicant).
WISHES = {
    "your role": "role",
    "your setting": "setting",
    "your schedule": "schedule",
    "your states": "state",
    "your pay": "pay",
    "ages you want": "ages",
    "your focus areas": "focus areas",
    "a caseload you will take": "caseload",
    "W-2 employment": "W-2",
    "a school-year calendar": "school-year calendar",
    "formal mentorship": "mentorship",
    "in-person work": "in person",
    "the sites a week you will travel to": "sites a week",
    NEAR_HOME: NEAR_HOME,
}
# What ranking reads of a profile (the score's wishes), loaded for every qualified profile.
RANKING_FIELDS = (
    "roles",
    "practice_settings",
    "employment_types",
    "states",
    "min_yearly_pay",
    "age_groups",
    "focus_areas",
    "max_caseload",
    "w2_only",
    "school_year_calendar",
    "mentorship_wanted",
    "telehealth_ok",
    "max_sites_per_week",
    "home_zip",
    "radius_miles",
    "updated_at",
)


# Whom recruiters may find --------------------------------------------------------------------
def visible_profiles() -> QuerySet[Profile]:
    """Profiles their owners let recruiters find."""
    return Profile.objects.filter(visible_to_recruiters=True, user__is_active=True)


def _valid_on(field_name: str, today: datetime.date, *, nullable: bool = False) -> Q:
    valid = Q(**{f"{field_name}__gte": today})
    return valid | Q(**{f"{field_name}__isnull": True}) if nullable else valid


def requirement_filter(req: Requirements, today: datetime.date) -> Q:
    """Profiles that meet `req`: `listings.requirements.checklist`'s rules as conditions on
    a profile's columns, to narrow in SQL. `fit()` still judges every profile shown."""
    degrees = [degree for degree in vocab.Degree.values if degree_meets(degree, req.min_degree)]
    condition = Q(degree__in=degrees)
    if req.acote_required:
        condition &= Q(acote_accredited=True)
    if req.license:
        valid = License.objects.filter(
            _valid_on("expires_on", today), profile=OuterRef("pk"), kind=req.license
        )
        licensed_here = Q(Exists(valid.filter(state=req.state)))
        if req.license_eligible:  # a license elsewhere, the exam passed, or a new graduate
            exam = Q(nbcot=LICENSE_NBCOT[req.license]) & _valid_on(
                "nbcot_expires", today, nullable=True
            )
            condition &= Q(Exists(valid)) | exam | Q(awaiting_license=True)
        else:
            condition &= licensed_here
    if req.nbcot:
        certified = Q(nbcot=req.nbcot) & _valid_on("nbcot_expires", today, nullable=True)
        if req.license_eligible:
            certified |= Q(awaiting_license=True)
        condition &= certified
    if req.certifications:
        condition &= Q(certifications__has_all=sorted(req.certifications))
    if req.drivers_license:
        condition &= Q(drivers_license=True)
    if req.years_experience:
        condition &= Q(years_experience__gte=req.years_experience)
    return condition


def _check_scope(posting: JobPosting, viewer) -> None:
    if not JobPosting.objects.managed_by(viewer).filter(pk=posting.pk).exists():
        raise PermissionDenied("Only this employer's recruiters search its candidates.")


# Ranking -------------------------------------------------------------------------------------
@dataclass
class Ranking:
    score: int
    matches: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def wishes(self) -> int:
        """How many wishes the person stated (met or not)."""
        return len(self.matches) + len(self.misses)


def rank(posting: JobPosting, profile: Profile) -> Ranking:
    """How well `posting` fits what a qualified `profile` wants (higher is better)."""
    judged = preference_score(posting, profile, True)
    ranking = Ranking(
        judged.score,
        [WISHES.get(text, text) for text in judged.matches],
        [WISHES.get(text, text) for text in judged.misses],
    )
    home = zip_place(profile.home_zip) if profile.radius_miles and profile.home_zip else None
    if home and posting.latitude is not None and posting.longitude is not None:
        miles = distance_miles(home.latitude, home.longitude, posting.latitude, posting.longitude)
        if miles <= (profile.radius_miles or 0):
            ranking.score += FIRM
            ranking.matches.append(NEAR_HOME)
        else:
            ranking.misses.append(NEAR_HOME)
    return ranking


# Results -------------------------------------------------------------------------------------
@dataclass
class Candidate:
    profile: Profile
    fit: Fit
    ranking: Ranking
    licenses: list[str]  # "OT license: CO, TX", one line a kind, valid licenses only
    application_id: int | None = None  # their application to this posting, if any

    @property
    def requirements_met(self) -> int:
        """The requirements they meet: all of them (lines for information left out)."""
        return sum(1 for check in self.fit.checks if check.outcome == Outcome.MET)

    @property
    def certifications(self) -> list[str]:
        return [vocab.Certification(code).label for code in self.profile.certifications]


def _candidate(
    profile: Profile,
    req: Requirements,
    today: datetime.date,
    ranking: Ranking,
    application_id: int | None,
) -> Candidate | None:
    """`profile` as a candidate, or None if it does not meet every requirement."""
    found = fit(req, profile.qualifications(), today=today)
    if not found.qualifies:
        return None
    states: dict[str, list[str]] = {}
    for lic in profile.licenses.all():  # in state order
        if lic.expires_on >= today:
            states.setdefault(lic.kind, []).append(lic.state)
    licenses = [
        f"{vocab.CREDENTIAL_SHORT_LABELS[kind]}: {', '.join(held)}"
        for kind, held in sorted(states.items())
    ]
    return Candidate(profile, found, ranking, licenses, application_id)


@dataclass
class CandidatePage:
    posting: JobPosting
    candidates: list[Candidate]  # this page's, best first
    page: Page  # the page of ranked profile ids: number, previous, next
    found: int  # qualified profiles ranked (at most MAX_RANKED)
    capped: bool  # more qualified profiles exist than were ranked


def candidates_for(
    posting: JobPosting,
    *,
    viewer,
    today: datetime.date,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
) -> CandidatePage:
    """One page of the visible profiles that meet `posting`'s requirements, best fit first.

    Raises PermissionDenied unless `viewer` manages the posting. Five queries whatever the
    number of profiles: the scope, the qualified profiles' wishes (at most MAX_RANKED + 1,
    the most recently updated), then the page's profiles, their licenses and applications.
    """
    _check_scope(posting, viewer)
    req = Requirements.of(posting)
    pool = list(
        visible_profiles()
        .filter(requirement_filter(req, today))
        .order_by("-updated_at", "-pk")
        .only(*RANKING_FIELDS)[: MAX_RANKED + 1]
    )
    capped = len(pool) > MAX_RANKED
    rankings = {profile.pk: rank(posting, profile) for profile in pool[:MAX_RANKED]}
    # Best score first; among equals the most recently updated (the pool's order).
    order = sorted(rankings, key=lambda pk: -rankings[pk].score)
    page_obj = Paginator(order, per_page).get_page(page)
    ids = list(page_obj.object_list)
    profiles = (
        Profile.objects.filter(pk__in=ids).select_related("user").prefetch_related("licenses")
    )
    by_id = {profile.pk: profile for profile in profiles}
    applied = dict(
        Application.objects.filter(
            posting=posting, user_id__in=[p.user_id for p in by_id.values()]
        ).values_list("user_id", "pk")
    )
    candidates = []
    for pk in ids:
        profile = by_id.get(pk)
        if profile is None:  # deleted since the pool was read
            continue
        candidate = _candidate(profile, req, today, rankings[pk], applied.get(profile.user_id))
        if candidate is None:  # the SQL filter and the checklist disagree: a bug
            logger.warning("Candidate filter let profile %s through for posting %s", pk, posting.pk)
            continue
        candidates.append(candidate)
    return CandidatePage(
        posting=posting, candidates=candidates, page=page_obj, found=len(order), capped=capped
    )


# One candidate -------------------------------------------------------------------------------
@dataclass
class CandidateProfile:
    candidate: Candidate
    # Their applications to the viewer's employers' postings, newest first: what they sent
    # (name, email, phone) may be shown; without one, no contact details are.
    applications: list[Application]

    @property
    def contact(self) -> Application | None:
        return self.applications[0] if self.applications else None


def candidate_profile(
    posting: JobPosting, profile_id: int, *, viewer, today: datetime.date
) -> CandidateProfile | None:
    """One candidate of `posting` as its recruiters may read them; None if the profile is
    not visible or does not meet the posting's requirements. PermissionDenied unless
    `viewer` manages the posting."""
    _check_scope(posting, viewer)
    req = Requirements.of(posting)
    profile = (
        visible_profiles()
        .filter(requirement_filter(req, today), pk=profile_id)
        .select_related("user")
        .prefetch_related("licenses")
        .first()
    )
    if profile is None:
        return None
    applications = list(
        Application.objects.filter(
            user=profile.user, posting__in=JobPosting.objects.managed_by(viewer)
        )
        .select_related("posting")
        .order_by("-submitted_at", "-pk")
    )
    this_one = next((a.pk for a in applications if a.posting_id == posting.pk), None)
    candidate = _candidate(profile, req, today, rank(posting, profile), this_one)
    if candidate is None:
        return None
    return CandidateProfile(candidate=candidate, applications=applications)
