"""Recruiters belong to employers, and manage those employers' data and nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import reverse

from listings import vocab
from listings.models import Employer, JobPosting, Membership
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.factories import (
    EmployerFactory,
    JobPostingFactory,
    MembershipFactory,
    RecruiterFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_a():
    return EmployerFactory(name="Bluebonnet Kids Therapy")


@pytest.fixture
def employer_b():
    return EmployerFactory(name="Gulf Coast School Therapy Staffing")


@pytest.fixture
def postings_a(employer_a):
    """One posting of employer A in each status: managing is not only about open postings."""
    return {
        JobPostingFactory(employer=employer_a),
        JobPostingFactory(employer=employer_a, draft=True),
        JobPostingFactory(employer=employer_a, closed=True),
    }


@pytest.fixture
def postings_b(employer_b):
    return {JobPostingFactory(employer=employer_b), JobPostingFactory(employer=employer_b)}


@pytest.fixture
def recruiter_a(employer_a):
    return RecruiterFactory(employers=[employer_a])


@pytest.fixture
def recruiter_b(employer_b):
    return RecruiterFactory(employers=[employer_b])


class TestManagedBy:
    def test_recruiter_manages_only_their_employer_and_its_postings(
        self, employer_a, employer_b, postings_a, postings_b, recruiter_a, recruiter_b
    ):
        assert list(Employer.objects.managed_by(recruiter_a)) == [employer_a]
        assert set(JobPosting.objects.managed_by(recruiter_a)) == postings_a
        assert list(Employer.objects.managed_by(recruiter_b)) == [employer_b]
        assert set(JobPosting.objects.managed_by(recruiter_b)) == postings_b

    def test_employer_admin_manages_their_employer_like_a_recruiter(
        self, employer_a, employer_b, postings_a, postings_b
    ):
        employer_admin = RecruiterFactory(
            employers=[employer_a], employers__role=vocab.MembershipRole.ADMIN
        )
        assert list(Employer.objects.managed_by(employer_admin)) == [employer_a]
        assert set(JobPosting.objects.managed_by(employer_admin)) == postings_a

    def test_superuser_manages_every_employer_and_posting(
        self, employer_a, employer_b, postings_a, postings_b
    ):
        superuser = SuperuserFactory()
        assert set(Employer.objects.managed_by(superuser)) == {employer_a, employer_b}
        assert set(JobPosting.objects.managed_by(superuser)) == postings_a | postings_b

    def test_member_of_two_employers_manages_both_and_sees_each_row_once(
        self, employer_a, employer_b, postings_a, postings_b
    ):
        recruiter = RecruiterFactory(employers=[employer_a, employer_b])
        # A second member of each employer: a join on memberships would repeat rows.
        RecruiterFactory(employers=[employer_a, employer_b])

        employers = list(Employer.objects.managed_by(recruiter))
        postings = list(JobPosting.objects.managed_by(recruiter))
        assert sorted(e.pk for e in employers) == sorted([employer_a.pk, employer_b.pk])
        assert len(postings) == len(postings_a | postings_b) == 5
        assert set(postings) == postings_a | postings_b
        assert Employer.objects.managed_by(recruiter).count() == 2

    @pytest.mark.parametrize(
        "who",
        ["anonymous", "nobody", "inactive_member", "inactive_superuser", "user_without_employer"],
    )
    def test_visitors_without_an_active_membership_manage_nothing(
        self, who, employer_a, postings_a, user
    ):
        visitor = {
            "anonymous": AnonymousUser(),
            "nobody": None,
            "inactive_member": RecruiterFactory(employers=[employer_a], is_active=False),
            "inactive_superuser": SuperuserFactory(is_active=False),
            "user_without_employer": user,
        }[who]
        assert not Employer.objects.managed_by(visitor).exists()
        assert not JobPosting.objects.managed_by(visitor).exists()

    def test_managed_by_chains_with_other_posting_filters(self, postings_a, recruiter_a):
        (open_posting,) = (p for p in postings_a if p.is_open())
        assert list(JobPosting.objects.open().managed_by(recruiter_a)) == [open_posting]
        assert list(JobPosting.objects.managed_by(recruiter_a).open()) == [open_posting]

    def test_a_recruiters_postings_cost_one_query(
        self, django_assert_num_queries, postings_a, recruiter_a
    ):
        with django_assert_num_queries(1):
            assert len(JobPosting.objects.managed_by(recruiter_a)) == 3

    def test_an_anonymous_visitor_costs_no_query(self, django_assert_num_queries, postings_a):
        with django_assert_num_queries(0):
            assert list(JobPosting.objects.managed_by(AnonymousUser())) == []


class TestMembershipRules:
    def test_a_user_belongs_to_an_employer_once(self, recruiter_a, employer_a):
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(user=recruiter_a, employer=employer_a)

    def test_a_user_may_belong_to_several_employers(self, recruiter_a, employer_b):
        MembershipFactory(user=recruiter_a, employer=employer_b)
        assert recruiter_a.memberships.count() == 2

    def test_a_role_outside_the_vocabulary_is_rejected_by_the_database(self, employer_a, user):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(user=user, employer=employer_a, role="owner")

    def test_a_new_membership_is_a_recruiter(self, employer_a, user):
        membership = Membership.objects.create(user=user, employer=employer_a)
        assert membership.role == vocab.MembershipRole.RECRUITER
        assert str(membership) == f"{user.email} at Bluebonnet Kids Therapy: Recruiter"

    def test_deleting_a_user_ends_their_memberships(self, recruiter_a, employer_a):
        recruiter_a.delete()
        assert not Membership.objects.exists()
        assert Employer.objects.filter(pk=employer_a.pk).exists()


ADMIN_ACCESS = access_matrix(
    {
        # Memberships are managed by site staff.
        "GET /admin/listings/membership/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/employer/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
        # Recruiters edit their employer; staff add employers.
        "GET /admin/listings/employer/add/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        # Another employer's id in the URL: 403, never its data.
        "GET /admin/listings/employer/{employer}/change/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/employer/{employer}/history/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/add/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/{posting}/change/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/{posting}/history/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/{posting}/delete/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 403,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/listings/jobposting/{other_posting}/change/": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 403,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
    }
)


@pytest.mark.parametrize("cell", ADMIN_ACCESS)
def test_employer_admin_pages_answer_each_visitor_as_declared(client, access_world, cell):
    assert_access(client, access_world, cell)


class TestAdmin:
    def test_staff_add_a_recruiter_on_the_employers_page(self, client, superuser, employer_a, user):
        client.force_login(superuser)
        url = reverse("admin:listings_employer_change", args=[employer_a.pk])
        form = client.get(url).context["adminform"].form
        response = client.post(
            url,
            {
                **{name: form[name].value() for name in ("name", "slug", "kind", "city")},
                "state": employer_a.state,
                "zip_code": employer_a.zip_code,
                "memberships-TOTAL_FORMS": "1",
                "memberships-INITIAL_FORMS": "0",
                "memberships-0-user": user.pk,
                "memberships-0-role": vocab.MembershipRole.ADMIN,
            },
        )
        assert response.status_code == 302, response.context["inline_admin_formsets"]
        membership = Membership.objects.get()
        assert (membership.user, membership.employer) == (user, employer_a)
        assert membership.role == vocab.MembershipRole.ADMIN

    def test_staff_find_memberships_by_the_recruiters_email(self, client, superuser, recruiter_a):
        RecruiterFactory(employers=[EmployerFactory()])
        client.force_login(superuser)
        response = client.get(
            reverse("admin:listings_membership_changelist"), {"q": recruiter_a.email}
        )
        assert list(response.context["cl"].result_list) == list(recruiter_a.memberships.all())


class TestRecruitersInTheAdmin:
    """What the access matrix cannot say: lists, choices, suggestions, writes and actions."""

    def test_the_postings_list_shows_only_their_employers(self, client, access_world):
        client.force_login(access_world.users[Visitor.RECRUITER_OF_EMPLOYER])

        html = client.get("/admin/listings/jobposting/").content.decode()

        assert f"/admin/listings/jobposting/{access_world.posting.pk}/change/" in html
        assert f"/admin/listings/jobposting/{access_world.other_posting.pk}/change/" not in html

    def test_employer_suggestions_and_choices_are_their_employers(self, client, access_world):
        client.force_login(access_world.users[Visitor.RECRUITER_OF_EMPLOYER])

        suggestions = client.get(
            "/admin/autocomplete/",
            {"app_label": "listings", "model_name": "jobposting", "field_name": "employer"},
        ).json()
        form = client.get("/admin/listings/jobposting/add/").content.decode()

        assert [r["id"] for r in suggestions["results"]] == [str(access_world.employer.pk)]
        assert f'value="{access_world.other_employer.pk}"' not in form

    def test_a_posting_for_another_employer_is_refused(self, client, access_world):
        from listings.models import JobPosting

        client.force_login(access_world.users[Visitor.RECRUITER_OF_EMPLOYER])
        before = JobPosting.objects.count()

        response = client.post(
            "/admin/listings/jobposting/add/",
            {"employer": access_world.other_employer.pk, "title": "Sneaky"},
        )

        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert JobPosting.objects.count() == before

    def test_deleting_another_employers_posting_is_refused(self, client, access_world):
        from listings.models import JobPosting

        client.force_login(access_world.users[Visitor.RECRUITER_OF_OTHER_EMPLOYER])

        response = client.post(
            f"/admin/listings/jobposting/{access_world.posting.pk}/delete/", {"post": "yes"}
        )

        assert response.status_code == 403
        assert JobPosting.objects.filter(pk=access_world.posting.pk).exists()

    def test_actions_reach_only_their_employers_postings(self, client, access_world):
        client.force_login(access_world.users[Visitor.RECRUITER_OF_EMPLOYER])
        theirs = access_world.other_posting

        client.post(
            "/admin/listings/jobposting/",
            {"action": "close_selected", "_selected_action": [theirs.pk]},
        )

        theirs.refresh_from_db()
        assert theirs.status == "published"
