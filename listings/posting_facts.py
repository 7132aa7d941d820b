"""The honest-posting facts a page or card shows, and which missing ones it names.

Each section returns (label, value) pairs. A value of None reads "Not stated by employer":
that is used only where seekers need to see what is missing (DOMAIN.md): the caseload in
schools, the productivity target where clinics and hospitals set one, mileage where the
job travels, mentorship where new graduates are welcome, and COTA supervision.
"""

from collections.abc import Callable

from listings import vocab
from listings.presentation import money, pay_text
from listings.requirements import is_licensed_role

Fact = tuple[str, str | None]

# Where a school caseload, or a productivity target, is the workload measure seekers most
# want stated.
CASELOAD_SETTINGS = frozenset({vocab.Setting.SCHOOL})
PRODUCTIVITY_SETTINGS = frozenset(
    {vocab.Setting.HOSPITAL, vocab.Setting.OUTPATIENT_CLINIC, vocab.Setting.PRIVATE_PRACTICE}
)
TRAVELLING_SETTINGS = frozenset({vocab.Setting.EARLY_INTERVENTION, vocab.Setting.HOME_COMMUNITY})


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def at_a_glance(p) -> list[Fact]:
    facts: list[Fact] = [
        ("Role", p.get_role_display()),
        ("Setting", p.get_setting_display()),
        ("Schedule", p.get_employment_type_display()),
        ("Employment model", p.get_employment_model_display() or None),
    ]
    if p.client_name:
        facts.append(("Client (where the work happens)", p.client_name))
    facts.append(("Location", f"{p.city}, {p.state} {p.zip_code}"))
    return facts


def pay(p) -> list[Fact]:
    facts: list[Fact] = [("Pay range", pay_text(p))]
    if p.sign_on_bonus:
        facts.append(("Sign-on bonus", money(p.sign_on_bonus)))
        if p.sign_on_repayment_terms:
            facts.append(("Bonus repayment terms", p.sign_on_repayment_terms))
    if p.ceu_allowance:
        facts.append(("Continuing education (CEU) allowance", f"{money(p.ceu_allowance)} a year"))
    return facts


def calendar(p) -> list[Fact]:
    facts: list[Fact] = []
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


def travels(p) -> bool:
    """Whether the job moves between places: then its mileage policy matters."""
    return (
        p.drivers_license_required or (p.sites_count or 0) > 1 or p.setting in TRAVELLING_SETTINGS
    )


def workload(p) -> list[Fact]:
    facts: list[Fact] = []
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
    elif p.setting in PRODUCTIVITY_SETTINGS and is_licensed_role(p.role):
        # Aides are not billed for, so no productivity target is expected of them.
        facts.append(("Productivity target", None))
    if p.evaluations_per_month is not None:
        facts.append(("Evaluations a month", str(p.evaluations_per_month)))
    if p.sites_count is not None:
        facts.append(("Sites", "1 site" if p.sites_count == 1 else f"{p.sites_count} sites"))
    if p.mileage_policy:
        facts.append(("Mileage and drive time", p.mileage_policy))
    elif travels(p):
        facts.append(("Mileage and drive time", None))
    if p.telehealth:
        facts.append(("Telehealth", p.get_telehealth_display()))
    return facts


def support(p) -> list[Fact]:
    facts: list[Fact] = []
    if p.ots_on_team is not None:
        facts.append(("OTs on the team", str(p.ots_on_team)))
    if p.cota_support is not None:
        facts.append(("COTA support", _yes_no(p.cota_support)))
    if p.mentorship:
        mentorship = p.get_mentorship_display()
        if p.mentorship == vocab.Mentorship.FORMAL and p.mentorship_weeks:
            mentorship = f"{mentorship} ({p.mentorship_weeks} weeks)"
        facts.append(("New-graduate mentorship", mentorship))
    elif p.is_new_grad_friendly and is_licensed_role(p.role):
        facts.append(("New-graduate mentorship", None))
    if p.cota_supervision:
        facts.append(("How COTAs are supervised", p.cota_supervision))
    elif p.role == vocab.Role.COTA:
        facts.append(("How COTAs are supervised", None))
    return facts


# The posting page's sections, in page order: (key, title, icon, facts, shown when empty).
SECTIONS: tuple[tuple[str, str, str, Callable[..., list[Fact]], bool], ...] = (
    ("glance", "At a glance", "briefcase", at_a_glance, True),
    ("pay", "Pay & benefits", "pay", pay, True),
    ("workload", "Workload", "chart", workload, False),
    ("calendar", "Calendar", "calendar", calendar, False),
    ("support", "Support", "users", support, False),
)


def sections(p) -> list[dict]:
    """The posting page's fact sections that have something to say."""
    found = []
    for key, title, icon, facts_of, always in SECTIONS:
        facts = facts_of(p)
        if facts or always:
            found.append({"key": key, "title": title, "icon": icon, "facts": facts})
    return found


def workload_summary(p) -> str:
    """The one workload figure a card has room for: caseload, else productivity target."""
    direct, consult = p.caseload_direct, p.caseload_consult
    if direct is not None and consult:
        return f"Caseload {direct} direct + {consult} consult"
    if direct is not None:
        return f"Caseload {direct} students"
    if consult is not None:
        return f"Caseload {consult} consult students"
    if p.productivity_target is not None:
        return f"Productivity {p.productivity_target}%"
    return ""


def card_facts(p) -> list[tuple[str, str]]:
    """(icon, text) pairs for the facts a card shows when the posting states them."""
    facts = []
    summary = workload_summary(p)
    if summary:
        facts.append(("chart", summary))
    if p.telehealth in (vocab.Telehealth.HYBRID, vocab.Telehealth.FULL):
        facts.append(("screen", p.get_telehealth_display()))
    if p.drivers_license_required:
        facts.append(("car", "Driver's license needed"))
    if p.employment_model == vocab.EmploymentModel.CONTRACTOR_1099:
        facts.append(("briefcase", "1099 contractor"))
    if p.sign_on_bonus:
        facts.append(("gift", f"{money(p.sign_on_bonus)} sign-on bonus"))
    return facts
