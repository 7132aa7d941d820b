"""Posting pages, JSON-LD, 410/404, employer pages, role guides, feeds, sitemap, robots."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import timezone

from listings import vocab
from listings.search import reset_catalogue
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    reset_catalogue()


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.text, re.S
    )
    return [json.loads(block) for block in blocks]


class TestPostingPage:
    def test_open_posting_shows_its_facts(self, client, posting):
        response = client.get(posting.get_absolute_url())
        assert response.status_code == 200
        assert posting.title in response.text
        assert posting.employer.name in response.text
        assert "$38–$48/hour" in response.text

    def test_json_ld_has_every_required_and_supported_recommended_property(self, client):
        posting = JobPostingFactory(
            employment_type=vocab.EmploymentType.SCHOOL_YEAR,
            pay_unit=vocab.PayUnit.YEAR,
            pay_min=Decimal(65000),
            pay_max=Decimal(82000),
            years_experience=2,
            # Expiring before its confirmation lapses (45 days), so that the expiry is the
            # closing time validThrough gives.
            expires_at=timezone.now() + datetime.timedelta(days=20),
        )
        [data] = json_ld(client.get(posting.get_absolute_url()))
        for prop in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
            assert data[prop]
        assert data["@type"] == "JobPosting"
        assert data["hiringOrganization"]["name"] == posting.employer.name
        assert data["hiringOrganization"]["sameAs"] == posting.employer.website
        assert data["jobLocation"]["address"]["addressCountry"] == "US"
        assert data["jobLocation"]["address"]["postalCode"] == "78701"
        assert data["validThrough"] == posting.expires_at.isoformat()
        assert data["employmentType"] == "FULL_TIME"
        assert data["baseSalary"]["currency"] == "USD"
        assert data["baseSalary"]["value"] == {
            "@type": "QuantitativeValue",
            "minValue": 65000.0,
            "maxValue": 82000.0,
            "unitText": "YEAR",
        }
        assert data["educationRequirements"]["credentialCategory"] == "postgraduate degree"
        assert data["experienceRequirements"]["monthsOfExperience"] == 24
        assert data["identifier"]["value"] == str(posting.pk)
        assert data["directApply"] is True  # applications are taken here (on site)

    def test_per_visit_pay_is_left_out_of_base_salary_but_shown(self, client):
        posting = JobPostingFactory(
            pay_unit=vocab.PayUnit.VISIT, pay_min=Decimal(65), pay_max=Decimal(85)
        )
        response = client.get(posting.get_absolute_url())
        [data] = json_ld(response)
        assert "baseSalary" not in data
        assert "$65–$85 per visit" in response.text

    def test_posting_text_cannot_break_out_of_the_script_element(self, client):
        posting = JobPostingFactory(
            title="OT </script><script>alert(1)</script>",
            description="Fun & games <!-- comment --> </SCRIPT>",
        )
        response = client.get(posting.get_absolute_url())
        [data] = json_ld(response)  # parses, so nothing leaked into or out of the block
        assert data["title"] == "OT </script><script>alert(1)</script>"
        script = re.search(r'application/ld\+json"[^>]*>(.*?)</script>', response.text, re.S)[1]
        assert "<" not in script
        assert ">" not in script
        assert "<script>alert(1)" not in response.text

    def test_closed_posting_answers_410_with_similar_roles_and_no_json_ld(self, client):
        closed = JobPostingFactory(status=vocab.PostingStatus.CLOSED, title="Filled OT role")
        similar = JobPostingFactory(title="Another pediatric OT role")
        response = client.get(closed.get_absolute_url())
        assert response.status_code == 410
        assert "no longer open" in response.text.lower()
        assert similar.title in response.text
        assert json_ld(response) == []

    def test_expired_posting_answers_410(self, client):
        now = timezone.now()
        expired = JobPostingFactory(
            published_at=now - datetime.timedelta(days=61),
            expires_at=now - datetime.timedelta(days=1),
        )
        assert client.get(expired.get_absolute_url()).status_code == 410

    def test_draft_and_unknown_slugs_answer_404(self, client):
        draft = JobPostingFactory(draft=True)
        assert client.get(f"/jobs/{draft.slug}/").status_code == 404
        assert client.get("/jobs/no-such-posting/").status_code == 404

    def test_similar_postings_share_the_role_nearest_first(self, client):
        posting = JobPostingFactory(role=vocab.Role.COTA)
        near = JobPostingFactory(role=vocab.Role.COTA, zip_code="78205", city="San Antonio")
        far = JobPostingFactory(role=vocab.Role.COTA, zip_code="98101", city="Seattle", state="WA")
        other_role = JobPostingFactory(role=vocab.Role.OT_TECHNICIAN)
        page = client.get(posting.get_absolute_url()).text
        similar = page[page.index('id="similar-title"') :]
        assert near.title in similar
        assert far.title in similar
        assert similar.index(near.title) < similar.index(far.title)
        assert other_role.title not in similar

    def test_external_apply_link_says_it_leaves_the_site(self, client):
        posting = JobPostingFactory(
            how_to_apply=vocab.HowToApply.EXTERNAL, apply_url="https://careers.example.org/ot/1"
        )
        text = client.get(posting.get_absolute_url()).text
        assert 'href="https://careers.example.org/ot/1"' in text
        assert "employer's site" in text.replace("&#x27;", "'")

    def test_posting_page_query_count(self, client, posting, django_assert_max_num_queries):
        JobPostingFactory()
        client.get(posting.get_absolute_url())
        with django_assert_max_num_queries(4):
            assert client.get(posting.get_absolute_url()).status_code == 200


class TestEmployerPage:
    def test_employer_page_lists_only_open_roles(self, client):
        employer = EmployerFactory(name="Little Steps Early Intervention")
        open_role = JobPostingFactory(employer=employer, title="EI OT")
        closed = JobPostingFactory(employer=employer, title="Old role", status="closed")
        response = client.get(employer.get_absolute_url())
        assert response.status_code == 200
        assert open_role.title in response.text
        assert closed.title not in response.text


class TestGuides:
    def test_guide_index_links_every_role_with_live_counts(self, client):
        JobPostingFactory(role=vocab.Role.COTA)
        JobPostingFactory(role=vocab.Role.COTA)
        JobPostingFactory(role=vocab.Role.SCHOOL_OT)
        JobPostingFactory(role=vocab.Role.SCHOOL_OT, status="closed")
        response = client.get("/guides/")
        assert response.status_code == 200
        counts = {guide.role: count for guide, count in response.context["guides"]}
        assert counts == {"pediatric_ot": 0, "school_ot": 1, "cota": 2, "ot_technician": 0}
        for slug in ("pediatric-occupational-therapist", "school-based-occupational-therapist",
                     "certified-occupational-therapy-assistant", "ot-technician-aide"):  # fmt: skip
            assert f"/guides/{slug}/" in response.text
        assert "<strong>2</strong> open jobs" in response.text

    def test_guide_shows_live_count_and_links_into_the_filtered_list(self, client):
        JobPostingFactory(role=vocab.Role.COTA, setting=vocab.Setting.SCHOOL)
        JobPostingFactory(role=vocab.Role.COTA, setting=vocab.Setting.SCHOOL)
        response = client.get("/guides/certified-occupational-therapy-assistant/")
        assert response.status_code == 200
        assert response.context["total"] == 2
        assert "/jobs/?role=cota&amp;setting=school" in response.text
        assert "ACOTE" in response.text

    def test_unknown_guide_is_404(self, client):
        assert client.get("/guides/astronaut/").status_code == 404


class TestFeedsAndSitemap:
    def test_rss_feed_follows_the_listing_parameters(self, client):
        cota = JobPostingFactory(role=vocab.Role.COTA, title="COTA in schools")
        JobPostingFactory(role=vocab.Role.PEDIATRIC_OT, title="Clinic OT")
        JobPostingFactory(role=vocab.Role.COTA, title="Closed COTA", status="closed")
        response = client.get("/jobs/feed/rss/?role=cota")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        titles = [item.findtext("title") for item in root.iter("item")]
        assert titles == [f"{cota.title} at {cota.employer.name} (Austin, TX)"]

    def test_atom_feed_is_valid_atom(self, client, posting):
        response = client.get("/jobs/feed/atom/")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 1

    def test_feed_with_bad_parameters_still_answers(self, client, posting):
        assert client.get("/jobs/feed/rss/?radius=far&role=astronaut&page=x").status_code == 200

    def test_listing_advertises_its_feeds(self, client, posting):
        text = client.get("/jobs/?role=cota").text
        assert 'rel="alternate" type="application/rss+xml"' in text
        assert "/jobs/feed/rss/?role=cota" in text
        assert "/jobs/feed/atom/?role=cota" in text

    def test_sitemap_lists_open_postings_employers_and_guides_only(self, client):
        live = JobPostingFactory()
        closed = JobPostingFactory(status="closed")
        index = client.get("/sitemap.xml")
        assert index.status_code == 200
        urls = []
        for section in ("postings", "employers", "pages"):
            response = client.get(f"/sitemap-{section}.xml")
            assert response.status_code == 200
            root = ET.fromstring(response.content)
            ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
            urls += [u.findtext(f"{ns}loc") for u in root.iter(f"{ns}url")]
            if section == "postings":
                assert root.find(f"{ns}url/{ns}lastmod") is not None
        assert any(u.endswith(live.get_absolute_url()) for u in urls)
        assert not any(u.endswith(closed.get_absolute_url()) for u in urls)
        assert any(u.endswith(live.employer.get_absolute_url()) for u in urls)
        assert any(u.endswith("/guides/ot-technician-aide/") for u in urls)

    def test_robots_txt_points_at_the_sitemap(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.text
        assert "Disallow: /admin/" in response.text


class TestNeverPublic:
    def test_a_scheduled_posting_is_not_found_before_it_goes_live(self, client):
        now = timezone.now()
        scheduled = JobPostingFactory(published_at=now + datetime.timedelta(days=3))
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    def test_a_posting_closed_before_it_was_ever_published_is_not_found(self, client):
        never = JobPostingFactory(status="closed", published_at=None, expires_at=None)
        assert client.get(f"/jobs/{never.slug}/").status_code == 404


def test_feed_links_point_at_the_site_and_the_same_search(client, posting, settings):
    settings.SITE_URL = "https://jobs.example.org"
    root = ET.fromstring(client.get("/jobs/feed/rss/?role=pediatric_ot&page=2").content)
    channel = root.find("channel")
    assert channel.findtext("link") == "https://jobs.example.org/jobs/?role=pediatric_ot"
    assert channel.find("item").findtext("link") == (
        f"https://jobs.example.org{posting.get_absolute_url()}"
    )


def test_sitemap_entries_use_the_site_url(client, posting, settings):
    settings.SITE_URL = "https://jobs.example.org"
    text = client.get("/sitemap-postings.xml").text
    assert f"https://jobs.example.org{posting.get_absolute_url()}" in text


def test_every_page_can_be_shared_and_names_its_one_address(client, posting):
    for path in ("/", "/jobs/", posting.get_absolute_url(), posting.employer.get_absolute_url(),
                 "/guides/"):  # fmt: skip
        text = client.get(path).text
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{path}">' in text, path
        assert (
            '<meta property="og:image" content="http://127.0.0.1:8000/static/img/og-card.png">'
            in text
        )
        assert '<meta property="og:title"' in text
    text = client.get(posting.get_absolute_url()).text
    assert f'<meta property="og:title" content="{posting.title} at {posting.employer.name}' in text


def test_filtered_listings_are_kept_out_of_search_indexes_with_one_canonical_address(
    client, posting
):
    text = client.get("/jobs/?sort=newest&role=cota&page=2&q=").text
    assert '<meta name="robots" content="noindex, follow">' in text
    assert '<link rel="canonical" href="http://127.0.0.1:8000/jobs/?role=cota">' in text
    text = client.get("/jobs/?page=1").text
    assert "noindex" not in text
    assert '<link rel="canonical" href="http://127.0.0.1:8000/jobs/">' in text


# The listing's facets ---------------------------------------------------------------------------
def test_facet_options_show_counts_choices_and_long_lists_chosen_first(client):
    JobPostingFactory.create_batch(2, role=vocab.Role.SCHOOL_OT, state="TX")
    JobPostingFactory(role=vocab.Role.COTA, state="CA")

    html = client.get("/jobs/?role=cota").content.decode()

    cota = re.search(r'<li class="facet__option">\s*<input[^>]*id="f-role-cota"[^>]*>', html)
    assert cota
    assert cota.group(0).endswith(" checked>")
    school = re.search(r'id="f-role-school_ot".*?</li>', html, re.S).group(0)
    assert "</span>2<span" in school
    assert "> jobs)" in school
    assert '<li class="facet__option facet__option--empty">' in html  # e.g. aides: none
    html = client.get("/jobs/?state=WY&role=cota").content.decode()
    # States: the chosen one first (though it has no openings), then only those with some.
    states = re.findall(r'id="f-state-(\w\w)"', html)
    assert states == ["WY", "CA"]  # TX has openings, but none for a COTA


def test_show_only_toggles_are_their_own_parameters_with_counts():
    from listings.search.engine import Option
    from listings.templatetags.listing_tags import toggle_options

    html = toggle_options(
        [Option("new_grad", "New grads welcome", 1, True), Option("w2", "W-2 <only>", 0, False)]
    )

    assert '<input type="checkbox" id="f-new_grad" name="new_grad" value="1" checked>' in html
    assert '<label for="f-new_grad"><span class="facet__label">New grads welcome</span>' in html
    assert '</span>1<span class="visually-hidden"> job)</span>' in html
    # None to show and not chosen: marked empty, and nothing is left unescaped.
    empty = '<li class="facet__option facet__option--empty">\n<input type="checkbox" id="f-w2"'
    assert empty in html
    assert "W-2 &lt;only&gt;" in html
    assert html.count("<li") == html.count("</li>") == 2


def test_select_options_select_the_current_value_and_escape():
    from listings.templatetags.listing_tags import select_options

    html = select_options([(10, "10 miles"), (25, "25 < miles"), ('a"b', "other")], 25)

    assert html == (
        '<option value="10">10 miles</option><option value="25" selected>25 &lt; miles</option>'
        '<option value="a&quot;b">other</option>'
    )
    assert " selected" not in select_options([(10, "10 miles")], "10")  # as == compares


def test_facet_option_labels_and_values_are_escaped():
    from listings.search.engine import FacetCounts, Option
    from listings.templatetags.listing_tags import facet_options

    facet = type("Facet", (), {"name": "ages", "long": False})()
    counts = FacetCounts(facet, [Option('a"b', "<b>Tots & teens</b>", 1234, False)])

    html = facet_options(counts)

    assert "&lt;b&gt;Tots &amp; teens&lt;/b&gt;" in html
    assert 'value="a&quot;b"' in html
    assert "1,234" in html
    assert "> jobs)" in html
