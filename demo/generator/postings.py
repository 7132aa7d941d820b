"""One demo posting: its lifecycle and dates, and the assembly of all its fields."""

import datetime
from dataclasses import dataclass
from random import Random

from demo.generator.employers import DemoEmployer
from demo.generator.facts import (
    AGENCY_EMPLOYMENT,
    AGENCY_ROLES,
    DEFAULT_EMPLOYMENT,
    KIND_SETTINGS,
    SETTING_AGES,
    SETTING_ROLES,
    requirement_facts,
    sample_focus,
    support_facts,
    workload_facts,
)
from demo.generator.helpers import (
    FOCUS_TEXT,
    STATE_NAMES,
    join_words,
    money_range,
    with_article,
)
from demo.generator.pay import PAY_BANDS, pay_band
from demo.generator.places import CITY_WEIGHTS
from demo.generator.text import (
    AGENCY_INTROS,
    INTROS,
    ROLE_NOUNS,
    TECH_INTROS,
    age_phrase,
    benefits_text,
    client_name,
    description_text,
    requirements_text,
)
from demo.generator.variants import AGENCY_VARIANTS, DIRECT_VARIANTS
from listings.models import DEFAULT_POSTING_LIFETIME
from listings.vocab import (
    EmployerKind,
    EmploymentModel,
    EmploymentType,
    HowToApply,
    PostingStatus,
    Role,
    Setting,
    Vacancy,
)

R, S, ET = Role, Setting, EmploymentType

PUBLISHED_WITHIN_DAYS = 45
CONFIRMED_SHARE = 0.9  # postings last confirmed open within CONFIRMED_WITHIN_DAYS
CONFIRMED_WITHIN_DAYS = 14
# The other open postings published long enough ago were last confirmed 31-44 days ago:
# past the 30-day flag, before the 45-day close (listings.querysets.CONFIRM_FLAG_AFTER,
# CONFIRM_CLOSE_AFTER); closed and expired ones may have no confirmation (older data).
NEEDS_CONFIRMATION_DAYS = (31, 44)


OPEN, CLOSED, EXPIRED, DRAFT = "open", "closed", "expired", "draft"


@dataclass(frozen=True)
class LifecyclePlan:
    """How many postings end up open, closed, expired (still PUBLISHED) and draft."""

    total: int
    closed: int
    expired: int
    draft: int

    @property
    def open(self) -> int:
        return self.total - self.closed - self.expired - self.draft

    @classmethod
    def for_total(cls, total: int) -> "LifecyclePlan":
        # About 3% closed, 2% expired and 2% drafts, so open() has something to exclude.
        return cls(total=total, closed=total * 3 // 100, expired=total // 50, draft=total // 50)

    def shuffled(self, rng: Random) -> list[str]:
        states = (
            [CLOSED] * self.closed
            + [EXPIRED] * self.expired
            + [DRAFT] * self.draft
            + [OPEN] * self.open
        )
        rng.shuffle(states)
        return states


@dataclass
class GenerationContext:
    """What one generation run shares between postings."""

    rng: Random
    now: datetime.datetime
    school_years: tuple[str, str] = ("", "")


def _dates(ctx: GenerationContext, lifecycle: str) -> dict:
    rng, now = ctx.rng, ctx.now
    today = now.date()
    if lifecycle == DRAFT:
        return {
            "status": PostingStatus.DRAFT,
            "published_at": None,
            "expires_at": None,
            "closed_at": None,
            "last_confirmed_open": None,
        }
    if lifecycle == EXPIRED:
        published = now - datetime.timedelta(seconds=rng.randint(61 * 86400, 90 * 86400))
    elif lifecycle == CLOSED:
        published = now - datetime.timedelta(seconds=rng.randint(7 * 86400, 55 * 86400))
    else:
        published = now - datetime.timedelta(
            seconds=rng.randint(3600, PUBLISHED_WITHIN_DAYS * 86400)
        )
    expires = published + DEFAULT_POSTING_LIFETIME
    closed_at = None
    if lifecycle == CLOSED:
        closed_at = published + (now - published) * rng.uniform(0.2, 0.95)
    last_seen = min(now, expires, closed_at or now)
    age = (last_seen.date() - published.date()).days
    confirmed = None
    draw = rng.random()
    if draw < CONFIRMED_SHARE:  # confirmed open within the last week or two
        days_back = rng.randint(0, min(CONFIRMED_WITHIN_DAYS, age))
        confirmed = last_seen.date() - datetime.timedelta(days=days_back)
    elif lifecycle == OPEN:
        # Every open posting has been confirmed (publishing confirms it): the rest of the
        # old enough ones went 31-44 days without, so the admin's "needs confirmation" shows
        # some, none so long that the 45-day rule (CONFIRM_CLOSE_AFTER) has closed it. No
        # second draw: the rest of the demo stays what the same seed always gave.
        fraction = (draw - CONFIRMED_SHARE) / (1 - CONFIRMED_SHARE)
        low, high = NEEDS_CONFIRMATION_DAYS
        if age >= low:
            days_back = low + int(fraction * (min(high, age) - low + 1))
        else:
            days_back = int(fraction * (min(CONFIRMED_WITHIN_DAYS, age) + 1))
        confirmed = last_seen.date() - datetime.timedelta(days=days_back)
    fields = {
        "status": PostingStatus.CLOSED if lifecycle == CLOSED else PostingStatus.PUBLISHED,
        "published_at": published,
        "expires_at": expires,
        "closed_at": closed_at,
        "last_confirmed_open": confirmed,
    }
    if rng.random() < 0.3:
        if lifecycle == OPEN:
            fields["apply_by"] = min(
                today + datetime.timedelta(days=rng.randint(5, 45)), expires.date()
            )
        else:
            fields["apply_by"] = published.date() + datetime.timedelta(days=rng.randint(21, 50))
    return fields


def generate_posting(ctx: GenerationContext, employer: DemoEmployer, lifecycle: str) -> dict:
    """The model fields of one posting by `employer`, in the state `lifecycle` names.

    What `listings.preparation.prepare_posting` derives (slug, coordinates) is left out.
    """
    rng = ctx.rng
    kind = employer.fields["kind"]
    agency = kind == EmployerKind.STAFFING_AGENCY
    setting = KIND_SETTINGS[kind].pick(rng)
    role = (AGENCY_ROLES if agency else SETTING_ROLES)[setting].pick(rng)
    variant = (AGENCY_VARIANTS if agency else DIRECT_VARIANTS)[role, setting].pick(rng)

    city = CITY_WEIGHTS.pick(rng) if agency else employer.city
    zip_code = rng.choice(city.zips)
    client = client_name(rng, setting, city) if agency else ""

    employment_mix = (AGENCY_EMPLOYMENT if agency else DEFAULT_EMPLOYMENT)[setting]
    employment = variant.employment or employment_mix.pick(rng)
    if role == R.OT_TECHNICIAN and setting == S.SCHOOL:
        employment = ET.SCHOOL_YEAR
    if agency:
        w2 = employment == ET.TRAVEL or rng.random() < 0.7
        model: str = EmploymentModel.AGENCY_W2 if w2 else EmploymentModel.CONTRACTOR_1099
    elif employment == ET.CONTRACT:
        model = EmploymentModel.CONTRACTOR_1099
    else:
        model = EmploymentModel.EMPLOYEE if rng.random() < 0.85 else ""

    unit, low, high, step = PAY_BANDS[pay_band(rng, role, setting, employment, agency)]
    pay_min, pay_max = money_range(rng, low, high, step, low_end=variant.new_grad)

    req = requirement_facts(rng, role, setting, variant, agency)
    facts = workload_facts(rng, role, setting, variant, employment, agency)
    support = support_facts(rng, role, variant, facts, city.state)
    ages = list(variant.ages or rng.choice(SETTING_AGES[setting]))
    focus = sample_focus(rng, setting, variant)
    pool_chance = 0.25 if agency else 0.2 if setting == S.SCHOOL else 0.08
    vacancy = Vacancy.POOL if rng.random() < pool_chance else Vacancy.CURRENT
    sy = ctx.school_years[1] if rng.random() < 0.6 else ctx.school_years[0]

    title = variant.title.format(school_year=sy, client=client, city=city.name)

    how = HowToApply.ON_SITE
    apply_url = ""
    external = {EmployerKind.HOSPITAL: 0.4, EmployerKind.SCHOOL_DISTRICT: 0.3}.get(kind, 0.1)
    if rng.random() < external:
        how = HowToApply.EXTERNAL
        apply_url = f"{employer.fields['website']}/careers/{rng.randint(10000, 99999)}"

    intros: tuple[str, ...]
    if role == R.OT_TECHNICIAN:
        intros = TECH_INTROS
    elif agency:
        intros = AGENCY_INTROS
    else:
        intros = INTROS[setting]
    text = {
        "employer": employer.fields["name"],
        "client": client,
        "city": city.name,
        "state_name": STATE_NAMES[city.state],
        "a_role": with_article(ROLE_NOUNS[role]),
        "ages": age_phrase(ages),
        "focus": join_words([FOCUS_TEXT[f] for f in focus]),
        "phone": employer.fields["phone"],
        "school_year": sy,
        "setting": setting,
        "vacancy": vacancy,
        "intros": intros,
    }
    posting = {
        "title": title,
        "role": role,
        "setting": setting,
        "employment_type": employment,
        **req,
        "age_groups": ages,
        "focus_areas": focus,
        "pay_min": pay_min,
        "pay_max": pay_max,
        "pay_unit": unit,
        "city": city.name,
        "state": city.state,
        "zip_code": zip_code,
        "description": description_text(rng, text, variant, facts, role),
        "requirements": requirements_text(rng, role, req, facts, city.state),
        "benefits": benefits_text(rng, kind, model, support),
        "how_to_apply": how,
        "apply_url": apply_url,
        "employment_model": model,
        "client_name": client,
        "vacancy": vacancy,
        **facts,
        **support,
        **_dates(ctx, lifecycle),
    }
    return posting
