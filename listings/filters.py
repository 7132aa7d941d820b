"""The listing's parameters: facets, toggles, keywords, location, pay, recency and sort.

`PostingFilter` declares every query parameter of /jobs/ and validates it with
django-filter's form, so a bad value gets a message next to its field while the other
parameters still apply. The filtering and counting themselves run in `listings.search`,
over a columnar index of open postings (see that module for why).
"""

import re
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from listings import vocab
from listings.geo import Place, find_place
from listings.models import JobPosting

MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
DEFAULT_RADIUS = vocab.Radius.MILES_25

# Facets are multi-selects: values within one are ORed, facets are ANDed.
FACETS: dict[str, tuple[str, type[vocab.models.TextChoices]]] = {
    "role": ("Role", vocab.Role),
    "setting": ("Practice setting", vocab.Setting),
    "degree": ("Minimum degree required", vocab.Degree),
    "licensure": ("Licensure", vocab.LicensureFacet),
    "employment": ("Employment type", vocab.EmploymentType),
    "ages": ("Ages served", vocab.AgeGroup),
    "state": ("State", vocab.State),
}
TOGGLES = {
    "new_grad": "New graduates welcome",
    "no_driving": "No driver's license needed",
}
SHORT_LABELS = {
    "role": vocab.ROLE_SHORT_LABELS,
    "setting": vocab.SETTING_SHORT_LABELS,
}


class ToggleInput(forms.CheckboxInput):
    """A checkbox whose off values ("0", "false", "off") read as off, not as a string."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on", "yes"}


def _facet_filter(name: str) -> django_filters.MultipleChoiceFilter:
    label, choices = FACETS[name]
    return django_filters.MultipleChoiceFilter(
        label=label,
        choices=choices.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_by_engine",
        error_messages={"invalid_choice": "“%(value)s” is not a known option; it was ignored."},
    )


class PostingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Keywords",
        method="filter_by_engine",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Keep keywords under {MAX_QUERY_LENGTH} characters; they were ignored."
        },
    )
    near = django_filters.CharFilter(label="Near (ZIP or City, ST)", method="filter_by_engine")
    radius = django_filters.TypedChoiceFilter(
        label="Within",
        choices=vocab.Radius.choices,
        coerce=int,
        empty_value=None,
        method="filter_by_engine",
        error_messages={"invalid_choice": "Choose a distance of 10, 25, 50 or 100 miles."},
    )
    pay_min = django_filters.NumberFilter(
        label="Minimum yearly pay (USD)",
        method="filter_by_engine",
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
        error_messages={"invalid": "Enter a yearly amount in dollars, such as 70000."},
    )
    posted = django_filters.TypedChoiceFilter(
        label="Posted",
        choices=vocab.PostedWithin.choices,
        coerce=int,
        empty_value=None,
        method="filter_by_engine",
        error_messages={"invalid_choice": "Choose 1, 7 or 30 days."},
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=vocab.Sort.choices,
        empty_label=None,
        method="filter_by_engine",
        error_messages={"invalid_choice": "Unknown sort order; showing newest first."},
    )
    role = _facet_filter("role")
    setting = _facet_filter("setting")
    degree = _facet_filter("degree")
    licensure = _facet_filter("licensure")
    employment = _facet_filter("employment")
    ages = _facet_filter("ages")
    state = _facet_filter("state")
    new_grad = django_filters.BooleanFilter(
        label=TOGGLES["new_grad"], widget=ToggleInput, method="filter_by_engine"
    )
    no_driving = django_filters.BooleanFilter(
        label=TOGGLES["no_driving"], widget=ToggleInput, method="filter_by_engine"
    )

    class Meta:
        model = JobPosting
        fields: list[str] = []

    def filter_by_engine(self, queryset, name, value):  # pragma: no cover - see module doc
        raise NotImplementedError("PostingFilter is evaluated by listings.search.search()")

    def criteria(self) -> "Criteria":
        """The valid parameters as Criteria; invalid ones are dropped (their errors shown)."""
        form = self.form
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
        place = None
        near = CONTROL_CHARACTERS.sub(" ", data.get("near") or "").strip()
        if near:
            place = find_place(near)
            if place is None:
                form.add_error(
                    "near", f"We could not find “{near[:60]}”. Try a five-digit ZIP or City, ST."
                )
        q = " ".join(CONTROL_CHARACTERS.sub(" ", data.get("q") or "").split())
        sort = data.get("sort") or ""
        if sort == vocab.Sort.RELEVANCE and not q:
            sort = ""
        if sort == vocab.Sort.DISTANCE and not place:
            sort = ""
        return Criteria(
            q=q,
            place=place,
            radius=(data.get("radius") or DEFAULT_RADIUS) if place else None,
            pay_min=int(data["pay_min"]) if data.get("pay_min") is not None else None,
            posted=data.get("posted"),
            sort=sort or (vocab.Sort.RELEVANCE if q else vocab.Sort.NEWEST),
            facets={name: tuple(dict.fromkeys(data.get(name) or ())) for name in FACETS},
            new_grad=bool(data.get("new_grad")),
            no_driving=bool(data.get("no_driving")),
        )


@dataclass(frozen=True)
class Criteria:
    """What a seeker asked for, validated: the input of `listings.search.search()`."""

    q: str = ""
    place: Place | None = None
    radius: int | None = None
    pay_min: int | None = None
    posted: int | None = None
    sort: str = vocab.Sort.NEWEST
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    new_grad: bool = False
    no_driving: bool = False
