"""Words for postings and searches: money and pay, and the listing's active filters."""

from dataclasses import dataclass
from decimal import Decimal

from listings import vocab
from listings.search.criteria import Criteria

PAY_UNIT_SUFFIX = {
    vocab.PayUnit.HOUR: "/hour",
    vocab.PayUnit.DAY: "/day",
    vocab.PayUnit.WEEK: "/week",
    vocab.PayUnit.MONTH: "/month",
    vocab.PayUnit.YEAR: "/year",
    vocab.PayUnit.VISIT: " per visit",
}


def money(amount: Decimal, *, cents: bool | None = None) -> str:
    """$3,000 or $20.50: cents only when there are any (or when told)."""
    if cents is None:
        cents = amount != amount.to_integral_value()
    return f"${amount:,.2f}" if cents else f"${amount:,.0f}"


def pay_text(posting) -> str:
    """The pay with its unit, always: "$38–$48/hour", "$52.50–$61.00/hour",
    "$65 per visit"."""
    low, high = Decimal(posting.pay_min), Decimal(posting.pay_max)
    cents = low != low.to_integral_value() or high != high.to_integral_value()
    suffix = PAY_UNIT_SUFFIX[posting.pay_unit]
    if low == high:
        return f"{money(low, cents=cents)}{suffix}"
    return f"{money(low, cents=cents)}–{money(high, cents=cents)}{suffix}"


@dataclass(frozen=True)
class Chip:
    """An active filter, and the listing's query string without it."""

    label: str
    remove_query: str
    without: Criteria


def chips(criteria: Criteria) -> list[Chip]:
    """One chip per active filter value, each with the query that removes just it."""
    return [Chip(label, rest.query(), rest) for label, rest in criteria.removals()]
