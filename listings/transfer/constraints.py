"""A posting's check constraints evaluated in Python on an imported row, before the
database is asked (a query a constraint would be ten times the rest of a row's import)."""

import functools
import operator
from typing import Any, cast

from django.db.models import CheckConstraint, F, Q

from listings.models import JobPosting


class _Unsupported(Exception):
    """A condition `_holds` does not evaluate: the database does."""


_COMPARE = {
    "exact": operator.eq,
    "in": lambda value, choices: value in choices,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _holds(condition: Q, values: dict[str, Any]) -> bool | None:
    """`condition` (plain lookups on fields, F() of fields) evaluated on `values` in SQL's
    three-valued logic: None is unknown, which a check constraint lets pass."""
    results: list[bool | None] = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_holds(child, values))
            continue
        lookup, operand = cast(tuple[str, Any], child)
        name, _, kind = lookup.partition("__")
        if isinstance(operand, F):
            operand = values.get(getattr(operand, "name", ""), _Unsupported)
        if name not in values or operand is _Unsupported or hasattr(operand, "resolve_expression"):
            raise _Unsupported
        value = values[name]
        if kind == "isnull":
            results.append((value is None) is bool(operand))
        elif (kind or "exact") not in _COMPARE:
            raise _Unsupported
        else:
            known = value is not None and operand is not None
            results.append(_COMPARE[kind or "exact"](value, operand) if known else None)
    if condition.connector == Q.AND:
        result = False if False in results else None if None in results else True
    elif condition.connector == Q.OR:
        result = True if True in results else None if None in results else False
    else:
        raise _Unsupported
    return result if result is None or not condition.negated else not result


@functools.cache
def _checks() -> list[tuple[Q, frozenset[str]]]:
    """Each check constraint's condition, and the fields it reads."""
    return [
        (Q(c.condition), frozenset(Q(c.condition).referenced_base_fields))
        for c in JobPosting._meta.constraints
        if isinstance(c, CheckConstraint)
    ]


def check_constraints(posting: JobPosting, exclude: set[str]) -> None:
    """The model's check constraints, as the admin form checks them, on the fields not
    excluded. Evaluated here first: asking the database costs a query a constraint, ten
    times the rest of a row's import. The database decides (and words the error, as for
    the admin form) when one seems to fail or is not plain enough to evaluate here; and it
    checks every row again on insert."""
    values = {
        f.name: getattr(posting, f.attname)
        for f in JobPosting._meta.concrete_fields
        if not f.generated  # computed by the database: a condition on one goes there
    }
    for condition, names in _checks():
        if names & exclude:
            continue
        try:
            holds = _holds(condition, values)
        except _Unsupported:
            holds = False
        if holds is False:
            posting.validate_constraints(exclude=exclude)
            return
