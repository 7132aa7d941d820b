"""A job seeker browsing in a real Chromium, on a laptop and on a 375 px phone."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from listings import vocab
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board(db):
    """24 pediatric OT postings and 6 COTA postings: two pages unfiltered."""
    employer = EmployerFactory(name="Sunrise Children's Therapy")
    now = timezone.now()
    for i in range(24):
        JobPostingFactory(
            employer=employer,
            title=f"Pediatric OT {i:02d}",
            published_at=now - datetime.timedelta(hours=i + 1),
        )
    for i in range(6):
        JobPostingFactory(
            employer=employer,
            title=f"School COTA {i}",
            role=vocab.Role.COTA,
            setting=vocab.Setting.SCHOOL,
            min_degree=vocab.Degree.ASSOCIATE,
            required_credentials=[vocab.Credential.OTA_LICENSE, vocab.Credential.NBCOT_COTA],
            description="Help students with handwriting and sensory regulation.",
            published_at=now - datetime.timedelta(hours=30 + i),
        )


def results_heading(page):
    return page.locator("#results-title")


def open_filters_on_phone(page):
    panel = page.locator("#filters-panel")
    if not panel.evaluate("el => el.open"):
        page.locator(".filters-panel__toggle").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_filter_paginate_remove_chip_and_open_a_posting(browser, live_server, board, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/jobs/")
    expect(results_heading(page)).to_have_text("30 open positions")

    # Page 2 of the unfiltered list.
    page.get_by_role("link", name=re.compile("Next page")).first.click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator(".posting-card")).to_have_count(10)

    # Tick the COTA role: results update in place and the URL can be shared.
    if width < 600:
        open_filters_on_phone(page)
    page.locator("#f-role-cota").check()
    expect(results_heading(page)).to_have_text("6 open positions")
    expect(page).to_have_url(re.compile(r"role=cota"))
    assert "page=2" not in page.url

    # The chip removes the filter again.
    page.get_by_role("link", name="Remove filter: COTA").click()
    expect(results_heading(page)).to_have_text("30 open positions")
    assert "role=cota" not in page.url

    # Keywords narrow to the COTA postings that mention handwriting.
    if width < 600:
        open_filters_on_phone(page)
    page.locator("#f-q").fill("handwriting")
    page.locator("#f-q").press("Enter")
    expect(results_heading(page)).to_have_text("6 open positions")
    expect(page).to_have_url(re.compile(r"q=handwriting"))

    # Open a posting from the results.
    page.locator(".posting-card__link").first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"School COTA \d"))
    expect(page.get_by_role("link", name="Apply on OT Jobs")).to_be_visible()
    assert errors == []
    context.close()


def test_filters_work_without_javascript(browser, live_server, board):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/jobs/")
    page.locator("#f-setting-school").check()
    page.get_by_role("button", name="Update results").click()
    expect(page).to_have_url(re.compile(r"setting=school"))
    expect(results_heading(page)).to_have_text("6 open positions")
    context.close()


def test_bad_input_is_explained_next_to_the_field(page, live_server, board):
    page.goto(f"{live_server.url}/jobs/?near=99999&radius=far")
    expect(page.locator("#err-near")).to_contain_text("We could not find “99999”")
    expect(page.locator("#f-near")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#err-radius")).to_contain_text("Choose a distance")


def test_home_search_leads_to_filtered_results(page, live_server, board):
    page.goto(live_server.url)
    page.get_by_label("Keywords").first.fill("handwriting")
    page.get_by_role("button", name="Search jobs").click()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=handwriting"))
    expect(results_heading(page)).to_have_text("6 open positions")


def violations(page) -> list[str]:
    """Every axe-core violation on the page, whatever its impact."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_key_pages_have_no_accessibility_violations(browser, live_server, board, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    posting = JobPostingFactory(title="NICU Occupational Therapist")
    closed = JobPostingFactory(title="Filled role", status="closed")
    for path in (
        posting.employer.get_absolute_url(),
        closed.get_absolute_url(),
        "/jobs/?role=cota&pay_min=900000",
        "/no-such-page/",
        "/",
        "/jobs/",
        "/jobs/?role=cota&near=78701&radius=50",
        "/jobs/?role=astronaut&near=99999",
        posting.get_absolute_url(),
        "/guides/",
        "/guides/certified-occupational-therapy-assistant/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert violations(page) == [], path
    context.close()


def test_arrow_keys_on_the_sort_menu_wait_for_enter(page, live_server, board):
    page.goto(f"{live_server.url}/jobs/")
    # htmx announces each request synchronously, as the change that causes it is handled.
    page.evaluate(
        "window.started = [];"
        "document.addEventListener('htmx:beforeRequest', e => started.push(e.type))"
    )
    sort = page.locator("#f-sort")
    sort.focus()
    sort.press("ArrowDown")  # looking through the options (newest, highest pay)...
    sort.press("ArrowUp")
    sort.press("ArrowDown")
    assert page.evaluate("window.started.length") == 0  # ...reloads nothing
    sort.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=pay"))
    assert page.evaluate("window.started.length") == 1


def test_ticking_a_filter_on_a_phone_keeps_it_in_view_and_focused(phone_page, live_server, board):
    page = phone_page
    page.goto(f"{live_server.url}/jobs/")
    open_filters_on_phone(page)
    option = page.locator("#f-employment-full_time")
    option.scroll_into_view_if_needed()
    before = option.bounding_box()["y"]
    option.check()
    expect(page).to_have_url(re.compile(r"employment=full_time"))
    expect(results_heading(page)).to_have_text("30 open positions")
    option = page.locator("#f-employment-full_time")
    expect(option).to_be_focused()
    box = option.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] <= viewport["height"] - box["height"], (before, box)
    assert abs(box["y"] - before) < 100  # where the seeker's finger left it


def test_a_keyboard_user_skips_the_filters_to_the_results(page, live_server, board):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/jobs/")
    for _ in range(11):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Skip to results":
            break
    else:
        pytest.fail("no 'Skip to results' link among the first Tab stops")
    expect(page.locator(":focus")).to_be_visible()
    page.keyboard.press("Enter")
    expect(results_heading(page)).to_be_focused()
    page.keyboard.press("Tab")  # the sort menu
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Pediatric OT 00")
