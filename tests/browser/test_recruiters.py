"""A recruiter at a children's hospital in a real Chromium: writing a posting by keyboard,
previewing the draft and publishing it, moving an application along the pipeline, and every
admin page they use checked with axe-core and for console errors, on a laptop and on a
375 px phone."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from applicants import services
from applicants.models import Application, License, Profile
from applicants.vocab import ApplicationStatus
from listings import vocab
from listings.models import JobPosting
from tests.browser.helpers import (
    assert_focus_shows,
    new_context,
    run_worker,
    sign_in,
    tab_to,
    violations,
    watch_console,
)
from tests.factories import EmployerFactory, JobPostingFactory, RecruiterFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# OTJOBS_SHOTS=/tmp/shots-recruiters saves screenshots of the recruiter's pages there.
SHOTS = os.environ.get("OTJOBS_SHOTS", "")
NOTE = "INTERNAL: strong feeding experience; ask about NICU float shifts"
HOSPITAL = "Bluebonnet Children's Hospital"


@pytest.fixture
def hospital(db):
    return EmployerFactory(
        name=HOSPITAL,
        kind=vocab.EmployerKind.HOSPITAL,
        city="Austin",
        state="TX",
        zip_code="78723",
    )


@pytest.fixture
def recruiter(hospital):
    return RecruiterFactory(employers=[hospital], full_name="Rita Alvarez")


def qualified_profile(name: str, email: str, **fields) -> Profile:
    """A master's-level OTR/L licensed in Texas: meets a Texas pediatric OT posting."""
    expires = timezone.localdate() + datetime.timedelta(days=400)
    profile = Profile.objects.create(
        user=UserFactory(full_name=name, email=email),
        phone="512-555-0142",
        home_zip="78704",
        headline="Pediatric OTR/L, 6 years, feeding and NICU",
        degree=vocab.Degree.MASTERS,
        program="Texas Woman's University MOT",
        acote_accredited=True,
        years_experience=6,
        nbcot=vocab.Credential.NBCOT_OTR,
        nbcot_number="OTR-778899",
        nbcot_expires=expires,
        certifications=[vocab.Certification.CASI],
        drivers_license=True,
        **fields,
    )
    License.objects.create(
        profile=profile,
        kind=vocab.Credential.OT_LICENSE,
        state="TX",
        number="TX-12345",
        expires_on=expires,
    )
    return profile


def apply(posting, profile, cover_letter="I run a feeding group for toddlers.") -> Application:
    return services.submit_application(
        posting=posting,
        profile=profile,
        resume=None,
        upload=None,
        name=profile.user.full_name,
        email=profile.user.email,
        phone=profile.phone,
        cover_letter=cover_letter,
    )


def success(page):
    return page.locator("ul.messagelist li.success")


def run_action(page, posting_title: str, action_label: str) -> None:
    """On the postings changelist, by keyboard: past the filters, tick the posting's row, go
    back up to the action menu, choose the action and run it."""
    row = page.locator(
        "#result_list tbody tr", has=page.get_by_role("link", name=posting_title, exact=True)
    )
    checkbox = row.locator("input.action-select")
    skip = page.get_by_role("link", name="Skip the filters")
    tab_to(page, skip, limit=20)
    assert_focus_shows(page)
    page.keyboard.press("Enter")
    tab_to(page, checkbox, limit=40)  # the search, actions and the columns' sort links
    assert_focus_shows(page)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    action = page.locator("select[name=action]")
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if action.evaluate("el => el === document.activeElement"):
            break
    expect(action).to_be_focused()
    assert_focus_shows(page)
    page.keyboard.type(action_label)
    expect(action.locator("option:checked")).to_have_text(action_label)
    page.keyboard.press("Tab")
    run = page.get_by_role("button", name="Run", exact=True)
    expect(run).to_be_focused()
    assert_focus_shows(page)
    page.keyboard.press("Enter")


# 1. Writing, previewing and publishing a posting ---------------------------------------------
def test_a_recruiter_writes_a_posting_by_keyboard_previews_the_draft_and_publishes_it(
    browser, live_server, hospital, recruiter
):
    context = new_context(browser)
    sign_in(context, live_server, recruiter)
    page = context.new_page()
    errors = watch_console(page)

    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("#recruiter-dashboard")).to_have_count(0)  # nothing posted yet
    page.get_by_role("link", name="Job postings", exact=True).click()
    page.get_by_role("link", name="Add job posting").click()
    expect(page.locator("h1")).to_have_text("Add job posting")
    # One employer: it is chosen already.
    expect(page.locator("#id_employer option[selected]")).to_have_text(HOSPITAL)

    # The first fields by keyboard.
    title = page.get_by_label("Title:")
    tab_to(page, title)
    assert_focus_shows(page)
    page.keyboard.type("Pediatric Occupational Therapist, NICU and Feeding")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Slug:")).to_be_focused()  # left empty: made from the title
    page.keyboard.press("Tab")
    expect(page.get_by_label("Role:")).to_be_focused()
    assert_focus_shows(page)
    page.keyboard.type("Pediatric Occupational")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Setting:")).to_be_focused()
    page.keyboard.type("Hospital")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Employment type:")).to_be_focused()
    page.keyboard.type("Full-time")
    expect(page.get_by_label("Role:")).to_have_value(vocab.Role.PEDIATRIC_OT)
    expect(page.get_by_label("Setting:")).to_have_value(vocab.Setting.HOSPITAL)
    expect(page.get_by_label("Employment type:")).to_have_value(vocab.EmploymentType.FULL_TIME)

    # The long rest of the form.
    page.get_by_label("Minimum degree:").select_option(vocab.Degree.MASTERS)
    page.get_by_label("Licensure status:").select_option(vocab.LicensureStatus.LICENSED)
    page.get_by_role("checkbox", name="State OT license (OTR/L)").check()
    page.get_by_role("checkbox", name=re.compile("Infants and toddlers")).check()
    page.get_by_role("checkbox", name="Feeding").check()
    page.get_by_label("Years of pediatric experience required:").fill("2")
    page.get_by_label("Pay min:").fill("82000")
    page.get_by_label("Pay max:").fill("98000")
    page.get_by_label("Pay unit:").select_option(vocab.PayUnit.YEAR)
    page.get_by_label("City:").fill("Austin")
    page.get_by_label("State:").select_option("TX")
    page.get_by_label("ZIP code:").fill("78723")
    page.get_by_label("Description:").fill(
        "Join our **NICU and feeding team** at a Level IV children's hospital.\n\n"
        "- Feeding evaluations at the bedside\n"
        "- Developmental positioning with nursing\n"
    )
    page.get_by_label("Employment model:").select_option(vocab.EmploymentModel.EMPLOYEE)
    page.get_by_label("OTs on the team:").fill("9")

    # Save by keyboard, from the last field of the Support section.
    page.get_by_label("How COTAs are supervised:").focus()
    save = page.get_by_role("button", name="Save", exact=True)
    tab_to(page, save, limit=40)
    assert_focus_shows(page)
    page.keyboard.press("Enter")

    expect(success(page)).to_contain_text("was added successfully")
    posting = JobPosting.objects.get(employer=hospital)
    assert posting.title == "Pediatric Occupational Therapist, NICU and Feeding"
    assert posting.status == vocab.PostingStatus.DRAFT
    assert (posting.role, posting.setting) == (vocab.Role.PEDIATRIC_OT, vocab.Setting.HOSPITAL)
    assert posting.pay_unit == vocab.PayUnit.YEAR
    assert posting.employment_model == vocab.EmploymentModel.EMPLOYEE
    row = page.locator("#result_list tbody tr", has_text=posting.title)
    expect(row).to_contain_text("Draft")

    # The draft's preview, from "View on site".
    row.get_by_role("link", name=posting.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/listings/jobposting/{posting.pk}/change/"))
    page.get_by_role("link", name="View on site").click()
    expect(page).to_have_url(f"{live_server.url}/jobs/preview/{posting.pk}/")
    banner = page.locator(".preview-band")
    expect(banner).to_contain_text("job seekers can't see this posting (draft)")
    expect(page.locator("h1")).to_have_text(posting.title)
    expect(page.locator("strong", has_text="NICU and feeding team")).to_be_visible()
    description = page.locator("main li")
    expect(description.filter(has_text="Feeding evaluations at the bedside")).to_be_visible()
    expect(description.filter(has_text="Developmental positioning with nursing")).to_be_visible()
    assert "**" not in page.locator("main").inner_text()

    # Back, and publish it from the changelist.
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/admin/listings/jobposting/{posting.pk}/change/"))
    page.get_by_role("link", name="Job postings").first.click()
    run_action(page, posting.title, "Publish selected postings")
    expect(success(page)).to_have_text("1 posting(s) published.")
    posting.refresh_from_db()
    assert posting.status == vocab.PostingStatus.PUBLISHED

    # Job seekers see it, on its page and in the listing.
    seeker = new_context(browser)
    public = seeker.new_page()
    public_errors = watch_console(public)
    response = public.goto(f"{live_server.url}/jobs/{posting.slug}/")
    assert response.ok, response.status
    expect(public.locator("h1")).to_have_text(posting.title)
    expect(public.locator(".preview-band")).to_have_count(0)
    listing_link = public.get_by_role("link", name=posting.title)
    for _ in range(20):  # the listing's index catches up with the change log within a second
        public.goto(f"{live_server.url}/jobs/?q=NICU")
        if listing_link.count():
            break
        public.wait_for_timeout(250)
    expect(listing_link).to_be_visible()
    assert public_errors == []
    seeker.close()
    assert errors == []
    context.close()


def test_publishing_an_incomplete_posting_is_refused_with_the_reason(
    browser, live_server, hospital, recruiter
):
    incomplete = JobPostingFactory(
        employer=hospital, title="School OT (unfinished)", draft=True, description=""
    )
    context = new_context(browser)
    sign_in(context, live_server, recruiter)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/listings/jobposting/")

    run_action(page, incomplete.title, "Publish selected postings")

    warning = page.locator("ul.messagelist li.warning")
    expect(warning).to_have_text(
        "School OT (unfinished): Complete the posting before publishing "
        "(description: This field cannot be blank.)."
    )
    expect(success(page)).to_have_count(0)
    incomplete.refresh_from_db()
    assert incomplete.status == vocab.PostingStatus.DRAFT
    assert violations(page) == [], "the changelist with the refusal"
    context.close()


# 2. Moving an application along the pipeline ------------------------------------------------
def move_by_keyboard(page, to: str, note: str = "") -> None:
    """With the move form on the application's page: choose `to`, write `note`, press Move,
    with the keyboard alone."""
    radio = page.get_by_role("radio", name=to)
    first = page.locator("#move-application input[type=radio]").first
    tab_to(page, first, limit=120)
    assert_focus_shows(page)
    for _ in range(5):  # the arrow keys move the focus and the choice within the group
        if radio.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    expect(radio).to_be_focused()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()
    note_field = page.get_by_label("Internal note:")
    tab_to(page, note_field, limit=3)
    assert_focus_shows(page)
    page.keyboard.type(note)
    move = page.get_by_role("button", name="Move")
    tab_to(page, move, limit=3)
    assert_focus_shows(page)
    page.keyboard.press("Enter")
    expect(success(page)).to_have_text(f"Moved to “{to}”.")


def test_a_recruiter_moves_an_application_to_interview_by_keyboard_and_the_note_stays_inside(
    browser, live_server, hospital, recruiter
):
    posting = JobPostingFactory(employer=hospital, title="NICU Occupational Therapist")
    profile = qualified_profile("Maya Lopez", "maya@example.org")
    application = apply(posting, profile)
    run_worker()  # the new-application notices
    mail.outbox.clear()

    context = new_context(browser)
    sign_in(context, live_server, recruiter)
    page = context.new_page()
    errors = watch_console(page)
    page.goto(f"{live_server.url}/admin/applicants/application/")
    page.get_by_role("link", name="Maya Lopez").click()
    expect(page.locator("#content h2").first).to_contain_text("Maya Lopez")
    expect(page.locator(".field-status .readonly")).to_have_text("Submitted")

    move_by_keyboard(page, "Being reviewed")
    expect(page.locator(".field-status .readonly")).to_have_text("Being reviewed")
    move_by_keyboard(page, "Interview", NOTE)
    expect(page.locator(".field-status .readonly")).to_have_text("Interview")

    history = page.locator(".application-history tbody tr")
    expect(history).to_have_count(3)
    expect(history.nth(0)).to_contain_text("Submitted")
    expect(history.nth(1)).to_contain_text("Being reviewed")
    expect(history.nth(2)).to_contain_text("Interview")
    expect(history.nth(2).locator(".field-note")).to_have_text(NOTE)
    expect(history.nth(2).locator(".field-by")).to_have_text("Rita Alvarez")
    expect(history.nth(0).locator(".field-by")).to_have_text("Maya Lopez")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    assert [e.note for e in application.events.order_by("at", "pk")] == ["", "", NOTE]
    assert errors == []
    context.close()

    # The applicant hears of both steps, never of the note.
    run_worker()
    to_maya = [m for m in mail.outbox if m.to == ["maya@example.org"]]
    assert [m.subject.split(":")[0] for m in to_maya] == [
        "Your application is being reviewed",
        "Interview",
    ]
    for message in to_maya:
        assert "INTERNAL" not in message.subject + message.body
        assert "NICU float" not in message.body
    assert not OutgoingEmail.objects.filter(body__contains="INTERNAL").exists()

    applicant = new_context(browser)
    sign_in(applicant, live_server, profile.user)
    mine = applicant.new_page()
    mine.goto(f"{live_server.url}/me/applications/")
    row = mine.get_by_role("row", name=re.compile("NICU Occupational Therapist"))
    expect(row).to_contain_text("Interview")
    assert "INTERNAL" not in mine.content()
    row.get_by_role("link", name="NICU Occupational Therapist", exact=True).click()
    expect(mine).to_have_url(f"{live_server.url}{application.get_absolute_url()}")
    expect(mine.get_by_text("Interview").first).to_be_visible()
    assert "INTERNAL" not in mine.content()
    assert "NICU float" not in mine.content()
    applicant.close()


# 3, 4 and 5. Every admin page a recruiter uses: axe-core, the console, screenshots -----------
@pytest.fixture
def recruiting(hospital, recruiter):
    """A hospital with open postings (one expiring soon, one unconfirmed for weeks), a
    draft, applications at several steps and candidates: every page's URL."""
    now = timezone.now()
    nicu = JobPostingFactory(
        employer=hospital,
        title="NICU Occupational Therapist",
        setting=vocab.Setting.HOSPITAL,
        pay_min=82000,
        pay_max=98000,
        pay_unit=vocab.PayUnit.YEAR,
        description="Join our **NICU and feeding team**.\n\n- Feeding evaluations\n- Positioning",
    )
    JobPostingFactory(
        employer=hospital,
        title="Outpatient Hand and Upper Extremity OT",
        expires_at=now + datetime.timedelta(days=4),
    )
    JobPostingFactory(
        employer=hospital,
        title="Inpatient Rehab COTA",
        role=vocab.Role.COTA,
        min_degree=vocab.Degree.ASSOCIATE,
        required_credentials=[vocab.Credential.OTA_LICENSE],
        published_at=now - datetime.timedelta(days=40),
        last_confirmed_open=timezone.localdate() - datetime.timedelta(days=33),
    )
    draft = JobPostingFactory(employer=hospital, title="Feeding Clinic OT (draft)", draft=True)
    maya = qualified_profile("Maya Lopez", "maya@example.org", visible_to_recruiters=True)
    qualified_profile("Jordan Kim", "jordan@example.org", visible_to_recruiters=True)
    sent = apply(nicu, maya)
    services.move_application(application=sent, to_status="reviewing", by=recruiter, note=NOTE)
    apply(nicu, qualified_profile("Sam Patel", "sam@example.org"))
    return {
        "dashboard": "/admin/",
        "postings": "/admin/listings/jobposting/",
        "posting-add": "/admin/listings/jobposting/add/",
        "posting-change": f"/admin/listings/jobposting/{nicu.pk}/change/",
        "applications": "/admin/applicants/application/",
        "application": f"/admin/applicants/application/{sent.pk}/change/",
        "candidates": f"/admin/listings/jobposting/{nicu.pk}/candidates/",
        "employer": f"/admin/listings/employer/{hospital.pk}/change/",
        "preview": f"/jobs/preview/{draft.pk}/",
    }


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


SHOT_PAGES = ("dashboard", "postings", "posting-add", "application", "candidates", "employer")


@pytest.mark.parametrize("width", [1280, 375])
def test_every_admin_page_a_recruiter_uses_passes_axe_and_logs_no_errors(
    browser, live_server, recruiter, recruiting, width
):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    context = new_context(browser, width)
    sign_in(context, live_server, recruiter)
    page = context.new_page()
    errors = watch_console(page)
    for name, path in recruiting.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{path}: HTTP {response.status}"
        assert violations(page) == [], path
        assert errors == [], path
        if width < 768:  # wide tables scroll inside their box, the page never sideways
            assert sideways_overflow(page) <= 0, path
        if SHOTS and name in SHOT_PAGES:
            # "admin-": the applicants' tests save their own "dashboard" in the same folder.
            page.screenshot(path=f"{SHOTS}/admin-{name}-{width}.png", full_page=True)
            page.screenshot(path=f"{SHOTS}/admin-{name}-{width}-top.png")
    # The posting form with errors on it.
    page.goto(f"{live_server.url}/admin/listings/jobposting/add/")
    page.get_by_label("Title:").fill("Pediatric OT")
    page.get_by_label("ZIP code:").fill("abc")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    assert violations(page) == [], "the posting form with errors"
    assert errors == [], "the posting form with errors"
    context.close()
