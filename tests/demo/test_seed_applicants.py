import collections
import datetime
import hashlib
import random
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from accounts.models import User
from applicants.models import (
    Application,
    ApplicationEvent,
    License,
    Profile,
    Resume,
    ResumeFile,
    private_storage,
)
from applicants.uploads import verify_resume
from applicants.vocab import ApplicationStatus, LicenseKind, NbcotCredential, ScanStatus
from demo import applicants as loader
from demo.accounts import DEMO_APPLICANT_PASSWORD, ensure_demo_applicant
from demo.generator.applicants import MAX_RESUME_FILES, generate_applicants
from demo.generator.applications import FORWARD
from demo.management.commands.seed_demo import default_applicants
from listings import vocab
from listings.models import Employer, JobPosting

NOW = datetime.datetime(2026, 11, 20, 15, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)
R = vocab.Role


def seed(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("seed_demo", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def applicant_users():
    """Users who are applicants: seed_demo also creates each employer's (staff) recruiters."""
    return User.objects.filter(is_staff=False)


def people(count: int, seed: int = 1) -> list:
    return generate_applicants(count=count, seed=seed, now=NOW, today=TODAY)


PEOPLE = people(3000)


def stored_applicants() -> list[tuple]:
    """Everything about each applicant that the seed decides, by email."""
    rows = []
    for profile in Profile.objects.select_related("user").order_by("user__email"):
        fields = {
            f.name: getattr(profile, f.attname)
            for f in Profile._meta.concrete_fields
            if f.name not in ("id", "user", "created_at", "updated_at")
        }
        licenses = list(profile.licenses.values_list("kind", "state", "number", "expires_on"))
        applications = [
            (
                a.posting.slug,
                a.status,
                a.cover_letter,
                a.resume_file.original_name if a.resume_file else None,
                list(a.events.values_list("status", "at", "note")),
            )
            for a in Application.objects.filter(user=profile.user).order_by("posting__slug")
        ]
        rows.append((profile.user.email, profile.user.full_name, fields, licenses, applications))
    return rows


# Counts -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_creates_the_requested_applicants_each_a_verified_user_with_a_profile():
    stdout, stderr = seed("--postings", "60", "--applicants", "25")

    assert applicant_users().count() == 25
    assert Profile.objects.count() == 25
    addresses = EmailAddress.objects.filter(user__is_staff=False)
    assert addresses.count() == 25
    assert all(a.verified and a.primary and a.email == a.user.email for a in addresses)
    assert "Applicants 25/25 [" in stderr
    assert "25 applicants with" in stdout


@pytest.mark.django_db
def test_default_is_one_applicant_per_ten_postings_and_a_handful_on_a_small_board():
    assert default_applicants(100_000) == 10_000
    assert default_applicants(300) == 30
    assert default_applicants(12) == 5

    seed("--postings", "120", "--verbosity", "0")

    assert Profile.objects.count() == 12


@pytest.mark.django_db
def test_applicants_0_creates_postings_only():
    seed("--postings", "20", "--applicants", "0", "--verbosity", "0")

    assert JobPosting.objects.count() == 20
    assert applicant_users().count() == 0


@pytest.mark.django_db
def test_postings_0_adds_applicants_who_apply_to_the_postings_already_there():
    seed("--postings", "80", "--applicants", "0", "--verbosity", "0")
    postings = set(JobPosting.objects.values_list("id", flat=True))

    seed("--postings", "0", "--applicants", "40", "--force", "--verbosity", "0")

    assert set(JobPosting.objects.values_list("id", flat=True)) == postings
    assert Profile.objects.count() == 40
    assert Application.objects.exists()
    assert set(Application.objects.values_list("posting_id", flat=True)) <= postings


@pytest.mark.django_db
def test_another_forced_run_numbers_its_applicants_after_the_earlier_ones():
    seed("--postings", "30", "--applicants", "10", "--verbosity", "0")
    seed("--postings", "30", "--applicants", "10", "--force", "--verbosity", "0")

    emails = list(applicant_users().values_list("email", flat=True))
    assert len(emails) == len(set(emails)) == 20
    numbers = sorted(int(email.split("@")[0].rsplit(".", 1)[1]) for email in emails)
    assert numbers == list(range(1, 21))


@pytest.mark.django_db
def test_the_demo_account_alone_does_not_stop_if_empty():
    ensure_demo_applicant()  # `make seed` keeps this one; it does not make the board "full"

    seed("--postings", "10", "--applicants", "5", "--if-empty", "--verbosity", "0")

    assert JobPosting.objects.count() == 10
    assert Profile.objects.count() == 6


@pytest.mark.django_db
def test_if_empty_leaves_a_database_with_applicants_alone():
    seed("--postings", "0", "--applicants", "5", "--verbosity", "0")

    stdout, _ = seed("--postings", "10", "--if-empty")

    assert "5 applicants; --if-empty: nothing to do" in stdout
    assert JobPosting.objects.count() == 0
    assert Profile.objects.count() == 5


@pytest.mark.django_db
def test_refuses_a_database_with_applicants_unless_forced():
    seed("--postings", "10", "--applicants", "5", "--verbosity", "0")

    with pytest.raises(CommandError, match="5 applicants; use --force"):
        seed("--postings", "0", "--applicants", "5", "--verbosity", "0")

    assert Profile.objects.count() == 5


@pytest.mark.django_db
def test_applicants_need_debug_because_they_share_a_published_password(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="published password: only with DEBUG=true"):
        seed("--postings", "10", "--verbosity", "0")
    seed("--postings", "10", "--applicants", "0", "--verbosity", "0")

    assert JobPosting.objects.count() == 10
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--postings", "10", "--applicants", "-1"], "between 0 and"),
        (["--postings", "10", "--applicants", "many"], "whole number"),
        (["--postings", "0", "--applicants", "0"], "Nothing to create"),
    ],
)
def test_bad_applicant_arguments_fail_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        seed(*args)


# Determinism -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_same_seed_gives_the_same_applicants_and_applications_and_another_seed_differs():
    def run(seed_value: str) -> list[tuple]:
        with time_machine.travel(NOW, tick=False):
            seed("--postings", "150", "--applicants", "40", "--seed", seed_value, "-v", "0")
        rows = stored_applicants()
        for model in (ApplicationEvent, Application, Resume, ResumeFile, User, JobPosting):
            model.objects.all().delete()
        Employer.objects.all().delete()
        return rows

    first = run("3")

    assert run("3") == first
    assert [row[0] for row in run("4")] != [row[0] for row in first]


def test_an_applicant_is_the_same_person_whatever_the_size_of_the_run():
    small, large = people(20), people(500)

    assert [(p.email, p.profile, p.licenses) for p in small] == [
        (p.email, p.profile, p.licenses) for p in large[:20]
    ]


# Signing in --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_every_applicant_signs_in_with_the_published_demo_password(client):
    seed("--postings", "40", "--applicants", "20", "--verbosity", "0")

    users = list(applicant_users())
    assert len(users) == 20
    assert len({user.password for user in users}) == 1  # hashed once, shared
    assert all(check_password(DEMO_APPLICANT_PASSWORD, user.password) for user in users)
    assert all(user.is_active and not user.is_staff for user in users)

    response = client.post(
        "/accounts/login/", {"login": users[7].email, "password": DEMO_APPLICANT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/"


# Applications ------------------------------------------------------------------------------
@pytest.fixture
def seeded(db):
    with time_machine.travel(NOW, tick=False):
        seed("--postings", "300", "--applicants", "120", "--seed", "2", "--verbosity", "0")
    return NOW


def test_applications_go_only_to_open_postings_that_take_applications_here(seeded):
    applications = Application.objects.select_related("posting", "user")
    assert applications.count() > 50
    for application in applications:
        posting = application.posting
        assert posting.how_to_apply == vocab.HowToApply.ON_SITE
        assert posting.is_open(seeded)
        assert application.submitted_at >= max(posting.published_at, application.user.date_joined)
        assert application.submitted_at < seeded
        assert (application.name, application.email) == (
            application.user.full_name,
            application.user.email,
        )
        assert application.phone == application.user.applicant_profile.phone


def test_at_most_one_application_per_applicant_and_posting_and_five_each(seeded):
    pairs = collections.Counter(Application.objects.values_list("user_id", "posting_id"))
    assert max(pairs.values()) == 1
    per_applicant = collections.Counter(user for user, _ in pairs)
    assert max(per_applicant.values()) <= 5
    assert 0 < len(per_applicant) < Profile.objects.count()  # some apply, some have not yet


def test_every_status_occurs_and_each_history_leads_to_its_status(seeded):
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    for application in Application.objects.prefetch_related("events"):
        events = list(application.events.all())
        steps = [event.status for event in events]
        assert steps[0] == ApplicationStatus.SUBMITTED
        assert steps[-1] == application.status
        # The recruiters' steps in order; turned down or withdrawn only at the end.
        assert tuple(steps[:-1]) == FORWARD[: len(steps) - 1]
        if application.status in FORWARD:
            assert tuple(steps) == FORWARD[: len(steps)]
        times = [event.at for event in events]
        assert times == sorted(set(times))
        assert times[0] == application.submitted_at
        assert times[-1] == application.updated_at
        assert times[-1] < seeded
        for event in events:
            by_applicant = event.status in (
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.WITHDRAWN,
            )
            assert event.by_id == (application.user_id if by_applicant else None)
            if by_applicant:
                assert event.note == ""  # notes are the recruiters' own


def test_my_applications_page_lists_a_seeded_applicants_applications(seeded, client):
    application = Application.objects.filter(status=ApplicationStatus.INTERVIEW).first()
    client.force_login(application.user)

    page = client.get(application.get_absolute_url())

    assert page.status_code == 200
    assert application.posting.title in page.content.decode()


# Resumes -----------------------------------------------------------------------------------
def test_resume_files_exist_in_private_storage_as_valid_pdfs(seeded):
    files = list(ResumeFile.objects.select_related("owner"))
    assert files
    storage = private_storage()
    for stored in files:
        assert storage.exists(stored.file.name)
        with storage.open(stored.file.name, "rb") as handle:
            data = handle.read()
            verified = verify_resume(handle)
        assert (verified.kind, verified.pages, verified.size) == ("pdf", 1, stored.size)
        assert verified.sha256 == stored.sha256 == hashlib.sha256(data).hexdigest()
        assert stored.scan_status in (ScanStatus.CLEAN, ScanStatus.UNSCANNED)
        assert stored.deliverable
        reader = PdfReader(storage.open(stored.file.name, "rb"))
        assert reader.metadata.title == f"Resume: {stored.owner.full_name}"
        assert stored.owner.full_name in reader.pages[0].extract_text()


def test_applicants_with_a_resume_apply_with_it_and_the_others_without_a_file(seeded):
    resumes = {r.profile.user_id: r for r in Resume.objects.select_related("profile", "file")}
    assert resumes
    for resume in resumes.values():
        assert resume.is_default
        assert resume.file.owner_id == resume.profile.user_id
    for application in Application.objects.all():
        expected = resumes.get(application.user_id)
        assert application.resume_file_id == (expected.file_id if expected else None)
    assert Application.objects.filter(resume_file__isnull=True).exists()


def test_no_more_than_a_few_hundred_resume_files_however_many_applicants():
    with_resume = [p for p in PEOPLE if p.resume_scan]
    assert MAX_RESUME_FILES * 3 // 4 <= len(with_resume) <= MAX_RESUME_FILES
    small = people(40)
    assert 10 <= sum(1 for p in small if p.resume_scan) <= 35  # most of a small board's


# Credentials -------------------------------------------------------------------------------
OT_ROLES = (R.PEDIATRIC_OT, R.SCHOOL_OT)


def test_degrees_fit_each_profession():
    for person in PEOPLE:
        degree, graduated = person.profile["degree"], person.profile["graduation_year"]
        if person.profession in OT_ROLES:
            assert degree in (vocab.Degree.MASTERS, vocab.Degree.DOCTORATE) or (
                degree == vocab.Degree.BACHELORS and graduated < 2007
            )
        elif person.profession == R.COTA:
            assert degree in (vocab.Degree.ASSOCIATE, vocab.Degree.BACHELORS)
        else:
            assert person.profile["acote_accredited"] is None
    licensed = [p for p in PEOPLE if p.profession != R.OT_TECHNICIAN]
    acote = collections.Counter(p.profile["acote_accredited"] for p in licensed)
    assert acote[True] > 0.9 * len(licensed)
    assert acote[False]
    assert acote[None]


def test_licenses_and_nbcot_match_the_profession():
    for person in PEOPLE:
        profile, licenses = person.profile, person.licenses
        states = [lic.state for lic in licenses]
        assert len(states) == len(set(states))
        if person.profession == R.OT_TECHNICIAN:
            assert not licenses
            assert profile["nbcot"] == ""
            continue
        kind = LicenseKind.OTA if person.profession == R.COTA else LicenseKind.OT
        nbcot = NbcotCredential.COTA if person.profession == R.COTA else NbcotCredential.OTR
        assert {lic.kind for lic in licenses} <= {kind}
        assert profile["nbcot"] in ("", nbcot)
        assert bool(profile["nbcot"]) == bool(profile["nbcot_number"])
        if profile["awaiting_license"]:  # a new graduate
            assert not licenses
            assert profile["years_experience"] == 0
            assert profile["graduation_year"] >= TODAY.year - 1
        else:
            assert 1 <= len(licenses) <= 3
            assert licenses[0].state == person.city.state  # licensed where they live
            assert profile["nbcot"] == nbcot


def test_some_credentials_have_expired_or_expire_soon_and_most_are_current():
    expiries = [lic.expires_on for p in PEOPLE for lic in p.licenses]
    expired = sum(1 for day in expiries if day < TODAY)
    soon = sum(1 for day in expiries if TODAY <= day <= TODAY + datetime.timedelta(days=60))
    assert 0.03 * len(expiries) < expired < 0.2 * len(expiries)
    assert 0.03 * len(expiries) < soon < 0.2 * len(expiries)
    nbcot = [p.profile["nbcot_expires"] for p in PEOPLE if p.profile["nbcot"]]
    assert any(day < TODAY for day in nbcot)
    assert sum(1 for day in nbcot if day >= TODAY) > 0.9 * len(nbcot)
    counts = collections.Counter(len(p.licenses) for p in PEOPLE)
    assert counts[1] > counts[2] > counts[3] > 0


def test_experience_certifications_driving_and_preferences_vary():
    years = [p.profile["years_experience"] for p in PEOPLE]
    assert min(years) == 0
    assert max(years) <= 25
    assert max(years) >= 20
    certifications = collections.Counter(c for p in PEOPLE for c in p.profile["certifications"])
    assert set(certifications) == set(vocab.Certification.values)
    assert any(not p.profile["certifications"] for p in PEOPLE)
    driving = collections.Counter(p.profile["drivers_license"] for p in PEOPLE)
    assert driving[True] > 0.8 * len(PEOPLE)
    assert driving[False]
    assert driving[None]
    for person in PEOPLE:
        profile = person.profile
        assert person.profession in profile["roles"]
        assert profile["practice_settings"]
        assert profile["age_groups"]
        assert profile["headline"]
        assert len(profile["headline"]) <= 140
    assert any(p.profile["states"] == [] for p in PEOPLE)
    assert any(len(p.profile["states"]) > 1 for p in PEOPLE)
    assert any(p.profile["min_yearly_pay"] for p in PEOPLE)
    assert any(p.profile["max_caseload"] for p in PEOPLE)


def test_emails_are_first_last_number_at_example_org():
    for number, person in enumerate(PEOPLE[:200], start=1):
        first, last = person.full_name.lower().split(" ", 1)
        local = person.email.split("@")[0]
        assert person.email.endswith(f".{number}@example.org")
        assert local.startswith("".join(c for c in first if c.isalpha()) + ".")
        assert "".join(c for c in last if c.isalpha()) in local


@pytest.mark.django_db
def test_a_sample_of_stored_applicants_passes_model_validation():
    seed("--postings", "100", "--applicants", "60", "--seed", "6", "--verbosity", "0")

    profiles = list(Profile.objects.select_related("user"))
    for profile in random.Random(0).sample(profiles, 30):
        profile.user.full_clean()
        profile.full_clean()
        for lic in profile.licenses.all():
            lic.full_clean()
    for application in Application.objects.all()[:30]:
        # resume_file is null=True without blank=True, though applying without a file is
        # allowed (services.submit_application): the model's, not the seed's, to settle.
        application.full_clean(exclude=["resume_file"])


# Atomic ------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # no test transaction to hide a missing atomic()
def test_a_failure_midway_through_the_applicants_leaves_nothing_written(monkeypatch, settings):
    monkeypatch.setattr(loader, "BATCH_SIZE", 10)
    insert_batch = loader._insert_batch
    batches = []

    def third_batch_fails(batch, *args):
        batches.append(batch)
        if len(batches) == 3:
            raise RuntimeError("generator bug")
        return insert_batch(batch, *args)

    monkeypatch.setattr(loader, "_insert_batch", third_batch_fails)

    with pytest.raises(RuntimeError, match="generator bug"):
        seed("--postings", "60", "--applicants", "30", "--verbosity", "0")

    assert sum(1 for batch in batches[:2] for person in batch if person.resume_scan)
    for model in (User, EmailAddress, Profile, License, Resume, ResumeFile, Application):
        assert model.objects.count() == 0, model
    assert ApplicationEvent.objects.count() == 0
    assert JobPosting.objects.count() == 0
    assert Employer.objects.count() == 0
    stored = [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]
    assert stored == []  # the resume files stored before the failure are gone too
