"""The listing's form: a query string in, `Criteria` and messages by each field out.

Every field is built from the parameter descriptions in `listings.search.criteria`, so the
labels, limits and defaults the page shows are the ones validated here. A bad value gets a
message next to its field while the other parameters still apply; in a multi-select only
the unknown values are dropped.
"""

import copy
from collections.abc import Iterable
from typing import cast

from django import forms
from django.http import QueryDict

from listings.geo import find_place
from listings.requirements import Qualifications
from listings.search.criteria import (
    FACETS,
    KEYWORDS,
    NEAR,
    PAGE,
    PAY_MIN,
    POSTED,
    QUALIFIED,
    RADIUS,
    SORT,
    TOGGLES,
    Criteria,
    Facet,
    Radius,
)
from listings.text import one_line

DEFAULT_RADIUS = int(Radius.MILES_25)
MAX_PAGE_DIGITS = 9  # int() refuses strings of over 4,300 digits; no listing has a billion pages


class ToggleInput(forms.CheckboxInput):
    """A checkbox whose off values ("0", "false", "off") read as off, not as a string."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on", "yes"}


class FacetField(forms.MultipleChoiceField):
    """A multi-select that keeps its known values (matched without regard to case) and
    leaves the unknown ones for the form to report; it never fails as a whole."""

    def __init__(self, facet: Facet, **kwargs):
        self.facet = facet
        self.canonical = {value.lower(): value for value in facet.values}
        super().__init__(
            choices=facet.choices,
            required=False,
            label=facet.label,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def split(self, raw: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
        """Known values (canonical spelling, first mention, in order) and unknown ones."""
        known: dict[str, None] = {}
        unknown: list[str] = []
        for value in raw:
            text = one_line(str(value))
            if not text:
                continue
            canonical = self.canonical.get(text.lower())
            if canonical is None:
                unknown.append(text)
            else:
                known[canonical] = None
        return tuple(known), unknown

    def validate(self, value) -> None:
        """Unknown values are reported by the form and ignored; nothing fails here."""

    def clean(self, value):
        return self.split(self.to_python(value))[0]


def _choice_message(choice) -> str:
    values = [str(v) for v in choice.choices.values]
    words = ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]
    return {
        RADIUS.name: f"Choose a distance of {words} miles.",
        POSTED.name: f"Choose {words} days.",
        SORT.name: "Unknown sort order; it was ignored.",
    }[choice.name]


class ListingForm(forms.Form):
    data: QueryDict

    q = forms.CharField(
        label=KEYWORDS.label,
        required=False,
        max_length=KEYWORDS.max_length,
        strip=False,
        error_messages={
            "max_length": f"Keep keywords under {KEYWORDS.max_length} characters; they were "
            "ignored."
        },
    )
    near = forms.CharField(
        label=NEAR.label,
        required=False,
        max_length=NEAR.max_length,
        help_text=NEAR.hint,
        error_messages={"max_length": "That place is too long; try a ZIP or City, ST."},
    )
    radius = forms.TypedChoiceField(
        label=RADIUS.label,
        choices=RADIUS.choices.choices,
        coerce=int,
        empty_value=None,
        required=False,
        initial=RADIUS.default,
        error_messages={"invalid_choice": _choice_message(RADIUS)},
    )
    pay_min = forms.DecimalField(
        label=PAY_MIN.label,
        required=False,
        min_value=PAY_MIN.minimum,
        max_value=PAY_MIN.maximum,
        help_text=PAY_MIN.hint,
        error_messages={"invalid": "Enter a yearly amount in dollars, such as 70000."},
    )
    posted = forms.TypedChoiceField(
        label=POSTED.label,
        choices=[("", POSTED.empty_label), *POSTED.choices.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _choice_message(POSTED)},
    )
    sort = forms.ChoiceField(
        label=SORT.label,
        choices=SORT.choices.choices,
        required=False,
        error_messages={"invalid_choice": _choice_message(SORT)},
    )

    def __init__(self, data: QueryDict, **kwargs):
        super().__init__(data, **kwargs)

    def criteria(self, qualifications: Qualifications | None = None) -> Criteria:
        """The valid parameters as Criteria; invalid ones are dropped, their errors shown.
        `qualified=1` narrows to jobs `qualifications` meet (ignored without them)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        place = None
        near = one_line(data.get("near") or "")
        if near:
            place = find_place(near)
            if place is None:
                self.add_error(
                    "near", f"We could not find “{near[:60]}”. Try a five-digit ZIP or City, ST."
                )
                near = ""
        q = one_line(data.get("q") or "")
        sort, sort_chosen = Criteria.default_sort(q=q, place=place, wanted=data.get("sort") or "")
        criteria = Criteria(
            q=q,
            near=near,
            place=place,
            radius=(data.get("radius") or DEFAULT_RADIUS) if place else None,
            pay_min=int(data["pay_min"]) if data.get("pay_min") is not None else None,
            posted=data.get("posted"),
            sort=sort,
            sort_chosen=sort_chosen,
            facets={facet.name: data.get(facet.name) or () for facet in FACETS},
            new_grad=bool(data.get("new_grad")),
            no_driving=bool(data.get("no_driving")),
            qualified=qualifications if data.get(QUALIFIED.name) else None,
        )
        for facet in FACETS:
            field = cast(FacetField, self.fields[facet.name])  # declared below the class
            _, unknown = field.split(self.data.getlist(facet.name))
            for value in dict.fromkeys(unknown):
                self.add_error(facet.name, f"“{value[:40]}” is not a known option; it was ignored.")
        return criteria


# The facets and toggles, declared on the class from their descriptions (so they are built
# once, not for every request).
for _facet in FACETS:
    ListingForm.base_fields[_facet.name] = FacetField(_facet)
for _toggle in (*TOGGLES, QUALIFIED):
    ListingForm.base_fields[_toggle.name] = forms.BooleanField(
        label=_toggle.label, required=False, widget=ToggleInput
    )


class _SharedDefinitions(dict):
    """The form's fields as each form gets its own: a copy of each field and its widget,
    sharing what never changes (the vocabularies' choices, validators) rather than copying
    them deeply for every request (53 states; nearly half of a listing form's making)."""

    def __deepcopy__(self, memo) -> dict[str, forms.Field]:
        fields = {}
        for name, field in self.items():
            own = fields[name] = copy.copy(field)
            own.widget = copy.copy(field.widget)
            own.widget.attrs = field.widget.attrs.copy()
            own.error_messages = field.error_messages.copy()
        return fields


ListingForm.base_fields = _SharedDefinitions(ListingForm.base_fields)


def page_number(query: QueryDict) -> int:
    """The requested page; anything that is not a positive whole number means page 1."""
    raw = query.get(PAGE, "")
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS and int(raw) > 0:
        return int(raw)
    return 1
