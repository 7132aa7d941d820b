"""Access matrices: declare once who may reach which URL, get one pytest case per cell.

    ADMIN_ACCESS = access_matrix({
        "GET /admin/listings/employer/{employer}/change/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 404,
            Visitor.SUPERUSER: 200,
        },
    })

    @pytest.mark.parametrize("cell", ADMIN_ACCESS)
    def test_admin_access(client, access_world, cell):
        assert_access(client, access_world, cell)

Each cell is a test with an id such as
`recruiter_of_other_employer-GET /admin/listings/employer/{employer}/change/-404`.
URLs name the objects of an AccessWorld in braces, filled in when the test runs (their
primary keys are not known when tests are collected): {employer} and {posting} belong to
the employer that RECRUITER_OF_EMPLOYER works for, {other_employer} and {other_posting}
to the one RECRUITER_OF_OTHER_EMPLOYER works for.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client

from accounts.models import User
from listings.models import Employer, JobPosting
from tests.factories import (
    EmployerFactory,
    JobPostingFactory,
    RecruiterFactory,
    SuperuserFactory,
    UserFactory,
)

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet  # what pytest.param returns


class Visitor(StrEnum):
    """Who makes the request."""

    ANONYMOUS = "anonymous"
    APPLICANT = "applicant"  # signed in, not staff, no employer
    RECRUITER_OF_EMPLOYER = "recruiter_of_employer"
    RECRUITER_OF_OTHER_EMPLOYER = "recruiter_of_other_employer"
    SUPERUSER = "superuser"


@dataclass(frozen=True)
class RedirectToLogin:
    """The expected answer "302 to the sign-in page, which then returns to this URL"."""

    login_url: str

    def __str__(self) -> str:
        return "302 to login"


ADMIN_LOGIN = RedirectToLogin("/admin/login/")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})

type Expected = int | RedirectToLogin


@dataclass(frozen=True)
class Cell:
    """One visitor's request to one URL, and the answer they must get."""

    visitor: Visitor
    method: str
    url: str  # a template: "/admin/listings/employer/{employer}/change/"
    expected: Expected

    @property
    def id(self) -> str:
        return f"{self.visitor}-{self.method} {self.url}-{self.expected}"


@dataclass(frozen=True)
class AccessWorld:
    """Two employers with a posting each, and the user behind every visitor."""

    employer: Employer
    posting: JobPosting
    other_employer: Employer
    other_posting: JobPosting
    users: Mapping[Visitor, User | None]  # None: anonymous

    def url(self, template: str) -> str:
        return template.format(
            employer=self.employer.pk,
            posting=self.posting.pk,
            other_employer=self.other_employer.pk,
            other_posting=self.other_posting.pk,
        )


def build_access_world() -> AccessWorld:
    employer, other_employer = EmployerFactory(), EmployerFactory()
    return AccessWorld(
        employer=employer,
        posting=JobPostingFactory(employer=employer),
        other_employer=other_employer,
        other_posting=JobPostingFactory(employer=other_employer),
        users={
            Visitor.ANONYMOUS: None,
            Visitor.APPLICANT: UserFactory(),
            Visitor.RECRUITER_OF_EMPLOYER: RecruiterFactory(employers=[employer]),
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: RecruiterFactory(employers=[other_employer]),
            Visitor.SUPERUSER: SuperuserFactory(),
        },
    )


def access_matrix(rows: Mapping[str, Mapping[Visitor, Expected]]) -> "list[ParameterSet]":
    """One pytest.param(Cell) per visitor and request, for @pytest.mark.parametrize("cell").

    `rows` maps "METHOD /url/template/" to the answer each visitor gets. Every row names
    every visitor: a visitor left out is the gap an access leak goes through.
    """
    cells = []
    for request, answers in rows.items():
        method, _, url = request.partition(" ")
        if method not in METHODS or not url.startswith("/"):
            raise ValueError(f"{request!r} is not 'METHOD /path/'")
        missing = [visitor.value for visitor in Visitor if visitor not in answers]
        if missing:
            raise ValueError(f"{request!r} does not say what {', '.join(missing)} get")
        for visitor in Visitor:
            cell = Cell(visitor, method, url, answers[visitor])
            cells.append(pytest.param(cell, id=cell.id))
    return cells


def assert_access(client: Client, world: AccessWorld, cell: Cell) -> HttpResponse:
    """Sign the cell's visitor in (or not), make its request and check the answer."""
    user = world.users[cell.visitor]
    if user is not None:
        client.force_login(user)
    url = world.url(cell.url)
    response = client.generic(cell.method, url)
    got = f"{cell.visitor} got {response.status_code} {response.get('Location', '')}".strip()
    if isinstance(cell.expected, RedirectToLogin):
        assert response.status_code == 302, got
        location = urlsplit(response["Location"])
        assert location.path == cell.expected.login_url, got
        assert parse_qs(location.query).get("next") == [url], got
    else:
        assert response.status_code == cell.expected, got
    return response
