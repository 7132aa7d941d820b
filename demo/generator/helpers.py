"""Small helpers shared by the demo modules: weighted picks, money and wording."""

import itertools
from bisect import bisect
from collections.abc import Sequence
from decimal import Decimal
from random import Random

from listings.vocab import AgeGroup, Certification, FocusArea, State


class Weighted:
    """Weighted choice with precomputed cumulative weights (cheaper than Random.choices)."""

    def __init__(self, pairs: Sequence[tuple[object, float]]):
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def money_range(rng: Random, low: int, high: int, step: int, *, low_end: bool = False):
    """A (min, max) Decimal range inside [low, high] on multiples of `step` (all in cents)."""
    steps = (high - low) // step
    spread = rng.randint(max(1, steps // 8), max(1, steps * 2 // 5))
    start_max = steps - spread
    start = rng.randint(0, start_max // 2 if low_end else start_max)
    bottom = low + start * step
    return Decimal(bottom).scaleb(-2), Decimal(bottom + spread * step).scaleb(-2)


def dollars(amount: Decimal | int) -> str:
    """Dollars for text: $1,500 for whole amounts, $1,500.50 otherwise."""
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def join_words(words: Sequence[str]) -> str:
    """Words joined as English lists them: "a and b", "a, b, and c"."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def with_article(noun: str, *, capital: bool = False) -> str:
    """The noun after "a" or "an" ("a Texas", "an Oregon"), capitalized on request."""
    article = "an" if noun[0] in "aeiouAEIOU" else "a"
    return f"{article.capitalize() if capital else article} {noun}"


STATE_NAMES = {state.value: state.label for state in State}
# Youngest and oldest age of each group, for phrases like "children aged 3 to 12".
AGE_SPAN = {
    AgeGroup.INFANTS_TODDLERS: (0, 3),
    AgeGroup.PRESCHOOL: (3, 5),
    AgeGroup.SCHOOL_AGE: (5, 12),
    AgeGroup.ADOLESCENTS: (13, 18),
    AgeGroup.TRANSITION: (18, 22),
}
FOCUS_TEXT = {focus: focus.label.lower() for focus in FocusArea}
CERT_TEXT = {
    Certification.CASI: "CLASI CASI (sensory integration)",
    Certification.NDT: "NDT certification",
    Certification.BCP: "AOTA Board Certification in Pediatrics",
    Certification.SCSS: "AOTA Specialty Certification in School Systems",
    Certification.CPR_BLS: "CPR/BLS",
}
CERT_ORDER = {cert: index for index, cert in enumerate(Certification)}
FOCUS_ORDER = {focus: index for index, focus in enumerate(FocusArea)}
