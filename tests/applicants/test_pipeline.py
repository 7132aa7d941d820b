"""The applicant pipeline: recruiters move applications step by step, every step is
recorded, applicants are emailed (never the internal note), and each employer's
recruiters see, move and export only their own applicants."""

import csv
import datetime
import io
import itertools
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import OutgoingEmail
from applicants import services
from applicants.exports import csv_cell
from applicants.models import Application, ApplicationEvent, License, Profile, ResumeFile
from applicants.pipeline import APPLICANT_HEARS, RECRUITER_MOVES, InvalidMove, allowed_moves
from applicants.services import add_resume, move_application
from applicants.vocab import ApplicationStatus, ScanStatus
from listings import vocab
from listings.models import JobPosting
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.applicants.files import pdf_upload
from tests.factories import JobPostingFactory, RecruiterFactory, SuperuserFactory, UserFactory
from tests.worker import run_worker

pytestmark = pytest.mark.django_db

S = ApplicationStatus
NOTE = "INTERNAL: salary ask too high, call references first"
ALLOWED = [
    (S.SUBMITTED, S.REVIEWING),
    (S.SUBMITTED, S.NOT_SELECTED),
    (S.REVIEWING, S.INTERVIEW),
    (S.REVIEWING, S.NOT_SELECTED),
    (S.INTERVIEW, S.OFFER),
    (S.INTERVIEW, S.NOT_SELECTED),
    (S.OFFER, S.HIRED),
    (S.OFFER, S.NOT_SELECTED),
]
REFUSED = [pair for pair in itertools.product(S, S) if pair not in ALLOWED]


def applicant(name: str = "Ana Reyes", **profile_fields) -> Profile:
    return Profile.objects.create(user=UserFactory(full_name=name), **profile_fields)


def qualified_applicant(name: str = "Ana Reyes") -> Profile:
    """Meets every requirement of a JobPostingFactory posting (OT license in Texas)."""
    expires = timezone.localdate() + datetime.timedelta(days=400)
    profile = applicant(
        name,
        headline="School-based OTR/L, 6 years, AAC",
        degree=vocab.Degree.MASTERS,
        program="Texas Woman's University MOT",
        acote_accredited=True,
        years_experience=6,
        nbcot=vocab.Credential.NBCOT_OTR,
        nbcot_number="OTR-778899",
        nbcot_expires=expires,
        certifications=[vocab.Certification.CASI],
        drivers_license=True,
    )
    License.objects.create(
        profile=profile, kind=vocab.Credential.OT_LICENSE, state="TX", number="TX-12345",
        expires_on=expires,
    )  # fmt: skip
    return profile


def application_to(posting, profile=None, *, status=S.SUBMITTED, **fields) -> Application:
    profile = profile or applicant()
    values = {"name": profile.user.full_name, "email": "ana@example.org", **fields}
    return Application.objects.create(user=profile.user, posting=posting, status=status, **values)


def recruiter_of(posting):
    return RecruiterFactory(employers=[posting.employer])


def change_url(application) -> str:
    return f"/admin/applicants/application/{application.pk}/change/"


def move_url(application) -> str:
    return f"/admin/applicants/application/{application.pk}/move/"


def csv_url(posting) -> str:
    return f"/admin/applicants/application/posting/{posting.pk}/export.csv"


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# The rules ------------------------------------------------------------------------------
def test_the_pipeline_table_is_the_one_the_recruiters_asked_for():
    assert sorted((a, b) for a, targets in RECRUITER_MOVES.items() for b in targets) == sorted(
        ALLOWED
    )


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_a_recruiter_moves_an_application_one_step(current, target):
    posting = JobPostingFactory()
    recruiter = recruiter_of(posting)
    application = application_to(posting, status=current)

    event = move_application(application=application, to_status=target, by=recruiter, note=NOTE)

    application.refresh_from_db()
    assert application.status == target
    assert (event.application, event.status, event.by, event.note) == (
        application,
        target,
        recruiter,
        NOTE,
    )
    assert list(application.events.values_list("status", flat=True)) == [target]


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_every_other_move_is_refused_and_changes_nothing(current, target):
    posting = JobPostingFactory()
    application = application_to(posting, status=current)

    with pytest.raises(InvalidMove) as refused:
        move_application(application=application, to_status=target, by=recruiter_of(posting))

    assert isinstance(refused.value, ValidationError)
    application.refresh_from_db()
    assert application.status == current
    assert not ApplicationEvent.objects.exists()
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        (S.HIRED, S.NOT_SELECTED, "This application is closed (hired)"),
        (S.WITHDRAWN, S.REVIEWING, "This application is closed (withdrawn)"),
        (S.INTERVIEW, S.WITHDRAWN, "Only the applicant can withdraw an application."),
        (S.SUBMITTED, S.SUBMITTED, "already at “Submitted”"),
        (S.SUBMITTED, S.OFFER, "can move to “Being reviewed” or “Not selected”, not to “Offer”"),
        (S.REVIEWING, "astronaut", "“astronaut” is not an application status."),
    ],
)
def test_a_refused_move_says_why(current, target, message):
    posting = JobPostingFactory()
    application = application_to(posting, status=current)

    with pytest.raises(InvalidMove, match=re.escape(message)):
        move_application(application=application, to_status=target, by=recruiter_of(posting))


def test_the_applicant_still_withdraws_any_open_application():
    posting = JobPostingFactory()
    application = application_to(posting, status=S.OFFER)

    services.withdraw_application(application=application, by=application.user)

    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert allowed_moves(S.WITHDRAWN) == ()


@pytest.mark.parametrize("who", ["applicant", "other_recruiter", "nobody"])
def test_only_the_employers_recruiters_can_move_an_application(who):
    posting = JobPostingFactory()
    application = application_to(posting)
    by = {
        "applicant": application.user,
        "other_recruiter": recruiter_of(JobPostingFactory()),
        "nobody": None,
    }[who]

    with pytest.raises(PermissionDenied):
        move_application(application=application, to_status=S.REVIEWING, by=by)

    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not ApplicationEvent.objects.exists()


def test_a_failed_email_leaves_the_application_where_it_was(monkeypatch):
    posting = JobPostingFactory()
    application = application_to(posting)

    def mail_down(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "queue_email", mail_down)
    with pytest.raises(RuntimeError):
        move_application(application=application, to_status=S.REVIEWING, by=recruiter_of(posting))

    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not ApplicationEvent.objects.exists()


# Telling the applicant ---------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_applicant_is_emailed_once_through_the_queue_without_the_note():
    posting = JobPostingFactory(title="School OT at Lakeview")
    application = application_to(posting, status=S.REVIEWING, email="ana@example.org")

    event = move_application(
        application=application, to_status=S.INTERVIEW, by=recruiter_of(posting), note=NOTE
    )

    assert mail.outbox == []  # the worker sends, not the recruiter's request
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1  # never twice
    sent = mail.outbox[0]
    assert sent.to == ["ana@example.org"]
    assert sent.subject == f"Interview: School OT at Lakeview at {posting.employer.name}"
    assert "would like to interview you for School OT at Lakeview" in sent.body
    assert f"/me/applications/{application.reference}/" in sent.body
    assert "INTERNAL" not in sent.body + sent.subject
    assert OutgoingEmail.objects.get().key == f"application-{application.pk}-status-{event.pk}"


@pytest.mark.parametrize(
    ("current", "target", "subject", "says"),
    [
        (S.SUBMITTED, S.REVIEWING, "Your application is being reviewed", "started reviewing"),
        (S.REVIEWING, S.INTERVIEW, "Interview", "would like to interview you"),
        (S.INTERVIEW, S.OFFER, "An offer", "is making you an offer"),
        (S.OFFER, S.HIRED, "You're hired", "Congratulations"),
        (S.OFFER, S.NOT_SELECTED, "An update on your application", "not to go further"),
    ],
)
def test_each_change_the_applicant_hears_about_has_its_own_words(current, target, subject, says):
    posting = JobPostingFactory(title="Pediatric OT")
    application = application_to(posting, status=current, name="Ana O'Neil & Jo")

    move_application(application=application, to_status=target, by=recruiter_of(posting), note=NOTE)

    assert target in APPLICANT_HEARS
    email = OutgoingEmail.objects.get()
    assert email.subject.startswith(f"{subject}: Pediatric OT at ")
    assert says in email.body
    assert email.body.startswith("Hello Ana O'Neil & Jo,")  # plain text: nothing escaped
    assert "INTERNAL" not in email.body


@pytest.mark.parametrize(
    "gone", [{"applicant_left": True}, {"user": None}], ids=["applicant_left", "no_user"]
)
def test_an_applicant_who_deleted_their_account_is_not_emailed(gone):
    posting = JobPostingFactory()
    application = application_to(posting, status=S.REVIEWING)
    Application.objects.filter(pk=application.pk).update(**gone)
    application.refresh_from_db()

    move_application(application=application, to_status=S.INTERVIEW, by=recruiter_of(posting))

    assert application.events.get().status == S.INTERVIEW
    assert not OutgoingEmail.objects.exists()


def test_the_applicant_sees_the_new_status_but_never_the_note(client):
    posting = JobPostingFactory()
    application = application_to(posting, status=S.REVIEWING)
    move_application(
        application=application, to_status=S.INTERVIEW, by=recruiter_of(posting), note=NOTE
    )
    client.force_login(application.user)

    page = client.get(f"/me/applications/{application.reference}/").content.decode()

    assert "Interview" in page
    assert "INTERNAL" not in page


# The admin: moving ----------------------------------------------------------------------------
def test_a_recruiter_moves_an_application_from_its_page_with_a_note(client):
    posting = JobPostingFactory()
    recruiter = recruiter_of(posting)
    application = application_to(posting, status=S.REVIEWING)
    client.force_login(recruiter)

    page = client.get(change_url(application)).content.decode()
    assert f'action="{move_url(application)}"' in page
    assert 'value="interview"' in page
    assert 'value="not_selected"' in page
    assert 'value="hired"' not in page  # only the moves the pipeline allows from here
    response = client.post(move_url(application), {"to_status": "interview", "note": NOTE})

    assert response.status_code == 302
    assert response["Location"] == change_url(application)
    application.refresh_from_db()
    assert application.status == S.INTERVIEW
    event = application.events.get()
    assert (event.by, event.note) == (recruiter, NOTE)
    followed = client.get(change_url(application)).content.decode()
    assert "Moved to “Interview”." in followed
    assert NOTE in followed  # the employer's recruiters read their notes in the history


def test_a_refused_move_from_the_page_says_why_and_changes_nothing(client):
    posting = JobPostingFactory()
    application = application_to(posting, status=S.REVIEWING)
    client.force_login(recruiter_of(posting))

    response = client.post(move_url(application), {"to_status": "hired"}, follow=True)

    assert "Select a valid choice" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.REVIEWING
    assert not application.events.exists()


def test_a_closed_application_offers_no_move(client):
    posting = JobPostingFactory()
    application = application_to(posting, status=S.HIRED)
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert move_url(application) not in page
    assert "This application is closed (hired)" in page


def test_recruiters_of_another_employer_cannot_move_an_application(client, access_world):
    application = application_to(access_world.posting, status=S.REVIEWING)
    client.force_login(access_world.users[Visitor.RECRUITER_OF_OTHER_EMPLOYER])

    response = client.post(move_url(application), {"to_status": "interview", "note": NOTE})
    empty = client.post(move_url(application), {})  # refused before the form is read

    assert (response.status_code, empty.status_code) == (403, 403)
    assert client.post("/admin/applicants/application/999999/move/").status_code == 404
    application.refresh_from_db()
    assert application.status == S.REVIEWING
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize(
    ("visitor", "expected"),
    [(Visitor.ANONYMOUS, 302), (Visitor.APPLICANT, 302), (Visitor.RECRUITER_OF_EMPLOYER, 405)],
)
def test_the_move_address_takes_only_a_recruiters_post(client, access_world, visitor, expected):
    application = application_to(access_world.posting, status=S.REVIEWING)
    user = access_world.users[visitor]
    if user is not None:
        client.force_login(user)

    assert client.get(move_url(application)).status_code == expected
    assert client.post(move_url(application), {"to_status": "interview"}).status_code == 302
    application.refresh_from_db()
    moved = visitor == Visitor.RECRUITER_OF_EMPLOYER
    assert application.status == (S.INTERVIEW if moved else S.REVIEWING)


@pytest.mark.parametrize("who", ["recruiter", "superuser"])
def test_the_history_is_read_only_and_the_status_is_not_a_field(client, who):
    posting = JobPostingFactory()
    application = application_to(posting, status=S.REVIEWING)
    ApplicationEvent.objects.create(application=application, status=S.REVIEWING, note=NOTE)
    client.force_login(recruiter_of(posting) if who == "recruiter" else SuperuserFactory())

    page = client.get(change_url(application)).content.decode()

    assert NOTE in page
    assert 'name="events-0-note"' not in page  # no editing a step
    assert "events-__prefix__" not in page  # no adding one beside the pipeline
    assert 'name="events-0-DELETE"' not in page
    assert 'name="status"' not in page
    assert 'name="_save"' not in page


def test_move_actions_move_each_allowed_row_and_name_the_refused(client):
    posting = JobPostingFactory()
    submitted = application_to(posting, applicant("Ana Reyes"))
    hired = application_to(posting, applicant("Bo Hired"), status=S.HIRED)
    others = application_to(JobPostingFactory(), applicant("Cy Other"))
    client.force_login(recruiter_of(posting))

    response = client.post(
        "/admin/applicants/application/",
        {"action": "move_to_reviewing", "_selected_action": [submitted.pk, hired.pk, others.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "1 application(s) moved to “Being reviewed”." in html
    assert "Bo Hired: This application is closed (hired)" in html
    statuses = dict(Application.objects.values_list("name", "status"))
    assert statuses == {"Ana Reyes": S.REVIEWING, "Bo Hired": S.HIRED, "Cy Other": S.SUBMITTED}
    assert submitted.events.get().by is not None


# The admin: what recruiters see -----------------------------------------------------------
def test_the_application_page_shows_profile_checklist_letter_and_resume(client):
    posting = JobPostingFactory()
    profile = qualified_applicant()
    resume = add_resume(profile=profile, upload=pdf_upload("ana-cv.pdf"))
    application = application_to(
        posting, profile, resume_file=resume.file, cover_letter="I love sensory work."
    )
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert "School-based OTR/L, 6 years, AAC" in page
    assert "Texas OT license no. TX-12345" in page
    assert "OTR-778899" in page
    assert "CLASI Certificate in Ayres Sensory Integration (CASI)" in page
    assert "Meets every requirement" in page
    assert "State OT license (OTR/L) in Texas at start" in page
    assert "I love sensory work." in page
    assert resume.file.get_download_url() in page


def test_the_checklist_tells_the_recruiter_what_the_applicant_lacks(client):
    posting = JobPostingFactory()
    application = application_to(posting, applicant(degree=vocab.Degree.BACHELORS))
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert "Does not meet" in page
    assert "Meets every requirement" not in page


@pytest.mark.parametrize("scan", [ScanStatus.PENDING, ScanStatus.INFECTED])
def test_a_file_not_scanned_clean_is_never_linked(client, scan):
    posting = JobPostingFactory()
    profile = applicant()
    resume = add_resume(profile=profile, upload=pdf_upload("ana-cv.pdf"))
    ResumeFile.objects.filter(pk=resume.file.pk).update(scan_status=scan)
    application = application_to(posting, profile, resume_file=resume.file)
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert "ana-cv.pdf" in page
    assert resume.file.get_download_url() not in page


def test_an_applicant_who_left_shows_no_profile(client):
    posting = JobPostingFactory()
    application = application_to(posting, qualified_applicant(), status=S.WITHDRAWN)
    Application.objects.filter(pk=application.pk).update(applicant_left=True, user=None)
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert "The applicant deleted their account" in page
    assert "TX-12345" not in page


def test_an_applicant_who_stayed_is_not_said_to_have_left(client):
    posting = JobPostingFactory()
    application = application_to(posting, qualified_applicant())
    client.force_login(recruiter_of(posting))

    page = client.get(change_url(application)).content.decode()

    assert "TX-12345" in page
    assert "Applicant left" not in page
    assert "deleted their account" not in page


@pytest.fixture
def two_postings(access_world):
    """An application to each employer's posting, with titles that name their employer."""
    JobPosting.objects.filter(pk=access_world.posting.pk).update(title="Ours: School OT")
    JobPosting.objects.filter(pk=access_world.other_posting.pk).update(title="Theirs: Clinic OT")
    application_to(access_world.posting, applicant("Ana Ours"))
    application_to(access_world.other_posting, applicant("Bo Theirs"))
    return access_world


def test_the_posting_filter_lists_only_the_recruiters_own_postings(client, two_postings):
    client.force_login(two_postings.users[Visitor.RECRUITER_OF_EMPLOYER])

    listing = client.get("/admin/applicants/application/").content.decode()
    filtered = client.get(
        f"/admin/applicants/application/?posting={two_postings.other_posting.pk}"
    ).content.decode()

    assert f"?posting={two_postings.posting.pk}" in listing
    assert "Ours: School OT" in listing
    assert "Theirs: Clinic OT" not in listing
    assert f"?posting={two_postings.other_posting.pk}" not in listing
    assert "Bo Theirs" not in filtered
    assert "Theirs: Clinic OT" not in filtered
    assert "Export this posting" not in filtered


def test_the_posting_filter_offers_the_recent_few_and_the_one_chosen(client, two_postings):
    """Thousands of postings with applications must not make thousands of choices."""
    from applicants.admin import PostingFilter

    employer = two_postings.posting.employer
    many = [JobPostingFactory(employer=employer) for _ in range(PostingFilter.CHOICES + 2)]
    for posting in many:
        application_to(posting, applicant(f"Applicant {posting.pk}"))
    oldest = two_postings.posting  # published before the others
    JobPosting.objects.filter(pk=oldest.pk).update(
        published_at=min(p.published_at for p in many) - datetime.timedelta(days=1)
    )
    client.force_login(two_postings.users[Visitor.RECRUITER_OF_EMPLOYER])

    listing = client.get("/admin/applicants/application/").content.decode()
    chosen = client.get(f"/admin/applicants/application/?posting={oldest.pk}").content.decode()

    offered = set(re.findall(r"\?posting=(\d+)", listing))
    assert len(offered) == PostingFilter.CHOICES
    assert str(oldest.pk) not in offered
    assert f"?posting={oldest.pk}" in chosen
    assert "Ana Ours" in chosen


def test_a_postings_applicants_filter_by_whether_they_meet_its_requirements(client):
    posting = JobPostingFactory()
    application_to(posting, qualified_applicant("Ana Qualified"))
    application_to(posting, applicant("Bo Unlicensed", degree=vocab.Degree.MASTERS))
    client.force_login(recruiter_of(posting))
    url = f"/admin/applicants/application/?posting={posting.pk}"

    unfiltered = client.get("/admin/applicants/application/").content.decode()
    meeting = client.get(url + "&qualified=yes").content.decode()
    not_meeting = client.get(url + "&qualified=no").content.decode()

    assert "meets the requirements" not in unfiltered  # a posting must be chosen first
    assert "Ana Qualified" in meeting
    assert "Bo Unlicensed" not in meeting
    assert "Bo Unlicensed" in not_meeting
    assert "Ana Qualified" not in not_meeting


def test_a_superuser_filters_by_any_posting(client, two_postings):
    client.force_login(two_postings.users[Visitor.SUPERUSER])

    filtered = client.get(
        f"/admin/applicants/application/?posting={two_postings.other_posting.pk}"
    ).content.decode()

    assert "Bo Theirs" in filtered
    assert "Ana Ours" not in filtered
    assert csv_url(two_postings.other_posting) in filtered


def test_the_changelist_filters_by_status_and_applicant_left(client, two_postings):
    application_to(two_postings.posting, applicant("Cy Hired"), status=S.HIRED)
    client.force_login(two_postings.users[Visitor.RECRUITER_OF_EMPLOYER])

    hired = client.get("/admin/applicants/application/?status__exact=hired").content.decode()
    stayed = client.get("/admin/applicants/application/?applicant_left__exact=0").content.decode()

    assert "Cy Hired" in hired
    assert "Ana Ours" not in hired
    assert "Ana Ours" in stayed
    assert "Past 7 days" in stayed  # the submitted-date filter


# The admin: CSV export --------------------------------------------------------------------
CSV_ACCESS = access_matrix(
    {
        "GET /admin/applicants/application/posting/{posting}/export.csv": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 404,
            Visitor.SUPERUSER: 200,
        },
        "GET /admin/applicants/application/posting/{other_posting}/export.csv": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 404,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        },
    }
)


@pytest.mark.parametrize("cell", CSV_ACCESS)
def test_csv_export_access(client, two_postings, cell):
    response = assert_access(client, two_postings, cell)
    if response.status_code == 200:
        names = {row[1] for row in read_csv(response)[1:]}
        posting = cell.url.split("/")[-2]
        assert names == ({"Ana Ours"} if posting == "{posting}" else {"Bo Theirs"})


def test_the_csv_lists_a_postings_applicants_with_fit_and_resume(client):
    posting = JobPostingFactory()
    qualified = qualified_applicant("Ana Reyes")
    resume = add_resume(profile=qualified, upload=pdf_upload("ana-cv.pdf"))
    application_to(
        posting, qualified, email="ana@example.org", phone="512-555-0100",
        resume_file=resume.file, status=S.INTERVIEW,
        submitted_at=datetime.datetime(2026, 3, 2, 9, 30, tzinfo=timezone.get_current_timezone()),
    )  # fmt: skip
    pending = qualified_applicant("Bo Unknown")
    Profile.objects.filter(pk=pending.pk).update(degree="")  # "can't tell" the degree
    pending_resume = add_resume(profile=pending, upload=pdf_upload("bo-cv.pdf"))
    ResumeFile.objects.filter(pk=pending_resume.file.pk).update(scan_status=ScanStatus.PENDING)
    application_to(posting, pending, resume_file=pending_resume.file)
    application_to(posting, applicant("Cy Short", degree=vocab.Degree.BACHELORS))
    left = application_to(posting, applicant("Di Gone"), status=S.WITHDRAWN)
    Application.objects.filter(pk=left.pk).update(applicant_left=True, user=None)
    client.force_login(recruiter_of(posting))

    response = client.get(csv_url(posting))

    assert response["Content-Disposition"].startswith(
        f'attachment; filename="applicants-{posting.slug}-'
    )
    assert "no-cache" in response["Cache-Control"]
    rows = read_csv(response)
    assert rows[0] == [
        "Posting", "Name", "Email", "Phone", "Status", "Submitted at", "Applicant left",
        "Meets all requirements", "Resume file",
    ]  # fmt: skip
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ana Reyes"] == [
        posting.title, "Ana Reyes", "ana@example.org", "512-555-0100", "Interview",
        "2026-03-02 09:30", "no", "yes", "ana-cv.pdf",
    ]  # fmt: skip
    assert by_name["Bo Unknown"][7:] == ["can't tell", "not available (being checked for viruses)"]
    assert by_name["Cy Short"][7] == "no"
    assert by_name["Di Gone"][4:8] == ["Withdrawn", by_name["Di Gone"][5], "yes", "can't tell"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1 512 555 0100", "'+1 512 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Ana = Reyes", "Ana = Reyes"),
        ("", ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(value, cell):
    assert csv_cell(value) == cell


def test_the_csv_quotes_formulas_typed_by_applicants(client):
    posting = JobPostingFactory()
    application_to(posting, name='=HYPERLINK("http://evil","x")', phone="+1 512 555 0100")
    client.force_login(recruiter_of(posting))

    row = read_csv(client.get(csv_url(posting)))[1]

    assert row[1] == '\'=HYPERLINK("http://evil","x")'
    assert row[3] == "'+1 512 555 0100"


def test_the_csv_takes_a_few_queries_however_many_applicants(client, django_assert_max_num_queries):
    posting = JobPostingFactory()
    for n in range(6):
        application_to(posting, qualified_applicant(f"Applicant {n}"))
    client.force_login(recruiter_of(posting))

    with django_assert_max_num_queries(7):  # the user, permissions, posting, rows, licenses
        rows = read_csv(client.get(csv_url(posting)))

    assert len(rows) == 7


def test_the_export_action_exports_only_the_recruiters_own_applications(client, two_postings):
    ours = Application.objects.get(posting=two_postings.posting)
    theirs = Application.objects.get(posting=two_postings.other_posting)
    client.force_login(two_postings.users[Visitor.RECRUITER_OF_EMPLOYER])

    response = client.post(
        "/admin/applicants/application/",
        {"action": "export_csv", "_selected_action": [ours.pk, theirs.pk]},
    )

    assert [row[1] for row in read_csv(response)[1:]] == ["Ana Ours"]


def test_the_changelist_links_the_chosen_postings_csv(client, two_postings):
    client.force_login(two_postings.users[Visitor.RECRUITER_OF_EMPLOYER])

    page = client.get(f"/admin/applicants/application/?posting={two_postings.posting.pk}")

    assert csv_url(two_postings.posting) in page.content.decode()
