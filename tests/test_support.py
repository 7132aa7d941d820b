"""The test suite's own support: files kept out of var/, factories, the access matrix."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from listings import vocab
from otjobs import settings as configured
from tests.access import ADMIN_LOGIN, Cell, Visitor, access_matrix, assert_access
from tests.factories import PASSWORD, JobPostingFactory, RecruiterFactory


def test_a_private_file_saved_in_a_test_lands_in_its_temporary_folder(tmp_path):
    name = storages["private"].save("resumes/resume.pdf", ContentFile(b"%PDF-1.7"))

    path = Path(storages["private"].path(name))
    assert path.is_relative_to(tmp_path)
    assert path.read_bytes() == b"%PDF-1.7"
    assert not (configured.PRIVATE_MEDIA_ROOT / name).exists()


def test_a_public_file_saved_in_a_test_lands_in_its_temporary_folder(tmp_path):
    name = default_storage.save("logos/logo.png", ContentFile(b"\x89PNG"))

    path = Path(default_storage.path(name))
    assert path.is_relative_to(tmp_path)
    assert not (configured.MEDIA_ROOT / name).exists()


@pytest.mark.django_db
def test_a_closed_posting_has_its_closing_time_as_close_leaves_it():
    posting = JobPostingFactory(closed=True)
    assert posting.status == vocab.PostingStatus.CLOSED
    assert posting.closed_at is not None
    assert posting.closed_at >= posting.published_at


@pytest.mark.django_db
def test_a_factory_made_user_signs_in_with_the_known_password(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.mark.django_db
def test_a_recruiter_belongs_to_the_employers_given(employer):
    recruiter = RecruiterFactory(employers=[employer])
    assert recruiter.is_staff
    assert not recruiter.is_superuser
    assert [(m.employer, m.role) for m in recruiter.memberships.all()] == [
        (employer, vocab.MembershipRole.RECRUITER)
    ]


def test_an_access_matrix_row_must_name_every_visitor():
    with pytest.raises(ValueError, match="recruiter_of_other_employer, superuser"):
        access_matrix(
            {
                "GET /admin/": {
                    Visitor.ANONYMOUS: ADMIN_LOGIN,
                    Visitor.APPLICANT: ADMIN_LOGIN,
                    Visitor.RECRUITER_OF_EMPLOYER: 200,
                }
            }
        )


def test_an_access_matrix_gives_one_readable_test_case_per_visitor():
    params = access_matrix(
        {"GET /admin/listings/employer/{employer}/change/": dict.fromkeys(Visitor, 404)}
    )
    ids = [param.id for param in params]
    assert len(ids) == len(Visitor)
    assert "recruiter_of_other_employer-GET /admin/listings/employer/{employer}/change/-404" in ids


def test_a_wrong_answer_fails_the_cell(client, access_world):
    cell = Cell(Visitor.ANONYMOUS, "GET", "/admin/listings/employer/{employer}/change/", 200)
    with pytest.raises(AssertionError, match="anonymous got 302 /admin/login/"):
        assert_access(client, access_world, cell)
