"""Display helpers for postings: pay, dates, vocabulary labels and the posting page's facts."""

import datetime
import math
from decimal import Decimal

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html

from listings import vocab
from listings.guides import GUIDES, GUIDES_BY_ROLE
from listings.presentation import money, pay_text

register = template.Library()

# Settings where a school caseload, or a productivity target, is the workload measure that
# seekers most want stated: these show "Not stated by employer" when it is missing.
CASELOAD_SETTINGS = {vocab.Setting.SCHOOL}
PRODUCTIVITY_SETTINGS = {
    vocab.Setting.HOSPITAL,
    vocab.Setting.OUTPATIENT_CLINIC,
    vocab.Setting.PRIVATE_PRACTICE,
}
TRAVELLING_SETTINGS = {vocab.Setting.EARLY_INTERVENTION, vocab.Setting.HOME_COMMUNITY}
LICENSED_ROLES = {vocab.Role.PEDIATRIC_OT, vocab.Role.SCHOOL_OT, vocab.Role.COTA}


# Money and pay ---------------------------------------------------------------------
@register.filter
def usd(amount) -> str:
    """$3,000 or $20.50: cents only when there are any."""
    if amount is None or amount == "":
        return ""
    return money(Decimal(amount))


@register.filter
def pay_range(posting) -> str:
    """The posting's pay with its unit, always: "$38\u2013$48/hour", "$65\u2013$85 per visit"."""
    return pay_text(posting)


# Dates -----------------------------------------------------------------------------
def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@register.filter
def days_ago(value) -> str:
    """today, yesterday, 3 days ago, 2 weeks ago, 3 months ago."""
    if not value:
        return ""
    days = (timezone.localdate() - _as_date(value)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


@register.filter
def days_until(value) -> str:
    """today, tomorrow, in 9 days; passed dates read "passed"."""
    if not value:
        return ""
    days = (_as_date(value) - timezone.localdate()).days
    if days < 0:
        return "passed"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


@register.filter
def short_date(value) -> str:
    """Oct 5, with the year only when it is not this year."""
    if not value:
        return ""
    day = _as_date(value)
    if day.year == timezone.localdate().year:
        return f"{day:%b} {day.day}"
    return f"{day:%b} {day.day}, {day.year}"


# Vocabulary labels -----------------------------------------------------------------
@register.filter
def labels(posting, field_name: str) -> list[str]:
    """Labels of a multi-valued field: {{ posting|labels:"age_groups" }}."""
    return posting.labels(field_name)


@register.filter
def role_short(code: str) -> str:
    return vocab.ROLE_SHORT_LABELS.get(code, code)


@register.filter
def setting_short(code: str) -> str:
    return vocab.SETTING_SHORT_LABELS.get(code, code)


# Badge-sized employment types; the vocabulary's labels carry detail a badge has no room for.
EMPLOYMENT_TYPE_SHORT_LABELS = {
    vocab.EmploymentType.CONTRACT: "Contract",
    vocab.EmploymentType.TRAVEL: "Travel",
    vocab.EmploymentType.SCHOOL_YEAR: "School year",
}


@register.filter
def employment_type_short(code: str) -> str:
    return EMPLOYMENT_TYPE_SHORT_LABELS.get(code) or vocab.EmploymentType(code).label


@register.simple_tag
def setting_choices() -> list[dict]:
    return [
        {"code": s.value, "label": s.label, "short": vocab.SETTING_SHORT_LABELS[s]}
        for s in vocab.Setting
    ]


@register.simple_tag
def role_choices() -> list[dict]:
    return [
        {"code": r.value, "label": r.label, "short": vocab.ROLE_SHORT_LABELS[r]} for r in vocab.Role
    ]


@register.simple_tag
def role_guides() -> tuple:
    """The role guides, for navigation: each has .slug, .title, .label and .role."""
    return GUIDES


@register.filter
def role_guide(code: str):
    """The guide for a role code, or None: {% with guide=posting.role|role_guide %}."""
    return GUIDES_BY_ROLE.get(code)


@register.simple_tag
def icon(name: str, label: str = "") -> str:
    """An icon from static/img/icons.svg; decorative unless given a label."""
    href = f"{static('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href
    )


# The listing's controls --------------------------------------------------------------
@register.filter
def field_errors(form, name: str) -> list[str]:
    """A field's error messages by a name held in a variable: {{ form|field_errors:facet.name }}."""
    return form.errors.get(name, [])


@register.filter
def quoted(text: str) -> str:
    """Curly quotes around a label, unless it already has them (keyword chips do)."""
    text = str(text)
    return text if text.startswith("\u201c") else f"\u201c{text}\u201d"


@register.filter
def distance(posting) -> str:
    """ "12 mi" for a posting found near a place; "" when there is no distance to show."""
    miles = getattr(posting, "distance", None)
    if miles is None or math.isnan(miles):
        return ""
    if miles < 1:
        return "Under 1 mi"
    return f"{miles:,.0f} mi"


@register.simple_tag
def page_numbers(page) -> list:
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


# Card facts ------------------------------------------------------------------------
@register.filter
def workload_summary(posting) -> str:
    """The one workload figure a card has room for: caseload, else productivity target."""
    direct, consult = posting.caseload_direct, posting.caseload_consult
    if direct is not None and consult:
        return f"Caseload {direct} direct + {consult} consult"
    if direct is not None:
        return f"Caseload {direct} students"
    if consult is not None:
        return f"Caseload {consult} consult students"
    if posting.productivity_target is not None:
        return f"Productivity {posting.productivity_target}%"
    return ""


@register.simple_tag
def card_facts(posting) -> list[tuple[str, str]]:
    """(icon, text) pairs for the facts a card shows when the posting states them."""
    facts = []
    workload = workload_summary(posting)
    if workload:
        facts.append(("chart", workload))
    if posting.telehealth in (vocab.Telehealth.HYBRID, vocab.Telehealth.FULL):
        facts.append(("screen", posting.get_telehealth_display()))
    if posting.drivers_license_required:
        facts.append(("car", "Driver's license needed"))
    if posting.employment_model == vocab.EmploymentModel.CONTRACTOR_1099:
        facts.append(("briefcase", "1099 contractor"))
    if posting.sign_on_bonus:
        facts.append(("gift", f"{usd(posting.sign_on_bonus)} sign-on bonus"))
    return facts


@register.filter
def is_pool(posting) -> bool:
    return posting.vacancy == vocab.Vacancy.POOL


# The posting page's fact sections --------------------------------------------------
# Each returns (label, value) pairs; a value of None renders "Not stated by employer" and
# is used only where seekers need to see what is missing.
def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _at_a_glance(p) -> list:
    facts = [
        ("Role", p.get_role_display()),
        ("Setting", p.get_setting_display()),
        ("Schedule", p.get_employment_type_display()),
        ("Employment model", p.get_employment_model_display() or None),
    ]
    if p.client_name:
        facts.append(("Client (where the work happens)", p.client_name))
    facts.append(("Location", f"{p.city}, {p.state} {p.zip_code}"))
    return facts


def _pay(p) -> list:
    facts = [("Pay range", pay_range(p))]
    if p.sign_on_bonus:
        facts.append(("Sign-on bonus", usd(p.sign_on_bonus)))
        if p.sign_on_repayment_terms:
            facts.append(("Bonus repayment terms", p.sign_on_repayment_terms))
    if p.ceu_allowance:
        facts.append(("Continuing education (CEU) allowance", f"{usd(p.ceu_allowance)} a year"))
    return facts


def _calendar(p) -> list:
    facts = []
    if p.contract_days:
        facts.append(("Contract days", f"{p.contract_days} days a year"))
    if p.pay_spread:
        facts.append(("Pay spread", p.get_pay_spread_display()))
    if p.esy_available is not None:
        esy = "Available" if p.esy_available else "Not available"
        if p.esy_available and p.esy_rate:
            esy = f"Available: {p.esy_rate}"
        facts.append(("Extended school year (summer) work", esy))
    if p.closure_day_pay:
        facts.append(("Pay on school-closure days", p.closure_day_pay))
    return facts


def _workload(p) -> list:
    facts = []
    direct, consult = p.caseload_direct, p.caseload_consult
    if direct is not None or consult is not None:
        parts = []
        if direct is not None:
            parts.append(f"{direct} direct-service students")
        if consult is not None:
            parts.append(f"{consult} consult students")
        facts.append(("Caseload", ", ".join(parts)))
    elif p.setting in CASELOAD_SETTINGS:
        facts.append(("Caseload", None))
    if p.productivity_target is not None:
        facts.append(("Productivity target", f"{p.productivity_target}% billable time"))
    elif p.setting in PRODUCTIVITY_SETTINGS and p.role in LICENSED_ROLES:
        facts.append(("Productivity target", None))
    if p.evaluations_per_month is not None:
        facts.append(("Evaluations a month", str(p.evaluations_per_month)))
    if p.sites_count is not None:
        facts.append(("Sites", "1 site" if p.sites_count == 1 else f"{p.sites_count} sites"))
    travels = (
        p.drivers_license_required or (p.sites_count or 0) > 1 or p.setting in TRAVELLING_SETTINGS
    )
    if p.mileage_policy:
        facts.append(("Mileage and drive time", p.mileage_policy))
    elif travels:
        facts.append(("Mileage and drive time", None))
    if p.telehealth:
        facts.append(("Telehealth", p.get_telehealth_display()))
    return facts


def _support(p) -> list:
    facts = []
    if p.ots_on_team is not None:
        facts.append(("OTs on the team", str(p.ots_on_team)))
    if p.cota_support is not None:
        facts.append(("COTA support", _yes_no(p.cota_support)))
    if p.mentorship:
        mentorship = p.get_mentorship_display()
        if p.mentorship == vocab.Mentorship.FORMAL and p.mentorship_weeks:
            mentorship = f"{mentorship} ({p.mentorship_weeks} weeks)"
        facts.append(("New-graduate mentorship", mentorship))
    elif p.is_new_grad_friendly and p.role in LICENSED_ROLES:
        facts.append(("New-graduate mentorship", None))
    if p.cota_supervision:
        facts.append(("How COTAs are supervised", p.cota_supervision))
    elif p.role == vocab.Role.COTA:
        facts.append(("How COTAs are supervised", None))
    return facts


_SECTIONS = {
    "glance": _at_a_glance,
    "pay": _pay,
    "calendar": _calendar,
    "workload": _workload,
    "support": _support,
}


@register.simple_tag
def posting_facts(posting, section: str) -> list:
    """{% posting_facts posting "workload" as facts %}: (label, value-or-None) pairs."""
    return _SECTIONS[section](posting)


@register.simple_tag
def requirement_list(posting) -> list[str]:
    """What an applicant must have, as checklist lines."""
    items = [
        posting.get_min_degree_display()
        + (" from an ACOTE-accredited program" if posting.acote_required else ""),
        posting.get_licensure_status_display(),
    ]
    items += posting.labels("required_credentials")
    items += posting.labels("required_certifications")
    if posting.drivers_license_required:
        items.append("Valid driver's license and auto insurance")
    if posting.years_experience == 0:
        items.append("New graduates welcome: no experience required")
    elif posting.years_experience == 1:
        items.append("1 year of pediatric experience")
    else:
        items.append(f"{posting.years_experience} years of pediatric experience")
    return items


# Role guides -----------------------------------------------------------------------
@register.filter
def is_rung_of(rung_role, guide_role) -> bool:
    """Whether a career-ladder rung is the guide's own: school OTs stand on the OT rung."""
    if guide_role == vocab.Role.SCHOOL_OT:
        guide_role = vocab.Role.PEDIATRIC_OT
    return rung_role is not None and rung_role == guide_role
