"""An occupational therapist's account in a real Chromium: signing up and filling in
credentials by keyboard, uploading a resume and applying, form errors, and every account
page checked with axe-core and for console errors, on a laptop and on a 375 px phone."""

import datetime
import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from applicants import services
from applicants.models import Application, License, Profile
from listings import vocab
from tests.applicants.files import pdf_bytes, pdf_upload
from tests.browser.helpers import (
    assert_focus_shows,
    new_context,
    run_worker,
    sign_in,
    tab_to,
    violations,
)
from tests.factories import JobPostingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# OTJOBS_SHOTS=/tmp/shots saves a full-page screenshot of the key account pages there.
SHOTS = os.environ.get("OTJOBS_SHOTS", "")
NEW_PASSWORD = "sensory diet swing 42"


@pytest.fixture(autouse=True)
def no_virus_scanner(settings):
    """Uploads are kept as "not scanned": no clamd in these tests."""
    settings.CLAMAV_URL = ""


def verified_user(**fields) -> User:
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def qualified_profile(user, state="TX", license_expires=None, **fields) -> Profile:
    """A master's-level OTR/L licensed in `state`: meets ot_posting(state)."""
    today = timezone.localdate()
    profile = Profile.objects.create(
        user=user,
        phone="512-555-0100",
        home_zip="78701",
        headline="Pediatric OTR/L, 5 years, sensory processing",
        degree=vocab.Degree.MASTERS,
        acote_accredited=True,
        years_experience=5,
        nbcot="nbcot_otr",
        nbcot_number="OTR-1234",
        nbcot_expires=today + datetime.timedelta(days=400),
        drivers_license=True,
        **fields,
    )
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state=state,
        number="TX-56789",
        expires_on=license_expires or today + datetime.timedelta(days=400),
    )
    return profile


def ot_posting(state="TX", **fields):
    """An on-site posting whose only credential is an OT license in `state`."""
    return JobPostingFactory(
        **{
            "role": vocab.Role.PEDIATRIC_OT,
            "state": state,
            "min_degree": vocab.Degree.MASTERS,
            "licensure_status": vocab.LicensureStatus.LICENSED,
            "required_credentials": [vocab.Credential.OT_LICENSE],
            "required_certifications": [],
            "drivers_license_required": False,
            "years_experience": 1,
            **fields,
        }
    )


# 1. Signing up --------------------------------------------------------------------------------
def test_a_therapist_signs_up_and_verifies_by_keyboard_alone(browser, live_server):
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")

    email = page.get_by_label("Email")
    tab_to(page, email)
    assert_focus_shows(page)
    page.keyboard.type("maya.ot@example.com")
    page.keyboard.press("Tab")
    password = page.locator("#id_password1")
    expect(password).to_be_focused()
    # The password rules are read out with the field, not only shown near it.
    expect(password).to_have_accessible_description(re.compile("at least 8 characters"))
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password2")).to_be_focused()
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign Up")).to_be_focused()
    assert_focus_shows(page)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert violations(page) == [], "the 'verify your email' page"
    user = User.objects.get(email="maya.ot@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["maya.ot@example.com"]
    link = re.search(r"https?://\S+?(/accounts/confirm-email/\S+/)", message.body).group(1)

    page.goto(f"{live_server.url}{link}")
    assert violations(page) == [], "the confirm page"
    confirm = page.get_by_role("button", name="Confirm")
    tab_to(page, confirm)
    assert_focus_shows(page)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/me/")
    expect(page.locator(".account-nav__who")).to_have_text("Signed in as maya.ot@example.com")
    assert EmailAddress.objects.get(user=user).verified
    context.close()


# 2. Credentials by keyboard, then "do you qualify?" ------------------------------------------
def test_credentials_filled_by_keyboard_decide_the_fit_on_postings(browser, live_server):
    user = verified_user(full_name="Maya Lopez")
    meets = ot_posting(state="TX", title="Sensory Gym OT")
    elsewhere = ot_posting(state="IL", title="Chicago Clinic OT")
    context = new_context(browser)
    sign_in(context, live_server, user)
    page = context.new_page()
    page.goto(f"{live_server.url}/me/credentials/")

    tab_to(page, page.locator("#id_degree"))
    assert_focus_shows(page)
    page.keyboard.type("Master")
    tab_to(page, page.get_by_role("radio", name="Yes", exact=True), limit=5)
    page.keyboard.press("Space")
    tab_to(page, page.locator("#id_years_experience"), limit=10)
    page.keyboard.type("4")
    tab_to(page, page.locator("#id_nbcot"), limit=5)
    page.keyboard.type("OTR")
    page.keyboard.press("Tab")
    expect(page.locator("#id_nbcot_number")).to_be_focused()
    page.keyboard.type("OTR-2024-118")
    page.keyboard.press("Tab")
    expect(page.locator("#id_nbcot_expires")).to_be_focused()
    page.keyboard.type("03312028")

    kind = page.locator("#id_licenses-0-kind")
    tab_to(page, kind, limit=40)
    assert_focus_shows(page)
    page.keyboard.type("OT license")
    page.keyboard.press("Tab")
    expect(page.locator("#id_licenses-0-state")).to_be_focused()
    page.keyboard.type("Texas")
    page.keyboard.press("Tab")
    expect(page.locator("#id_licenses-0-number")).to_be_focused()
    page.keyboard.type("TX-1187")
    page.keyboard.press("Tab")
    expect(page.locator("#id_licenses-0-expires_on")).to_be_focused()
    page.keyboard.type("09302027")
    save = page.get_by_role("button", name="Save licenses and certifications")
    tab_to(page, save, limit=5)
    assert_focus_shows(page)
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your licenses and certifications are saved.")).to_be_visible()
    profile = Profile.objects.get(user=user)
    assert profile.degree == vocab.Degree.MASTERS
    assert profile.acote_accredited is True
    assert profile.years_experience == 4
    assert (profile.nbcot, profile.nbcot_number) == ("nbcot_otr", "OTR-2024-118")
    assert profile.nbcot_expires == datetime.date(2028, 3, 31)
    [license] = profile.licenses.all()
    assert (license.kind, license.state, license.number) == ("ot_license", "TX", "TX-1187")
    assert license.expires_on == datetime.date(2027, 9, 30)
    # The saved row is shown again, with a new empty one under it.
    expect(page.locator("#id_licenses-0-number")).to_have_value("TX-1187")
    expect(page.locator("#id_licenses-1-number")).to_have_value("")

    page.goto(f"{live_server.url}{meets.get_absolute_url()}")
    expect(page.locator("#fit-title")).to_have_text("You meet every requirement of this job")
    page.goto(f"{live_server.url}{elsewhere.get_absolute_url()}")
    expect(page.locator("#fit-title")).to_have_text("You don't meet 1 requirement of this job")
    expect(page.locator(".fit__item--not_met")).to_contain_text("Illinois")
    context.close()


def test_jobs_i_qualify_for_narrows_the_listing_by_keyboard(browser, live_server):
    """The "Jobs I qualify for" checkbox, reached and ticked by keyboard, narrows the list in
    place (htmx) to the postings whose every requirement the applicant meets; a second
    applicant with other credentials, on the same address, gets their own list."""
    texan, illinoisan = verified_user(), verified_user()
    qualified_profile(texan, state="TX")
    qualified_profile(illinoisan, state="IL")
    ot_posting(state="TX", title="Sensory Gym OT")
    ot_posting(state="IL", title="Chicago Clinic OT")
    context = new_context(browser)
    sign_in(context, live_server, texan)
    page = context.new_page()
    page.goto(f"{live_server.url}/jobs/")
    results = page.locator(".card-list")
    expect(results).to_contain_text("Chicago Clinic OT")

    box = page.get_by_role("checkbox", name=re.compile("Jobs I qualify for"))
    tab_to(page, box)
    assert_focus_shows(page)
    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(r"qualified=1"))
    expect(results).to_contain_text("Sensory Gym OT")
    expect(results).not_to_contain_text("Chicago Clinic OT")
    expect(page.locator("#results-title")).to_have_text("1 open position")
    assert violations(page) == []
    context.close()

    other = new_context(browser)
    sign_in(other, live_server, illinoisan)
    page = other.new_page()
    page.goto(f"{live_server.url}/jobs/?qualified=1")
    expect(page.locator(".card-list")).to_contain_text("Chicago Clinic OT")
    expect(page.locator(".card-list")).not_to_contain_text("Sensory Gym OT")
    other.close()


# 3. Uploading a resume and applying -----------------------------------------------------------
def test_upload_a_resume_then_apply_from_the_posting(browser, live_server, tmp_path):
    user = verified_user(full_name="Maya Lopez")
    qualified_profile(user)
    posting = ot_posting(title="Feeding Clinic OT")
    resume = tmp_path / "Maya Lopez resume.pdf"
    resume.write_bytes(pdf_bytes(pages=2))
    context = new_context(browser)
    sign_in(context, live_server, user)
    page = context.new_page()

    page.goto(f"{live_server.url}/me/resumes/")
    expect(page.get_by_text("No resumes yet.")).to_be_visible()
    page.get_by_label("Resume").set_input_files(resume)
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_text("Your resume is uploaded.")).to_be_visible()
    expect(page.locator(".file-list__item")).to_have_count(1)
    expect(page.locator(".file-list__item")).to_contain_text("Maya Lopez resume.pdf")
    expect(page.locator(".file-list__item")).to_contain_text("Default")

    page.goto(f"{live_server.url}{posting.get_absolute_url()}")
    page.get_by_role("link", name="Apply on OT Jobs").click()
    expect(page.locator("h1")).to_have_text("Apply for Feeding Clinic OT")
    expect(page.get_by_label("Full name")).to_have_value("Maya Lopez")
    expect(page.get_by_label("Email")).to_have_value(user.email)
    expect(page.get_by_label("Phone")).to_have_value("512-555-0100")
    expect(page.get_by_role("radio", name="Maya Lopez resume.pdf (default)")).to_be_checked()
    page.get_by_label("Cover letter").fill("I run a feeding group for toddlers.")
    page.get_by_role("button", name="Send application").click()

    expect(page.locator("h1")).to_have_text("Application sent")
    application = Application.objects.get(user=user, posting=posting)
    expect(page).to_have_url(f"{live_server.url}/me/applications/{application.reference}/sent/")
    assert application.resume_file.original_name == "Maya Lopez resume.pdf"
    assert application.cover_letter == "I run a feeding group for toddlers."
    run_worker()
    assert user.email in [message.to[0] for message in mail.outbox]

    page.get_by_role("link", name="Applications", exact=True).click()
    row = page.get_by_role("row", name=re.compile("Feeding Clinic OT"))
    expect(row).to_contain_text("Submitted")
    row.get_by_role("link", name="Feeding Clinic OT").click()
    expect(page).to_have_url(f"{live_server.url}{application.get_absolute_url()}")
    expect(page.get_by_text("I run a feeding group for toddlers.")).to_be_visible()
    context.close()


# 4. A bad profile submission ------------------------------------------------------------------
def test_a_bad_zip_is_explained_next_to_the_field_and_what_was_typed_stays(browser, live_server):
    user = verified_user(full_name="Maya Lopez")
    context = new_context(browser)
    sign_in(context, live_server, user)
    page = context.new_page()
    page.goto(f"{live_server.url}/me/profile/")
    page.get_by_label("Headline").fill("School-based OTR/L, 6 years, AAC")
    page.get_by_label("Home ZIP code").fill("abc")
    page.get_by_role("checkbox", name=re.compile("School age")).check()
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    zip_field = page.get_by_label("Home ZIP code")
    expect(zip_field).to_have_attribute("aria-invalid", "true")
    expect(zip_field).to_have_value("abc")
    error = page.locator("#id_home_zip_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile("ZIP", re.IGNORECASE))
    # "Next to the field": in the field's own group, and read out with it.
    group = page.locator(".field", has=zip_field)
    expect(group.locator(".errorlist")).to_have_text(error.inner_text())
    expect(zip_field).to_have_attribute("aria-describedby", re.compile(r"\bid_home_zip_error\b"))
    # Only that field is wrong, and the rest of what was typed is kept.
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    expect(page.get_by_label("Headline")).to_have_value("School-based OTR/L, 6 years, AAC")
    expect(page.get_by_role("checkbox", name=re.compile("School age"))).to_be_checked()
    # The field takes the focus, by keyboard too, to be corrected.
    page.get_by_label("Headline").focus()
    tab_to(page, zip_field, limit=3)
    assert_focus_shows(page)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("78704")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert Profile.objects.get(user=user).home_zip == "78704"
    assert not Profile.objects.filter(user=user, home_zip="abc").exists()
    context.close()


def test_an_invalid_field_looks_invalid_not_only_its_message(browser, live_server):
    """The red message is not the only cue: the field itself is drawn as invalid."""
    user = verified_user(full_name="Maya Lopez")
    context = new_context(browser)
    sign_in(context, live_server, user)
    page = context.new_page()
    page.goto(f"{live_server.url}/me/profile/")
    page.get_by_label("Home ZIP code").fill("abc")
    page.get_by_label("Phone").fill("512-555-0100")
    page.get_by_role("button", name="Save profile").click()

    invalid, valid = page.get_by_label("Home ZIP code"), page.get_by_label("Phone")
    expect(invalid).to_have_attribute("aria-invalid", "true")
    look = "el => { const s = getComputedStyle(el); return [s.borderTopColor, s.backgroundColor]; }"
    assert invalid.evaluate(look) != valid.evaluate(look), "the invalid field looks like any other"
    context.close()


# 5 and 6. Every account page: axe-core and the console ----------------------------------------
ENTRANCE_PAGES = (
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/login/code/",
)


@pytest.fixture
def account(db):
    """A signed-up OT with an expired Texas license and a current Illinois one, one resume,
    one application sent, and on-site postings she has not applied to in each state:
    every account page's URL."""
    user = verified_user(full_name="Maya Lopez")
    today = timezone.localdate()
    profile = qualified_profile(user, license_expires=today - datetime.timedelta(days=20))
    License.objects.create(
        profile=profile,
        kind="ot_license",
        state="IL",
        number="056-0101",
        expires_on=today + datetime.timedelta(days=300),
    )
    resume = services.add_resume(profile=profile, upload=pdf_upload("Maya Lopez resume.pdf"))
    sent = services.submit_application(
        posting=ot_posting(title="Hand Therapy OT"),
        profile=profile,
        resume=resume,
        upload=None,
        name="Maya Lopez",
        email=user.email,
        phone="512-555-0100",
        cover_letter="I would love to join your team.\n\nMaya",
    )
    open_job = ot_posting(title="Early Intervention OT")
    return {
        "user": user,
        "pages": {
            "dashboard": "/me/",
            "profile": "/me/profile/",
            "credentials": "/me/credentials/",
            "resumes": "/me/resumes/",
            "apply": f"/jobs/{open_job.slug}/apply/",
            "applications": "/me/applications/",
            "application": sent.get_absolute_url(),
            "sent": f"/me/applications/{sent.reference}/sent/",
            "posting-fit": open_job.get_absolute_url(),
            "posting-fit-met": ot_posting(state="IL").get_absolute_url(),
        },
    }


@pytest.mark.parametrize("width", [1280, 375])
def test_account_pages_have_no_accessibility_violations(browser, live_server, account, width):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    anonymous = new_context(browser, width)
    page = anonymous.new_page()
    for path in ENTRANCE_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert violations(page) == [], path
    # The sign-up form with errors on it.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("not-an-email")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("other")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    assert violations(page) == [], "sign-up with errors"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/signup-errors-{width}.png", full_page=True)
    # Where an emailed sign-in code is typed, and a wrong one.
    page.goto(f"{live_server.url}/accounts/login/code/")
    page.get_by_label("Email").fill(account["user"].email)
    page.get_by_role("button", name="Request Code").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/code/confirm/$"))
    assert violations(page) == [], "the sign-in code form"
    page.get_by_label("Code").fill("WRONG1")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    assert violations(page) == [], "the sign-in code form with a wrong code"
    anonymous.close()

    context = new_context(browser, width)
    sign_in(context, live_server, account["user"])
    page = context.new_page()
    for name, path in account["pages"].items():
        page.goto(f"{live_server.url}{path}")
        if name == "credentials":
            expect(page.get_by_role("status").filter(has_text="expired")).to_be_visible()
        if name == "resumes":
            expect(page.locator(".file-list__item")).to_have_count(1)
        if name == "posting-fit":
            expect(page.locator(".fit--not-met")).to_be_visible()
        if name == "posting-fit-met":
            expect(page.locator(".fit--met")).to_be_visible()
        assert violations(page) == [], path
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    # The profile form with an error on it.
    page.goto(f"{live_server.url}/me/profile/")
    page.get_by_label("Home ZIP code").fill("abc")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#id_home_zip")).to_have_attribute("aria-invalid", "true")
    assert violations(page) == [], "profile with errors"
    if SHOTS:
        page.locator("#id_home_zip").scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/profile-errors-{width}.png")
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_account_pages_log_no_console_errors(browser, live_server, account, width):
    errors = []

    def watch(page):
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        return page

    anonymous = new_context(browser, width)
    page = watch(anonymous.new_page())
    for path in ENTRANCE_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert errors == [], path
    anonymous.close()

    context = new_context(browser, width)
    sign_in(context, live_server, account["user"])
    page = watch(context.new_page())
    for path in account["pages"].values():
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{path}: HTTP {response.status}"
        assert errors == [], path
    context.close()


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_account_pages_fit_a_phone_without_sideways_scrolling(phone_page, live_server, account):
    page = phone_page
    for path in ENTRANCE_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert sideways_overflow(page) <= 0, path
    sign_in(page.context, live_server, account["user"])
    for path in account["pages"].values():
        page.goto(f"{live_server.url}{path}")
        assert sideways_overflow(page) <= 0, path
