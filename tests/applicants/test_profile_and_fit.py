"""The applicant's profile, its qualifications, and "do I qualify?" on postings and the list."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from applicants.models import License, Profile
from listings import vocab
from listings.models import JobPosting
from listings.requirements import Requirements, qualifies
from tests.factories import JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def licensed_ot(state="IL", **fields) -> Profile:
    profile = Profile.objects.create(
        user=UserFactory(),
        degree=vocab.Degree.MASTERS,
        acote_accredited=True,
        years_experience=fields.pop("years_experience", 5),
        nbcot="nbcot_otr",
        nbcot_number="OTR-1",
        nbcot_expires=TODAY() + datetime.timedelta(days=365),
        drivers_license=True,
        **fields,
    )
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state=state,
        number="056-1",
        expires_on=TODAY() + datetime.timedelta(days=365),
    )
    return profile


def ot_posting(state="IL", **fields) -> JobPosting:
    return JobPostingFactory(
        role=vocab.Role.PEDIATRIC_OT,
        state=state,
        min_degree=vocab.Degree.MASTERS,
        licensure_status=vocab.LicensureStatus.LICENSED,
        required_credentials=["ot_license"],
        required_certifications=[],
        drivers_license_required=False,
        years_experience=fields.pop("years_experience", 2),
        **fields,
    )


# The profile's forms ------------------------------------------------------------------------
def test_me_pages_need_sign_in(client):
    for path in ("/me/", "/me/profile/", "/me/credentials/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_saving_the_profile_creates_it_with_the_name_on_the_account(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/me/profile/",
        {
            "full_name": "Ana Reyes",
            "headline": "School OT",
            "home_zip": "60614",
            "roles": ["school_ot"],
            "states": ["IL", "WI"],
            "telehealth_ok": "on",
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert set(profile.roles) == {"school_ot"}
    assert set(profile.states) == {"IL", "WI"}
    assert not profile.visible_to_recruiters  # off unless turned on
    user.refresh_from_db()
    assert user.full_name == "Ana Reyes"
    assert "no-store" in client.get("/me/profile/")["Cache-Control"]


def test_bad_profile_input_is_kept_and_explained_next_to_the_field(client):
    client.force_login(UserFactory())

    response = client.post(
        "/me/profile/", {"full_name": "Ana", "home_zip": "6061x", "roles": ["astronaut"]}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="6061x"' in html
    assert "Enter a five-digit ZIP code." in html
    assert (
        "astronaut is not one of the available choices" in html.replace("“", "").replace("”", "")
        or "Select a valid choice" in html
    )
    assert not Profile.objects.exists()


def test_credentials_with_licenses_save_together_or_not_at_all(client):
    user = UserFactory()
    client.force_login(user)
    data = {
        "degree": "masters",
        "acote_accredited": "True",
        "nbcot": "nbcot_otr",
        "nbcot_number": "OTR-9",
        "licenses-TOTAL_FORMS": "2",
        "licenses-INITIAL_FORMS": "0",
        "licenses-0-kind": "ot_license",
        "licenses-0-state": "IL",
        "licenses-0-number": "056-1",
        "licenses-0-expires_on": "2030-01-31",
        "licenses-1-kind": "ot_license",
        "licenses-1-state": "IL",  # the same license twice
        "licenses-1-number": "056-2",
        "licenses-1-expires_on": "2030-01-31",
    }

    refused = client.post("/me/credentials/", data)

    assert refused.status_code == 200
    assert not Profile.objects.exists()
    assert not License.objects.exists()

    data["licenses-1-state"] = "WI"
    assert client.post("/me/credentials/", data).status_code == 302
    profile = Profile.objects.get(user=user)
    assert sorted(profile.licenses.values_list("state", flat=True)) == ["IL", "WI"]


def test_an_nbcot_number_needs_its_certification(client):
    client.force_login(UserFactory())

    response = client.post(
        "/me/credentials/",
        {"nbcot_number": "OTR-9", "licenses-TOTAL_FORMS": "0", "licenses-INITIAL_FORMS": "0"},
    )

    assert "Choose which NBCOT certification this number is for." in response.content.decode()


def test_expired_and_expiring_credentials_are_flagged():
    profile = licensed_ot()
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state="WI",
        number="1",
        expires_on=TODAY() - datetime.timedelta(days=3),
    )
    Profile.objects.filter(pk=profile.pk).update(
        nbcot_expires=TODAY() + datetime.timedelta(days=10)
    )
    profile = Profile.objects.get(pk=profile.pk)

    alerts = profile.credential_alerts()

    assert any("Wisconsin OT license expired" in a for a in alerts)
    assert any("NBCOT OTR certification expires" in a for a in alerts)
    assert not any("Illinois" in a for a in alerts)


def test_qualifications_carry_everything_the_profile_holds():
    profile = licensed_ot(certifications=["casi"], awaiting_license=False)

    q = profile.qualifications()

    assert q.degree == "masters"
    assert q.acote is True
    assert [(lic.kind, lic.state) for lic in q.licenses] == [("ot_license", "IL")]
    assert [c.kind for c in q.nbcot] == ["nbcot_otr"]
    assert q.certifications == {"casi"}
    assert q.drivers_license is True
    assert q.years_experience == 5
    assert q.new_graduate is False


# Do I qualify? on a posting page -----------------------------------------------------------
def test_anonymous_visitors_are_invited_to_sign_in(client):
    posting = ot_posting()

    html = client.get(posting.get_absolute_url()).content.decode()

    assert "Do you qualify?" in html
    assert "/accounts/login/?next=" in html
    assert 'class="fit ' not in html


def test_members_without_a_profile_are_asked_for_their_credentials(client):
    posting = ot_posting()
    client.force_login(UserFactory())

    html = client.get(posting.get_absolute_url()).content.decode()

    assert 'href="/me/credentials/"' in html
    assert 'class="fit ' not in html


def test_a_qualified_applicant_sees_every_requirement_met(client):
    posting = ot_posting("IL")
    client.force_login(licensed_ot("IL").user)

    html = client.get(posting.get_absolute_url()).content.decode()

    assert "You meet every requirement of this job" in html
    assert "fit__item--not_met" not in html


def test_a_license_in_another_state_is_not_met_with_its_reason(client):
    posting = ot_posting("CA")
    client.force_login(licensed_ot("IL").user)

    html = client.get(posting.get_absolute_url()).content.decode()

    assert "You don't meet 1 requirement of this job" in html
    assert "fit__item--not_met" in html


def test_one_applicants_fit_is_never_shown_to_another(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    posting = ot_posting("CA")
    url = posting.get_absolute_url()
    client.force_login(licensed_ot("CA").user)
    assert "You meet every requirement" in client.get(url).content.decode()

    client.force_login(licensed_ot("IL").user)
    assert "You don't meet" in client.get(url).content.decode()
    client.logout()
    assert "You meet" not in client.get(url).content.decode()


def test_a_signed_in_posting_page_reads_nothing_but_the_change_log_once_warm(
    client, django_assert_num_queries
):
    posting = ot_posting()
    client.force_login(licensed_ot().user)
    for _ in range(2):  # stores the page's parts, then reads them and fills the memos
        client.get(posting.get_absolute_url())

    # Only the index's change poll (made on every request in tests; once a second in
    # production): the session, the user, what the applicant holds and saved, and the
    # posting's requirements and checklist all come from caches.
    with django_assert_num_queries(1):
        client.get(posting.get_absolute_url())


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_posting_page_kept_whole_is_filled_with_each_visitors_own_part():
    """The page is rendered once and kept with a slot for the visitor's part (the save
    button with its CSRF token, the checklist); messages flashed to one visitor are never
    kept in it."""
    posting = ot_posting("CA")
    url = posting.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(licensed_ot("CA").user)
    second.force_login(licensed_ot("IL").user)

    def rendered_whole(response) -> bool:
        return "base.html" in [t.name for t in response.templates]

    assert rendered_whole(first.get(url))  # the first look renders it and keeps it
    page = first.get(url)
    assert not rendered_whole(page)
    html = page.content.decode()
    assert "You meet every requirement" in html
    assert 'aria-pressed="false"' in html
    assert f'<form method="post" action="/me/saved/{posting.pk}/">' in html
    assert len(CSRF_FIELD.findall(html)) == 1

    # The token in the kept page is this visitor's: the save button works with it, and the
    # message it flashes shows on the next page, rendered whole for this visitor alone.
    saved = first.post(
        f"/me/saved/{posting.pk}/",
        {"csrfmiddlewaretoken": CSRF_FIELD.findall(html)[0], "next": url},
        follow=True,
    )
    assert saved.status_code == 200
    assert "Job saved." in saved.content.decode()
    assert rendered_whole(saved)
    again = first.get(url)
    assert "Job saved." not in again.content.decode()
    assert 'aria-pressed="true"' in again.content.decode()
    assert not rendered_whole(again)

    other = second.get(url)
    assert not rendered_whole(other)
    html = other.content.decode()
    assert "You don't meet" in html
    assert "You meet every requirement" not in html
    assert "Job saved." not in html
    assert 'aria-pressed="false"' in html
    tokens = CSRF_FIELD.findall(html)
    assert len(tokens) == 1
    saved = second.post(f"/me/saved/{posting.pk}/", {"csrfmiddlewaretoken": tokens[0]})
    assert saved.status_code == 302


def test_anonymous_and_signed_in_visitors_are_kept_whole_apart(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the posting page as rendered, not replayed whole
    posting = ot_posting()
    url = posting.get_absolute_url()
    for _ in range(2):
        anonymous = client.get(url).content.decode()
    client.force_login(licensed_ot().user)
    for _ in range(2):
        signed_in = client.get(url).content.decode()
    client.logout()
    again = client.get(url).content.decode()

    assert "My account" in signed_in
    assert "You meet every requirement" in signed_in
    for html in (anonymous, again):
        assert "My account" not in html
        assert "You meet" not in html
        assert "Sign in</a> or" in html
        assert "csrfmiddlewaretoken" not in html


# Jobs I qualify for --------------------------------------------------------------------------
def test_jobs_i_qualify_for_is_exactly_the_postings_whose_requirements_are_met(client):
    il, ca, senior = ot_posting("IL"), ot_posting("CA"), ot_posting("IL", years_experience=9)
    postings = [il, ca, senior]
    postings.append(JobPostingFactory(role=vocab.Role.OT_TECHNICIAN, state="TX"))
    postings = list(JobPosting.objects.filter(pk__in=[p.pk for p in postings]))
    profile = licensed_ot("IL")
    client.force_login(profile.user)
    expected = {p.pk for p in postings if qualifies(Requirements.of(p), profile.qualifications())}

    response = client.get("/jobs/?qualified=1")

    shown = {p.pk for p in postings if p.get_absolute_url() in response.content.decode()}
    assert shown == expected
    assert il.pk in expected
    assert ca.pk not in expected
    assert senior.pk not in expected
    assert 'id="f-qualified"' in response.content.decode()


def test_jobs_i_qualify_for_follows_new_licenses_and_changed_requirements(client):
    """Each person's mask is remembered per process; a license they add, or a posting's
    raised requirement, shows on the next page all the same."""
    il, ca = ot_posting("IL"), ot_posting("CA")
    profile = licensed_ot("IL")
    client.force_login(profile.user)

    def shown() -> set[int]:
        html = client.get("/jobs/?qualified=1").content.decode()
        return {p.pk for p in (il, ca) if p.get_absolute_url() in html}

    assert shown() == {il.pk}
    assert shown() == {il.pk}  # from memory
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state="CA",
        number="CA-9",
        expires_on=TODAY() + datetime.timedelta(days=365),
    )
    assert shown() == {il.pk, ca.pk}
    JobPosting.objects.filter(pk=il.pk).update(years_experience=9)
    assert shown() == {ca.pk}


def test_people_who_qualify_for_the_same_jobs_share_the_answer_and_no_one_elses(
    client, django_assert_num_queries
):
    """The results and content of "jobs I qualify for" are kept per set of qualifying
    postings: a second person with the same credentials is served them without a search;
    a person with other credentials, on the same URL, gets their own."""
    il, ca = ot_posting("IL"), ot_posting("CA")
    first, same, other = licensed_ot("IL"), licensed_ot("IL"), licensed_ot("CA")
    url = "/jobs/?qualified=1&role=pediatric_ot"

    def shown(html: str) -> set[int]:
        return {p.pk for p in (il, ca) if p.get_absolute_url() in html}

    def content_rendered(response) -> bool:  # the results' part, with its pagination
        return "includes/pagination.html" in [t.name for t in response.templates]

    client.force_login(first.user)
    response = client.get(url)
    assert shown(response.content.decode()) == {il.pk}
    assert content_rendered(response)
    client.force_login(same.user)
    client.get("/jobs/")  # reads (and caches) the user and what they hold
    with django_assert_num_queries(1):  # only the index's change poll
        response = client.get(url)
    assert shown(response.content.decode()) == {il.pk}
    assert not content_rendered(response)
    client.force_login(other.user)
    assert shown(client.get(url).content.decode()) == {ca.pk}


def test_a_second_look_at_an_empty_jobs_i_qualify_for_searches_nothing(client, monkeypatch):
    """Its stored content holds the "remove one filter" suggestions: the page around it
    does not search for them again."""
    import listings.views

    ot_posting("IL")
    client.force_login(licensed_ot("TX").user)
    url = "/jobs/?qualified=1&role=pediatric_ot"
    first = client.get(url).content.decode()
    assert "Remove one filter to see more" in first
    searches = []
    real = listings.views.search
    monkeypatch.setattr(
        listings.views, "search", lambda *a, **k: searches.append(a) or real(*a, **k)
    )
    assert client.get(url).content.decode().count("relax-list__link") == first.count(
        "relax-list__link"
    )
    assert searches == []


def test_anonymous_qualified_shows_all_jobs_and_says_how_to_narrow(client):
    postings = [ot_posting("IL"), ot_posting("CA")]

    html = client.get("/jobs/?qualified=1").content.decode()

    assert all(p.get_absolute_url() in html for p in postings)
    assert "Jobs you qualify for:" in html
    assert "sign in" in html
    assert 'id="f-qualified"' not in html


def test_the_dashboard_counts_jobs_i_qualify_for(client):
    ot_posting("IL"), ot_posting("IL"), ot_posting("CA")
    client.force_login(licensed_ot("IL").user)

    html = client.get("/me/").content.decode()

    assert 'class="account-card__figure">2<' in html


def test_a_new_license_shows_on_the_next_page_at_once(client):
    posting = ot_posting("CA")
    profile = licensed_ot("IL")
    client.force_login(profile.user)
    assert "You don't meet" in client.get(posting.get_absolute_url()).content.decode()

    License.objects.create(
        profile=profile,
        kind="ot_license",
        state="CA",
        number="9",
        expires_on=TODAY() + datetime.timedelta(days=300),
    )

    assert "You meet every requirement" in client.get(posting.get_absolute_url()).content.decode()


def test_a_saved_job_shows_as_saved_on_the_next_page(client):
    posting = ot_posting()
    user = licensed_ot().user
    client.force_login(user)
    assert 'aria-pressed="false"' in client.get(posting.get_absolute_url()).content.decode()

    client.post(f"/me/saved/{posting.pk}/")

    assert 'aria-pressed="true"' in client.get(posting.get_absolute_url()).content.decode()
