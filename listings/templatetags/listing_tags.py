"""Thin template wrappers over the listings modules: pay, labels, facts, requirements, text.

No rules here: what a posting requires lives in `listings.requirements`, which facts a page
shows (and which missing ones it names) in `listings.posting_facts`.
"""

import math
from decimal import Decimal
from functools import lru_cache

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from listings import posting_facts, vocab
from listings.guides import GUIDES_BY_ROLE
from listings.links import outside_link
from listings.markdown import render_markdown
from listings.presentation import money, pay_text
from listings.requirements import Check, evaluate

register = template.Library()


@register.filter
def usd(amount) -> str:
    """$3,000 or $20.50: cents only when there are any."""
    if amount is None or amount == "":
        return ""
    return money(Decimal(amount))


@register.filter
def pay_range(posting) -> str:
    """The posting's pay with its unit, always: "$38–$48/hour", "$65–$85 per visit"."""
    return pay_text(posting)


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


@register.filter
def employment_type_short(code: str) -> str:
    return vocab.EMPLOYMENT_TYPE_SHORT_LABELS.get(code, code)


@register.filter
def role_guide(code: str):
    """The guide for a role code, or None: {% with guide=posting.role|role_guide %}."""
    return GUIDES_BY_ROLE.get(code)


@register.filter
def is_rung_of(rung_role, guide_role) -> bool:
    """Whether a career-ladder rung is the guide's own: school OTs stand on the OT rung."""
    if guide_role == vocab.Role.SCHOOL_OT:
        guide_role = vocab.Role.PEDIATRIC_OT
    return rung_role is not None and rung_role == guide_role


@register.filter
def distance(posting) -> str:
    """ "12 mi" for a posting found near a place; "" when there is no distance to show."""
    miles = getattr(posting, "distance", None)
    if miles is None or math.isnan(miles):
        return ""
    if miles < 1:
        return "Under 1 mi"
    return f"{miles:,.0f} mi"


@register.filter
def link(url: str) -> str:
    """A stored web address if it is safe to link to (http or https), else ""."""
    return outside_link(url)


@register.filter
def markdown(text: str) -> SafeString:
    """Posting text typed as Markdown, as sanitized HTML (`listings.markdown`)."""
    return render_markdown(text)


@register.filter
def is_pool(posting) -> bool:
    return posting.vacancy == vocab.Vacancy.POOL


@register.simple_tag
def card_facts(posting) -> list[tuple[str, str]]:
    return posting_facts.card_facts(posting)


@register.simple_tag
def fact_sections(posting) -> list[dict]:
    return posting_facts.sections(posting)


@register.simple_tag
def requirement_checklist(posting) -> list[Check]:
    """The posting's requirements as checklist lines (`listings.requirements.evaluate`)."""
    return evaluate(posting.requirement_set)


@register.simple_tag
def facet_options(facet) -> SafeString:
    """A facet's checkboxes, each labelled with its option and the number of jobs it would
    show; long lists give the chosen options first, then only those with openings.

    Written out here rather than in the template: a listing has about a hundred of them,
    which the template engine took most of the page's rendering time to write."""
    options = facet.options
    if facet.facet.long:
        options = facet.selected + [o for o in options if o.count and not o.selected]
    name = facet.name
    return _checkboxes((f"f-{name}-{o.value}", name, o.value, o) for o in options)


@register.simple_tag
def toggle_options(toggles) -> SafeString:
    """The "show only" checkboxes (new graduates welcome, ...), written as facets' are:
    each its own parameter, checked with the value 1."""
    return _checkboxes((f"f-{o.value}", o.value, "1", o) for o in toggles)


@register.simple_tag
def select_options(choices, current) -> SafeString:
    """A select's options from (value, label) pairs, the one equal to `current` selected."""
    return mark_safe(  # noqa: S308 - values and labels escaped here
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == current else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        )
    )


def _checkboxes(options) -> SafeString:
    """Checkbox list items from (id, name, value, option) with the option's label, count
    and state; what never changes of each is escaped once per process (`_checkbox`)."""
    items = []
    for id_, name, value, option in options:
        head, label = _checkbox(id_, name, value, option.label)
        count, selected = option.count, option.selected
        items.append(
            f'\n<li class="facet__option{"" if count or selected else " facet__option--empty"}">'
            f"\n{head}{' checked' if selected else ''}>\n{label}{count:,}"
            f'<span class="visually-hidden"> job{"" if count == 1 else "s"})</span></span>'
            "</label>\n</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 - escaped in _checkbox


@lru_cache(maxsize=2048)
def _checkbox(id_: str, name: str, value: str, label: str) -> tuple[str, str]:
    """A checkbox's input (open for its state) and its label up to the count, escaped."""
    id_ = escape(id_)
    return (
        f'<input type="checkbox" id="{id_}" name="{escape(name)}" value="{escape(value)}"',
        f'<label for="{id_}"><span class="facet__label">{escape(label)}</span>'
        ' <span class="facet__count"><span class="visually-hidden">(</span>',
    )
