"""What a seeker can ask of the listing, described once.

`Criteria` is the engine's input: validated, normalized values, built by the listing's form
(`listings.filters`) from a query string and turned back into one by `Criteria.query()`.
The parameter descriptions below (names, labels, limits, defaults, choices) are the only
place they are written: the form's fields, the page's labels and controls, the chips, the
titles and the feeds all read them here.
"""

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db import models

from listings import vocab
from listings.geo import Place
from listings.requirements import Qualifications


# Vocabularies the listing alone uses ------------------------------------------------------
class LicensureFacet(models.TextChoices):
    """The listing's licensure filter: what a seeker holds or is about to hold."""

    NONE = "none", "No license required"
    LICENSE_ELIGIBLE = "license_eligible", "License-eligible (new graduates welcome)"
    OT_LICENSE = "ot_license", "OT license (OTR/L)"
    OTA_LICENSE = "ota_license", "OTA license (COTA/L)"
    NBCOT = "nbcot", "NBCOT certification"


class Radius(models.IntegerChoices):
    MILES_10 = 10, "10 mi"
    MILES_25 = 25, "25 mi"
    MILES_50 = 50, "50 mi"
    MILES_100 = 100, "100 mi"


class PostedWithin(models.IntegerChoices):
    DAY = 1, "Last 24 hours"
    WEEK = 7, "Last 7 days"
    MONTH = 30, "Last 30 days"


class Sort(models.TextChoices):
    RELEVANCE = "relevance", "Best match"
    NEWEST = "newest", "Newest"
    PAY = "pay", "Highest pay"
    DISTANCE = "distance", "Nearest"


# The parameters ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Facet:
    """A multi-select: values within one facet are ORed, facets are ANDed."""

    name: str
    label: str
    vocabulary: type[models.TextChoices]
    short_labels: Mapping[str, str] = field(default_factory=dict)
    # Long vocabularies list the chosen options first, then only those with openings.
    long: bool = False

    @cached_property
    def values(self) -> list[str]:
        return list(self.vocabulary.values)

    @cached_property
    def choices(self) -> list[tuple[str, str]]:
        return list(self.vocabulary.choices)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {value: self.short_labels.get(value) or label for value, label in self.choices}

    def option_label(self, value: str) -> str:
        return self._labels[value]


FACETS: tuple[Facet, ...] = (
    Facet("role", "Role", vocab.Role, vocab.ROLE_SHORT_LABELS),
    Facet("setting", "Practice setting", vocab.Setting, vocab.SETTING_SHORT_LABELS),
    Facet("degree", "Minimum degree required", vocab.Degree),
    Facet("licensure", "Licensure", LicensureFacet),
    Facet("employment", "Employment type", vocab.EmploymentType),
    Facet("ages", "Ages served", vocab.AgeGroup),
    Facet("state", "State", vocab.State, long=True),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


@dataclass(frozen=True)
class Toggle:
    """An on/off filter: its label is the checkbox's and the chip's; `summary` goes in titles."""

    name: str
    label: str
    summary: str


NEW_GRAD = Toggle("new_grad", "New graduates welcome", "new grads welcome")
NO_DRIVING = Toggle("no_driving", "No driver's license needed", "no driving")
TOGGLES: tuple[Toggle, ...] = (NEW_GRAD, NO_DRIVING)
# Only for signed-in applicants: its value is their qualifications, not a flag.
QUALIFIED = Toggle("qualified", "Jobs I qualify for", "jobs I qualify for")


@dataclass(frozen=True)
class Text:
    name: str
    label: str
    max_length: int
    placeholder: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Number:
    name: str
    label: str
    minimum: int
    maximum: int
    step: int
    placeholder: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Choice:
    name: str
    label: str
    choices: type[models.Choices]
    empty_label: str | None = None  # shown for "no choice", when that is allowed
    default: int | str | None = None


KEYWORDS = Text("q", "Keywords", max_length=200, placeholder="e.g. feeding, NICU")
NEAR = Text(
    "near",
    "Near",
    max_length=80,
    placeholder="ZIP or City, ST",
    hint="A five-digit ZIP, or a city and state such as Austin, TX.",
)
RADIUS = Choice("radius", "Within", Radius, default=int(Radius.MILES_25))
PAY_MIN = Number(
    "pay_min",
    "Minimum yearly pay",
    minimum=0,
    maximum=1_000_000,
    step=1000,
    placeholder="e.g. 70000",
    hint="In US dollars a year; hourly and per-visit pay is compared as a yearly figure.",
)
POSTED = Choice("posted", "Posted", PostedWithin, empty_label="Any time")
SORT = Choice("sort", "Sort by", Sort)
PAGE = "page"


# The engine's input -------------------------------------------------------------------------
@dataclass(frozen=True)
class Criteria:
    """What a seeker asked for, validated: the input of `listings.search.search()`.

    `sort_chosen` records whether the seeker picked the sort (it is kept in links) or it
    follows the search (best match with keywords, else newest). `qualified` narrows to the
    postings whose every requirement those qualifications meet.
    """

    q: str = ""
    near: str = ""  # as the seeker typed it; `place` is where it was found
    place: Place | None = None
    radius: int | None = None
    pay_min: int | None = None
    posted: int | None = None
    sort: str = Sort.NEWEST
    sort_chosen: bool = False
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    new_grad: bool = False
    no_driving: bool = False
    employer_id: int | None = None
    qualified: Qualifications | None = None

    @staticmethod
    def default_sort(*, q: str, place: Place | None, wanted: str = "") -> tuple[str, bool]:
        """The sort to use and whether it was chosen: relevance needs keywords, distance a
        place; an impossible or missing choice follows the search."""
        if (wanted == Sort.RELEVANCE and not q) or (wanted == Sort.DISTANCE and not place):
            wanted = ""
        following = Sort.RELEVANCE if q else Sort.NEWEST
        if not wanted or wanted == following:
            return following, False
        return wanted, True

    def sort_options(self) -> list[tuple[str, str]]:
        """The sorts that make sense now: relevance needs keywords, distance a location."""
        return [
            (value, label)
            for value, label in Sort.choices
            if (value != Sort.RELEVANCE or self.q) and (value != Sort.DISTANCE or self.place)
        ]

    def selected(self, facet: str) -> tuple[str, ...]:
        return tuple(self.facets.get(facet, ()))

    def toggled(self, toggle: Toggle) -> bool:
        return bool(getattr(self, toggle.name))

    # Back to a query string --------------------------------------------------------------
    def query_items(self) -> list[tuple[str, str]]:
        """The listing parameters that give these criteria (no page), in a stable order."""
        items: list[tuple[str, str]] = []
        if self.q:
            items.append((KEYWORDS.name, self.q))
        if self.place:
            items.append((NEAR.name, self.near))
            if self.radius is not None and self.radius != RADIUS.default:
                items.append((RADIUS.name, str(self.radius)))
        for facet in FACETS:
            items += [(facet.name, value) for value in self.selected(facet.name)]
        items += [(toggle.name, "1") for toggle in TOGGLES if self.toggled(toggle)]
        if self.qualified is not None:
            items.append((QUALIFIED.name, "1"))
        if self.pay_min is not None:
            items.append((PAY_MIN.name, str(self.pay_min)))
        if self.posted:
            items.append((POSTED.name, str(self.posted)))
        if self.sort_chosen:
            items.append((SORT.name, self.sort))
        return items

    def query(self) -> str:
        return urlencode(self.query_items())

    # One filter less ---------------------------------------------------------------------
    def removals(self) -> Iterator[tuple[str, "Criteria"]]:
        """Each active filter's label, and these criteria without just that filter.

        The chips (remove one filter) and the empty result's suggestions come from here.
        """
        replace = dataclasses.replace
        if self.q:
            sort, chosen = self.default_sort(q="", place=self.place, wanted=self.sort)
            yield f"“{self.q}”", replace(self, q="", sort=sort, sort_chosen=chosen)
        if self.place:
            sort, chosen = self.default_sort(q=self.q, place=None, wanted=self.sort)
            label = f"Within {self.radius} mi of {self.place.label}"
            yield (
                label,
                replace(self, near="", place=None, radius=None, sort=sort, sort_chosen=chosen),
            )
        for facet in FACETS:
            chosen_values = self.selected(facet.name)
            for value in chosen_values:
                rest = tuple(v for v in chosen_values if v != value)
                yield (
                    facet.option_label(value),
                    replace(self, facets={**self.facets, facet.name: rest}),
                )
        for toggle in TOGGLES:
            if self.toggled(toggle):
                yield toggle.label, replace(self, **{toggle.name: False})
        if self.qualified is not None:
            yield QUALIFIED.label, replace(self, qualified=None)
        if self.pay_min is not None:
            yield f"Pay from ${self.pay_min:,} a year", replace(self, pay_min=None)
        if self.posted:
            yield PostedWithin(self.posted).label, replace(self, posted=None)

    def summary(self) -> str:
        """A short human summary of the filters, for page titles and feed titles."""
        parts = [f"“{self.q}”"] if self.q else []
        parts += [
            ", ".join(facet.option_label(v) for v in self.selected(facet.name))
            for facet in FACETS
            if self.selected(facet.name)
        ]
        if self.place:
            parts.append(f"near {self.place.label}")
        parts += [toggle.summary for toggle in TOGGLES if self.toggled(toggle)]
        if self.qualified is not None:
            parts.append(QUALIFIED.summary)
        if self.pay_min is not None:
            parts.append(f"from ${self.pay_min:,}/year")
        if self.posted:
            parts.append(PostedWithin(self.posted).label.lower())
        return " · ".join(parts)


@dataclass(frozen=True)
class Parameters:
    """Every listing parameter's description, by name: what the page's controls render."""

    q: Text = KEYWORDS
    near: Text = NEAR
    radius: Choice = RADIUS
    pay_min: Number = PAY_MIN
    posted: Choice = POSTED
    sort: Choice = SORT
    facets: tuple[Facet, ...] = FACETS
    toggles: tuple[Toggle, ...] = TOGGLES
    qualified: Toggle = QUALIFIED


PARAMETERS = Parameters()
