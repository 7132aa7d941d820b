"""Site staff create employers and postings in the admin, and publish or close them."""

import pytest
from django.urls import reverse

from accounts.models import User
from listings import vocab
from listings.models import Employer, JobPosting
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = User.objects.create_superuser(email="staff@otjobs.example", password="x-Long-pass-9")
    client.force_login(admin)
    return client


POSTING_FORM = {
    "title": "Pediatric OT - Feeding Clinic",
    "role": "pediatric_ot",
    "setting": "outpatient_clinic",
    "employment_type": "full_time",
    "vacancy": "current",
    "min_degree": "masters",
    "licensure_status": "licensed",
    "required_credentials": ["ot_license", "nbcot_otr"],
    "age_groups": ["infants_toddlers", "preschool"],
    "focus_areas": ["feeding"],
    "years_experience": "1",
    "pay_min": "40",
    "pay_max": "52",
    "pay_unit": "HOUR",
    "city": "Denver",
    "state": "CO",
    "zip_code": "80202",
    "description": "Feeding therapy for infants and toddlers.",
    "how_to_apply": "on_site",
    "status": "draft",
}


def test_staff_create_an_employer_and_a_posting_then_publish_it(staff_client):
    response = staff_client.post(
        reverse("admin:listings_employer_add"),
        {
            "name": "Mile High Kids Therapy",
            "slug": "",
            "kind": "outpatient_clinic",
            "city": "Denver",
            "state": "CO",
            "zip_code": "80202",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    employer = Employer.objects.get(name="Mile High Kids Therapy")

    response = staff_client.post(
        reverse("admin:listings_jobposting_add"), {**POSTING_FORM, "employer": employer.pk}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting = JobPosting.objects.get(title="Pediatric OT - Feeding Clinic")
    assert posting.age_groups == ["infants_toddlers", "preschool"]
    assert posting.latitude is not None
    assert not JobPosting.objects.open().filter(pk=posting.pk).exists()

    staff_client.post(
        reverse("admin:listings_jobposting_changelist"),
        {"action": "publish_selected", "_selected_action": [posting.pk]},
    )
    posting.refresh_from_db()
    assert posting.status == vocab.PostingStatus.PUBLISHED
    assert JobPosting.objects.open().filter(pk=posting.pk).exists()


def test_inverted_pay_range_is_explained_next_to_the_field(staff_client, employer):
    response = staff_client.post(
        reverse("admin:listings_jobposting_add"),
        {**POSTING_FORM, "employer": employer.pk, "pay_min": "60", "pay_max": "40"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "pay_max" in errors
    assert not JobPosting.objects.exists()


def test_unknown_zip_is_explained(staff_client, employer):
    response = staff_client.post(
        reverse("admin:listings_jobposting_add"),
        {**POSTING_FORM, "employer": employer.pk, "zip_code": "00000"},
    )
    assert response.status_code == 200
    assert "zip_code" in response.context["adminform"].form.errors


def test_closing_a_draft_is_refused_with_a_message(staff_client):
    draft = JobPostingFactory(draft=True)
    response = staff_client.post(
        reverse("admin:listings_jobposting_changelist"),
        {"action": "close_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Only a published posting can be closed." in response.text
    draft.refresh_from_db()
    assert draft.status == vocab.PostingStatus.DRAFT


@pytest.mark.parametrize(
    "name",
    ["listings_jobposting_changelist", "listings_employer_changelist", "accounts_user_changelist"],
)
def test_admin_lists_render(staff_client, posting, name):
    assert staff_client.get(reverse(f"admin:{name}")).status_code == 200


def test_posting_change_form_renders(staff_client, posting):
    url = reverse("admin:listings_jobposting_change", args=[posting.pk])
    assert staff_client.get(url).status_code == 200


def test_anonymous_visitors_cannot_reach_the_admin(client, posting):
    response = client.get(reverse("admin:listings_jobposting_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_status_cannot_be_typed_in_only_changed_by_publish_and_close(staff_client, employer):
    response = staff_client.post(
        reverse("admin:listings_jobposting_add"),
        {**POSTING_FORM, "employer": employer.pk, "status": "closed"},
    )
    assert response.status_code == 302
    posting = JobPosting.objects.get()
    assert posting.status == vocab.PostingStatus.DRAFT
    assert posting.published_at is None


# What a recruiter sees on the postings pages ---------------------------------------------------
def test_a_new_postings_form_asks_only_what_a_recruiter_writes(client):
    from tests.factories import RecruiterFactory

    client.force_login(RecruiterFactory(employers=[JobPostingFactory().employer]))

    html = client.get("/admin/listings/jobposting/add/").content.decode()

    assert 'name="title"' in html
    assert "Pay annual min" not in html
    assert "Latitude" not in html
    assert "Created at" not in html
    assert "Markdown works: **bold**" in html


def test_recruiters_of_several_employers_filter_by_theirs_only(client):
    from tests.factories import EmployerFactory, RecruiterFactory

    mine, also_mine, theirs = EmployerFactory(), EmployerFactory(), EmployerFactory()
    ours = JobPostingFactory(employer=mine, title="Ours")
    JobPostingFactory(employer=also_mine, title="Also ours")
    client.force_login(RecruiterFactory(employers=[mine, also_mine]))

    listing = client.get("/admin/listings/jobposting/").content.decode()
    filtered = client.get(f"/admin/listings/jobposting/?employer={mine.pk}").content.decode()

    assert f"?employer={also_mine.pk}" in listing
    assert f"?employer={theirs.pk}" not in listing
    assert theirs.name not in listing
    assert f"/admin/listings/jobposting/{ours.pk}/change/" in filtered
    assert "Also ours" not in filtered
    assert f"{ours.city}, {ours.state}" in filtered


def test_a_recruiter_of_one_employer_sees_no_employer_column_and_short_labels(client):
    from tests.factories import RecruiterFactory

    posting = JobPostingFactory(role=vocab.Role.SCHOOL_OT, setting=vocab.Setting.SCHOOL)
    client.force_login(RecruiterFactory(employers=[posting.employer]))

    html = client.get("/admin/listings/jobposting/").content.decode()

    assert "column-employer" not in html
    assert "School-based OT" in html
    assert "School district / charter" not in html.split('id="result_list"')[1]
