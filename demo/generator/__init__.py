"""Demo data: realistic, varied employers and postings built from the board's vocabularies.

Everything here is pure and deterministic: the same seed and the same `now` give the same
rows, so demos, screenshots and benchmarks are reproducible. The field dictionaries built
here hold what an employer would type: `seed_demo` makes model instances of them, and
`demo.loading` prepares those as `save()` would (slugs, coordinates) and inserts them.

Pay bands, calendars and workloads follow DOMAIN.md; facts a setting does not have are left
empty, as an honest posting would leave them. `generate()` is the entry point; the modules
hold the places, employers, posting variants, facts, pay bands and texts it draws on.

Applicants come from `applicants.generate_applicants()` (people, credentials, wishes) and
`applications.plan_applications()` (what they applied to, and how far each application
went), each from a random stream of its own derived from the same seed.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from random import Random

from demo.generator.employers import DemoEmployer, employer_count, generate_employers
from demo.generator.helpers import Weighted
from demo.generator.postings import GenerationContext, LifecyclePlan, generate_posting
from demo.generator.text import school_year


@dataclass
class Demo:
    """One run's employers (built eagerly) and postings (built lazily, in order)."""

    employers: list[DemoEmployer]
    plan: LifecyclePlan
    postings: Iterator[tuple[int, dict]]


def generate(*, postings: int, seed: int, now: datetime.datetime) -> Demo:
    """Employers and postings for `seed`, with dates relative to `now`.

    Postings come as `(employer index, model fields)` pairs.
    """
    if postings < 1:
        raise ValueError("postings must be at least 1")
    rng = Random(seed)
    employers = generate_employers(rng, employer_count(postings))
    plan = LifecyclePlan.for_total(postings)
    current = now.year if now.month >= 7 else now.year - 1
    ctx = GenerationContext(
        rng=rng,
        now=now,
        school_years=(school_year(current), school_year(current + 1)),
    )
    return Demo(employers=employers, plan=plan, postings=_postings(ctx, employers, plan))


def _postings(
    ctx: GenerationContext, employers: list[DemoEmployer], plan: LifecyclePlan
) -> Iterator[tuple[int, dict]]:
    rng = ctx.rng
    lifecycles = plan.shuffled(rng)
    by_weight = Weighted([(index, e.weight) for index, e in enumerate(employers)])
    for number, lifecycle in enumerate(lifecycles):
        # Every employer gets at least one posting; the rest follow employer size.
        index = number if number < len(employers) else by_weight.pick(rng)
        yield index, generate_posting(ctx, employers[index], lifecycle)
