"""Words for the listing: pay ranges, active filters as chips, summaries for titles and feeds."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import QueryDict

from listings import vocab
from listings.filters import FACETS, SHORT_LABELS, TOGGLES, Criteria

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


def _label(facet: str, value: str) -> str:
    short = SHORT_LABELS.get(facet, {})
    return short.get(value) or dict(FACETS[facet][1].choices).get(value, value)


@dataclass(frozen=True)
class Chip:
    label: str
    remove_query: str  # the listing's query string without this one filter


def without_page(query: QueryDict) -> QueryDict:
    """A copy of the listing's parameters without the page: for feeds and removable chips."""
    remaining = query.copy()
    remaining.pop("page", None)
    return remaining


def active_chips(query: QueryDict, criteria: Criteria) -> list[Chip]:
    """One chip per active filter value, each with the query that removes just it."""

    def without(name: str, value: str | None = None) -> str:
        remaining = without_page(query)
        if value is None:
            remaining.pop(name, None)
            if name == "near":
                remaining.pop("radius", None)
                if remaining.get("sort") == vocab.Sort.DISTANCE:
                    remaining.pop("sort")
        else:
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
        return remaining.urlencode()

    chips = []
    if criteria.q:
        chips.append(Chip(f"“{criteria.q}”", without("q")))
    if criteria.place:
        chips.append(
            Chip(f"Within {criteria.radius} mi of {criteria.place.label}", without("near"))
        )
    for facet, values in criteria.facets.items():
        for value in values:
            chips.append(Chip(_label(facet, value), without(facet, value)))
    for toggle, label in TOGGLES.items():
        if getattr(criteria, toggle):
            chips.append(Chip(label, without(toggle)))
    if criteria.pay_min is not None:
        chips.append(Chip(f"Pay from ${criteria.pay_min:,} a year", without("pay_min")))
    if criteria.posted:
        chips.append(Chip(vocab.PostedWithin(criteria.posted).label, without("posted")))
    return chips


def describe_criteria(criteria: Criteria) -> str:
    """A short human summary of the filters, for page titles and feed titles."""
    parts = [
        ", ".join(_label(facet, v) for v in values)
        for facet, values in criteria.facets.items()
        if values
    ]
    if criteria.q:
        parts.insert(0, f"“{criteria.q}”")
    if criteria.place:
        parts.append(f"near {criteria.place.label}")
    if criteria.new_grad:
        parts.append("new grads welcome")
    if criteria.no_driving:
        parts.append("no driving")
    if criteria.pay_min is not None:
        parts.append(f"from ${criteria.pay_min:,}/year")
    return " · ".join(parts)
