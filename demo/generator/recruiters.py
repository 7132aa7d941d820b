"""Demo recruiters: the people who post each employer's roles and review its applicants.

Every employer has one recruiter; about one in SHARED_EVERY also works for the next
employer (as staffing-agency and multi-site recruiters do), so the admin shows a recruiter
with two employers. Pure and deterministic: the same employers give the same people.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from demo.generator.names import FIRST_NAMES, SURNAMES

RECRUITER_EMAIL_DOMAIN = "recruiters.example.org"  # apart from applicants' example.org
SHARED_EVERY = 6


@dataclass(frozen=True)
class DemoRecruiter:
    number: int  # the n of first.last.n@recruiters.example.org
    email: str
    full_name: str
    employers: tuple[int, ...]  # indexes into the employers they were generated for


def recruiter_email(first: str, last: str, number: int) -> str:
    local = ".".join("".join(ch for ch in part.lower() if ch.isalpha()) for part in (first, last))
    return f"{local}.{number}@{RECRUITER_EMAIL_DOMAIN}"


def generate_recruiters(
    employer_names: Sequence[str], *, first_number: int = 1
) -> list[DemoRecruiter]:
    """One recruiter per employer (the employer's index in `employer_names`), some with the
    next employer too; numbered from `first_number` so that another run adds new people."""
    rng = Random("otjobs-demo:recruiters:" + "|".join(employer_names))
    recruiters = []
    for index in range(len(employer_names)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        employers: tuple[int, ...] = (index,)
        if index % SHARED_EVERY == SHARED_EVERY - 1 and index + 1 < len(employer_names):
            employers = (index, index + 1)
        number = first_number + index
        recruiters.append(
            DemoRecruiter(
                number=number,
                email=recruiter_email(first, last, number),
                full_name=f"{first} {last}",
                employers=employers,
            )
        )
    return recruiters
