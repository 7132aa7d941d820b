"""Pay bands per role, unit and employment, and which band a posting gets."""

from random import Random

from demo.generator.facts import HOME_SETTINGS
from listings.vocab import EmploymentType, PayUnit, Role, Setting

R, S, ET = Role, Setting, EmploymentType


# Bands in cents: (unit, low, high, step). Checked by tests against DOMAIN.md's examples.
PAY_BANDS = {
    "ot_hour": (PayUnit.HOUR, 38_00, 55_00, 50),
    "ot_year": (PayUnit.YEAR, 70_000_00, 105_000_00, 1_000_00),
    "ot_visit": (PayUnit.VISIT, 55_00, 95_00, 5_00),
    "ot_prn_hour": (PayUnit.HOUR, 45_00, 62_00, 50),
    "ot_contract_hour": (PayUnit.HOUR, 45_00, 70_00, 50),
    "ot_travel_week": (PayUnit.WEEK, 1_800_00, 2_700_00, 25_00),
    "school_ot_year": (PayUnit.YEAR, 60_000_00, 95_000_00, 1_000_00),
    "school_ot_day": (PayUnit.DAY, 350_00, 500_00, 5_00),
    "cota_hour": (PayUnit.HOUR, 26_00, 38_00, 50),
    "cota_year": (PayUnit.YEAR, 45_000_00, 64_000_00, 1_000_00),
    "cota_visit": (PayUnit.VISIT, 40_00, 65_00, 5_00),
    "cota_contract_hour": (PayUnit.HOUR, 32_00, 46_00, 50),
    "cota_travel_week": (PayUnit.WEEK, 1_300_00, 1_900_00, 25_00),
    "tech_hour": (PayUnit.HOUR, 16_00, 22_00, 25),
}


def pay_band(rng: Random, role: Role, setting: Setting, employment: str, agency: bool) -> str:
    """The key of the `PAY_BANDS` entry a posting is paid from."""
    if role == R.OT_TECHNICIAN:
        return "tech_hour"
    ot = role != R.COTA  # OTs of either kind are paid from the OT bands
    if employment == ET.TRAVEL:
        return "ot_travel_week" if ot else "cota_travel_week"
    if agency or employment == ET.CONTRACT:
        if role == R.SCHOOL_OT and rng.random() < 0.2:
            return "school_ot_day"
        return "ot_contract_hour" if ot else "cota_contract_hour"
    if role == R.SCHOOL_OT:
        return "school_ot_year" if rng.random() < 0.7 else "school_ot_day"
    if setting in HOME_SETTINGS:
        if rng.random() < 0.7:
            return "ot_visit" if ot else "cota_visit"
        return "ot_hour" if ot else "cota_hour"
    if role == R.COTA:
        if setting == S.SCHOOL or (employment == ET.FULL_TIME and rng.random() < 0.3):
            return "cota_year" if rng.random() < 0.6 else "cota_hour"
        return "cota_hour"
    if employment == ET.PER_DIEM:
        return "ot_prn_hour"
    if employment == ET.FULL_TIME and rng.random() < 0.45:
        return "ot_year"
    return "ot_hour"
