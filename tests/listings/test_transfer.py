"""Recruiters import postings in bulk from CSV and Excel files, as drafts of their own
employers, after a preview that lists every row's errors; and export the postings they
manage (listings/transfer.py, listings/admin/postings.py)."""

import csv
import datetime
import io
import os
import threading
import time
from contextlib import contextmanager
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.db.models import Max

from listings import vocab
from listings.models import CatalogueChange, JobPosting, Membership
from listings.search.catalogue import MAX_INCREMENTAL, _poll, current_catalogue, search_stats
from listings.spreadsheets import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    UPLOAD_SALT,
    CSVFormat,
    PrivateUploadStorage,
)
from listings.transfer import PostingResource
from tests.access import ADMIN_LOGIN, Visitor, access_matrix, assert_access
from tests.factories import EmployerFactory, JobPostingFactory, RecruiterFactory
from tests.listings.test_markdown import (
    PAYLOADS,
    active_markup,
    atom_summary,
    json_ld_description,
    posting_text,
    rss_description,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/listings/jobposting/import/"
CONFIRM_URL = "/admin/listings/jobposting/process_import/"
EXPORT_URL = "/admin/listings/jobposting/export/"
CSV, XLSX = "0", "1"  # the format choices, in the order of spreadsheets.IMPORT_FORMATS


def row(employer, **changes) -> dict[str, str]:
    """A complete school-based OT posting, as a recruiter types it in a spreadsheet."""
    return {
        "employer": employer.slug,
        "title": "School-based OT",
        "role": "school_ot",
        "setting": "school",
        "employment_type": "school_year",
        "min_degree": "masters",
        "licensure_status": "licensed",
        "required_credentials": "ot_license|nbcot_otr",
        "age_groups": "preschool, school_age",
        "focus_areas": "handwriting|fine_motor",
        "pay_min": "62000",
        "pay_max": "78000",
        "pay_unit": "YEAR",
        "city": "Austin",
        "state": "TX",
        "zip_code": "78701",
        "description": "A caseload of 45 students across two campuses.",
        **changes,
    }


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(dict.fromkeys(key for r in rows for key in r)))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def csv_upload(rows: list[dict]) -> SimpleUploadedFile:
    return SimpleUploadedFile("postings.csv", csv_bytes(rows), content_type="text/csv")


def xlsx_bytes(header: list, *rows: list) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in (header, *rows):
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def preview(client, upload, file_format=CSV):
    return client.post(IMPORT_URL, {"import_file": upload, "format": file_format, "resource": "0"})


def confirm(client, previewed):
    assert "confirm_form" in previewed.context, previewed.context.get("result")
    return client.post(CONFIRM_URL, previewed.context["confirm_form"].initial)


def messages_on(client) -> str:
    return client.get("/admin/listings/jobposting/").text


def uploads_left(settings) -> list:
    folder = settings.PRIVATE_MEDIA_ROOT / "uploads"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def employer_a():
    return EmployerFactory(name="Bluebonnet Schools")


@pytest.fixture
def employer_b():
    return EmployerFactory(name="Front Range Kids")


@pytest.fixture
def recruiter_a(employer_a):
    return RecruiterFactory(employers=[employer_a])


@pytest.fixture
def recruiter_b(employer_b):
    return RecruiterFactory(employers=[employer_b])


# Importing ------------------------------------------------------------------------------------
def test_a_recruiter_previews_a_csv_then_imports_it_as_drafts_of_their_employer(
    client, settings, employer_a, recruiter_a
):
    client.force_login(recruiter_a)
    feeding = row(
        employer_a,
        title="Feeding therapist",
        role="Pediatric Occupational Therapist",  # labels are taken too, in any case
        setting="outpatient_clinic",
        employment_type="full_time",
        pay_min="$38",
        pay_max="48.50",
        pay_unit="per hour",
        city="Denver",
        state="colorado",
        zip_code="80202",
    )
    previewed = preview(client, csv_upload([row(employer_a), feeding]))

    assert previewed.status_code == 200
    assert "2 draft postings to import" in previewed.text
    assert "/jobs/feeding-therapist-denver-co/" in previewed.text
    assert not JobPosting.objects.exists()  # a preview saves nothing

    done = confirm(client, previewed)
    assert (done.status_code, done["Location"]) == (302, "/admin/listings/jobposting/")
    assert "2 posting(s) imported as drafts" in messages_on(client)
    postings = {posting.title: posting for posting in JobPosting.objects.all()}
    assert set(postings) == {"School-based OT", "Feeding therapist"}
    for posting in postings.values():
        assert posting.employer == employer_a
        assert posting.status == vocab.PostingStatus.DRAFT
        assert posting.published_at is None
        assert posting.latitude is not None  # prepare_posting ran: coordinates from the ZIP
    therapist = postings["Feeding therapist"]
    assert therapist.slug == "feeding-therapist-denver-co"
    assert (therapist.role, therapist.state, therapist.pay_unit) == ("pediatric_ot", "CO", "HOUR")
    assert (therapist.pay_min, therapist.pay_max) == (Decimal(38), Decimal("48.50"))
    school = postings["School-based OT"]
    assert school.slug == "school-based-ot-austin-tx"
    assert school.required_credentials == ["ot_license", "nbcot_otr"]
    assert school.age_groups == ["preschool", "school_age"]
    assert school.how_to_apply == vocab.HowToApply.ON_SITE  # a missing column: the default
    assert LogEntry.objects.filter(user=recruiter_a).count() == 2
    assert uploads_left(settings) == []


def test_an_excel_workbook_imports_with_labels_numbers_dates_and_a_formula(
    client, employer_a, recruiter_a
):
    client.force_login(recruiter_a)
    header = [
        "Employer", "Title", "Role", "Setting", "Employment type", "Minimum degree",
        "Licensure status", "Pay min", "Pay max", "Pay unit", "City", "State", "ZIP code",
        "Description", "Benefits", "Apply-by date", "drivers_license_required",
        "ESY available", "Years of pediatric experience required", "Notes",
    ]  # fmt: skip
    workbook = xlsx_bytes(
        header,
        [
            employer_a.slug, "Itinerant COTA", "COTA",
            "School district / charter / county office of education", "school_year",
            "Associate degree", "licensed", 30, 38.5, "hour", "Cambridge", "Massachusetts",
            2139,  # Excel dropped the ZIP's leading zero
            "Two elementary schools.", "=1+1", datetime.date(2027, 1, 15), True, "yes", 2.0,
            "not imported",
        ],
    )  # fmt: skip
    previewed = preview(client, SimpleUploadedFile("postings.xlsx", workbook), XLSX)
    assert "Columns not imported: Notes." in previewed.text
    confirm(client, previewed)

    posting = JobPosting.objects.get()
    assert (posting.role, posting.setting, posting.min_degree) == ("cota", "school", "associate")
    assert (posting.state, posting.zip_code) == ("MA", "02139")
    assert posting.latitude == pytest.approx(42.3647)
    assert (posting.pay_min, posting.pay_max) == (Decimal(30), Decimal("38.50"))
    assert posting.apply_by == datetime.date(2027, 1, 15)
    assert posting.drivers_license_required is True
    assert posting.esy_available is True  # "ESY available": the field's name, in words
    assert posting.years_experience == 2
    assert posting.benefits == ""  # a formula is never calculated here; no value was saved


ROW_ERRORS = [
    pytest.param({"role": "physio"}, "role", "“physio” is not one of: pediatric_ot", id="role"),
    pytest.param(
        {"focus_areas": "handwriting|juggling"}, "focus_areas", "“juggling” is not one of", id="set"
    ),
    pytest.param(
        {"pay_min": "90000"},
        "pay_max",
        "The top of the pay range must be at least its bottom.",
        id="pay-inverted",
    ),
    pytest.param({"pay_min": ""}, "pay_min", "This field cannot be null.", id="pay-missing"),
    pytest.param({"pay_unit": ""}, "pay_unit", "This field cannot be blank.", id="unit-missing"),
    pytest.param(
        {"pay_min": "0"}, "pay_min", "Enter the bottom of the pay range, above zero.", id="pay-0"
    ),
    pytest.param({"pay_min": "lots"}, "pay_min", "Enter an amount such as 38.50", id="pay-word"),
    pytest.param({"state": "ZZ"}, "state", "“ZZ” is not one of: AL, AK", id="state"),
    pytest.param(
        {"how_to_apply": "external", "apply_url": "not a url"},
        "apply_url",
        "Enter a valid URL.",
        id="url",
    ),
    pytest.param({"apply_url": "javascript:alert(1)"}, "apply_url", "Enter a valid URL.", id="js"),
    pytest.param(
        {"how_to_apply": "external"},
        "apply_url",
        "Give the URL where applicants apply on your site.",
        id="url-missing",
    ),
    pytest.param({"zip_code": "00000"}, "zip_code", "We could not find this ZIP code.", id="zip"),
    pytest.param({"zip_code": "7870"}, "zip_code", "Enter a five-digit ZIP code.", id="zip-short"),
    pytest.param(
        {"employment_model": "agency_w2", "client_name": ""},
        "client_name",
        "Agency postings name the client where the work happens.",
        id="agency-without-client",
    ),
    pytest.param({"title": ""}, "title", "This field cannot be blank.", id="title-missing"),
    pytest.param(
        {"title": "x" * 6000},
        "title",
        "Ensure this value has at most 160 characters (it has 6000).",
        id="huge-cell",
    ),
    pytest.param(
        {"years_experience": "two"}, "years_experience", "Enter a whole number", id="years"
    ),
    pytest.param(
        {"productivity_target": "150"},
        "productivity_target",
        "Ensure this value is less than or equal to 100.",
        id="productivity",
    ),
    pytest.param({"acote_required": "maybe"}, "acote_required", "Use yes or no", id="yes-no"),
    pytest.param({"apply_by": "soon"}, "apply_by", "Enter a date as YYYY-MM-DD", id="date"),
    pytest.param({"id": "17"}, "id", "importing adds new drafts only", id="id-column"),
]


@pytest.mark.parametrize(("changes", "field", "message"), ROW_ERRORS)
def test_a_bad_row_is_listed_with_its_error_and_nothing_is_imported(
    client, settings, employer_a, recruiter_a, changes, field, message
):
    client.force_login(recruiter_a)
    rows = [row(employer_a, title="Good row"), {}, row(employer_a, **changes)]  # a blank line
    response = preview(client, csv_upload(rows))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number + 1 == 4  # the spreadsheet's row: header, good, blank, bad
    assert any(message in error for error in invalid.error_dict[field]), invalid.error_dict
    assert "1 row to correct" in response.text
    assert "<td>4</td>" in response.text
    assert not JobPosting.objects.exists()
    assert uploads_left(settings) == []  # a preview with errors can't be confirmed: not kept


def test_every_error_of_a_row_is_listed_at_once(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    bad = row(employer_a, role="physio", state="ZZ", pay_min="90000", zip_code="00000")
    response = preview(client, csv_upload([bad]))
    [invalid] = response.context["result"].invalid_rows
    assert set(invalid.error_dict) == {"role", "state", "pay_max", "zip_code"}


def test_a_recruiter_cannot_import_into_another_employer(
    client, employer_a, employer_b, recruiter_b
):
    client.force_login(recruiter_b)
    response = preview(client, csv_upload([row(employer_b), row(employer_a)]))
    [invalid] = response.context["result"].invalid_rows
    assert invalid.error_dict["employer"] == [
        "Name one of your employers by its slug (the end of its page's address): "
        f"“{employer_a.slug}” is not one of them."
    ]
    assert "confirm_form" not in response.context
    assert not JobPosting.objects.exists()


def test_a_crafted_confirmation_naming_another_employer_creates_nothing(
    client, employer_a, recruiter_b
):
    # What no preview hands out: a file naming employer A, waiting and signed for B.
    storage = PrivateUploadStorage()
    storage.save(csv_bytes([row(employer_a)]))
    client.force_login(recruiter_b)
    response = client.post(
        CONFIRM_URL,
        {
            "import_file_name": signing.dumps(
                [storage.name, CSV, "0", recruiter_b.pk], salt=UPLOAD_SALT
            ),
            "original_file_name": "postings.csv",
        },
    )
    assert response.status_code == 200
    [invalid] = response.context["result"].invalid_rows
    assert "employer" in invalid.error_dict
    assert not JobPosting.objects.exists()


def test_rows_are_checked_again_when_the_import_is_confirmed(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    previewed = preview(client, csv_upload([row(employer_a), row(employer_a, title="Second")]))
    Membership.objects.filter(user=recruiter_a).delete()  # no longer works for employer A

    response = confirm(client, previewed)
    assert response.status_code == 200
    assert len(response.context["result"].invalid_rows) == 2
    assert "2 rows to correct" in response.text
    assert not JobPosting.objects.exists()


def test_another_recruiter_cannot_confirm_my_preview(client, employer_a, recruiter_a, recruiter_b):
    client.force_login(recruiter_a)
    previewed = preview(client, csv_upload([row(employer_a)]))
    client.force_login(recruiter_b)
    refused = confirm(client, previewed)
    assert (refused.status_code, refused["Location"]) == (302, IMPORT_URL)
    assert "This preview has expired or is not yours" in client.get(IMPORT_URL).text
    assert not JobPosting.objects.exists()

    client.force_login(recruiter_a)
    confirm(client, previewed)
    assert JobPosting.objects.get().employer == employer_a


@pytest.mark.parametrize("name", ["not-signed", "../../../settings.py", ""])
def test_a_confirmation_naming_an_upload_by_hand_is_refused(client, recruiter_a, name):
    client.force_login(recruiter_a)
    response = client.post(
        CONFIRM_URL,
        {"import_file_name": name, "original_file_name": "x.csv", "format": CSV, "resource": "0"},
    )
    assert (response.status_code, response["Location"]) == (302, IMPORT_URL)
    assert not JobPosting.objects.exists()


def test_a_confirmation_reads_the_file_as_it_was_previewed(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    previewed = preview(client, csv_upload([row(employer_a)]))
    tampered = {**previewed.context["confirm_form"].initial, "format": "7", "resource": "x"}
    response = client.post(CONFIRM_URL, tampered)
    assert response.status_code == 302
    assert JobPosting.objects.get().employer == employer_a


def test_confirming_twice_imports_once(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    previewed = preview(client, csv_upload([row(employer_a)]))
    confirm(client, previewed)
    again = confirm(client, previewed)
    assert (again.status_code, again["Location"]) == (302, IMPORT_URL)
    assert "This preview was already confirmed" in client.get(IMPORT_URL).text
    assert JobPosting.objects.count() == 1


def test_a_recruiter_of_one_employer_may_leave_the_employer_column_out(
    client, employer_a, employer_b, recruiter_a
):
    client.force_login(recruiter_a)
    without = {key: value for key, value in row(employer_a).items() if key != "employer"}
    confirm(client, preview(client, csv_upload([without])))
    assert JobPosting.objects.get().employer == employer_a

    client.force_login(RecruiterFactory(employers=[employer_a, employer_b]))
    response = preview(client, csv_upload([without]))
    [invalid] = response.context["result"].invalid_rows
    assert invalid.error_dict["employer"] == [
        "Name one of your employers by its slug (the end of its page's address)."
    ]


def test_site_staff_import_into_any_employer(client, superuser, employer_a, employer_b):
    client.force_login(superuser)
    confirm(client, preview(client, csv_upload([row(employer_a), row(employer_b)])))
    assert {posting.employer for posting in JobPosting.objects.all()} == {employer_a, employer_b}


def test_slugs_stay_unique_within_a_file_and_against_existing_postings(
    client, employer_a, recruiter_a
):
    JobPostingFactory(employer=employer_a, title="School-based OT", city="Austin", state="TX")
    client.force_login(recruiter_a)
    confirm(client, preview(client, csv_upload([row(employer_a), row(employer_a)])))
    slugs = set(JobPosting.objects.values_list("slug", flat=True))
    assert slugs == {
        "school-based-ot-austin-tx",
        "school-based-ot-austin-tx-2",
        "school-based-ot-austin-tx-3",
    }


UNREADABLE = [
    pytest.param(b"", CSV, "The submitted file is empty.", id="empty-file"),
    pytest.param(b"\n\n", CSV, "its first row must name the columns", id="blank-lines"),
    pytest.param(b"title,city\n", CSV, "No valid data to import", id="header-only"),
    pytest.param(
        b"title,city\nSchool OT,Austin,TX\n", CSV, "Row 2 has more cells", id="malformed-csv"
    ),
    pytest.param(b'title,city\n"School OT,Austin\n', CSV, "Line 2 could not be read", id="quote"),
    pytest.param(
        "title,city\nErgothérapeute,Austin\n".encode("cp1252"),
        CSV,
        "This file is not UTF-8 text.",
        id="wrong-encoding",
    ),
    pytest.param(
        b"title,description\nOT," + b"x" * 200_000 + b"\n",
        CSV,
        "field larger than field limit",
        id="huge-csv-cell",
    ),
    pytest.param(b"title,city\nOT,Austin\n", XLSX, "not an Excel workbook", id="csv-as-xlsx"),
    pytest.param(xlsx_bytes(["title"], ["OT"]), CSV, "not UTF-8", id="xlsx-as-csv"),
    pytest.param(b"PK\x03\x04" + b"\0" * 100, XLSX, "not an Excel workbook", id="broken-zip"),
    pytest.param(
        xlsx_bytes([f"c{n}" for n in range(250)], ["x"] * 250),
        XLSX,
        "more than 200 columns",
        id="too-wide",
    ),
]


@pytest.mark.parametrize(("content", "file_format", "message"), UNREADABLE)
def test_a_file_that_cannot_be_read_is_explained_next_to_the_file_field(
    client, settings, recruiter_a, content, file_format, message
):
    client.force_login(recruiter_a)
    response = preview(client, SimpleUploadedFile("upload", content), file_format)
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert any(message in error for error in errors), errors
    assert "confirm_form" not in response.context
    assert not JobPosting.objects.exists()
    assert uploads_left(settings) == []


def test_a_file_with_too_many_rows_is_refused(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    rows = [row(employer_a, title=f"OT {n}") for n in range(MAX_ROWS + 1)]
    response = preview(client, csv_upload(rows))
    assert response.context["form"].errors["import_file"] == [
        f"The file has more than {MAX_ROWS:,} rows: split it."
    ]


def test_two_columns_for_one_field_are_refused(client, employer_a, recruiter_a):
    client.force_login(recruiter_a)
    content = csv_bytes([row(employer_a)]).replace(b"title,", b"Title,", 1)
    content = content.replace(b"description", b"title", 1)
    response = preview(client, SimpleUploadedFile("postings.csv", content))
    assert "Two columns are named title: keep one of them." in response.text
    assert "Traceback" not in response.text
    assert "confirm_form" not in response.context


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, recruiter_a):
    client.force_login(recruiter_a)
    response = preview(client, SimpleUploadedFile("big.csv", b"x" * (MAX_UPLOAD_BYTES + 1)))
    assert response.context["form"].errors["import_file"] == ["The file is over 10 MB: split it."]


# Posting text from a file is sanitized where it is shown -------------------------------------
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_imported_rows_stay_inert_on_the_page_feeds_and_json_ld(
    client, employer_a, recruiter_a, payload
):
    client.force_login(recruiter_a)
    previewed = preview(
        client,
        csv_upload(
            [
                row(
                    employer_a,
                    title=f"OT {payload}"[:160],
                    description=f"About us.\n\n{payload}",
                    requirements=f"A license.\n\n{payload}",
                    benefits=f"Dental.\n\n{payload}",
                )
            ]
        ),
    )
    assert active_markup(previewed.text, whole_page=True) == []  # the preview shows text
    confirm(client, previewed)
    posting = JobPosting.objects.get()
    assert posting.description == f"About us.\n\n{payload}"  # stored as typed
    posting.publish()
    client.logout()

    response = client.get(posting.get_absolute_url())
    text = posting_text(response)
    for words in ("About us.", "A license.", "Dental."):
        assert words in text
    assert active_markup(text) == []
    assert active_markup(response.text, whole_page=True) == []
    assert active_markup(json_ld_description(response)) == []
    for summary in (rss_description(client), atom_summary(client)):
        assert "About us." in summary
        assert active_markup(summary) == []


# Exporting ------------------------------------------------------------------------------------
def test_a_recruiter_exports_only_their_employers_postings_with_formulas_quoted(
    client, employer_a, employer_b, recruiter_a
):
    mine = JobPostingFactory(employer=employer_a, title='=HYPERLINK("http://x.example","Go")')
    draft = JobPostingFactory(employer=employer_a, draft=True, city="+Austin")
    theirs = JobPostingFactory(employer=employer_b, title="Someone else's")
    client.force_login(recruiter_a)

    response = client.post(EXPORT_URL, {"format": CSV, "resource": "0"})
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith('attachment; filename="postings-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["id"] for r in rows} == {str(mine.pk), str(draft.pk)}
    exported = {int(r["id"]): r for r in rows}
    assert exported[mine.pk]["title"] == """'=HYPERLINK("http://x.example","Go")"""
    assert exported[draft.pk]["city"] == "'+Austin"
    assert exported[mine.pk]["employer"] == employer_a.slug
    assert exported[mine.pk]["required_credentials"] == "ot_license|nbcot_otr"
    assert exported[draft.pk]["status"] == "draft"

    # Postings picked by id (as the changelist's export action posts them): only theirs.
    picked = client.post(EXPORT_URL, {"format": CSV, "resource": "0", "export_items": [mine.pk]})
    assert [r["id"] for r in csv.DictReader(io.StringIO(picked.text.lstrip("\ufeff")))] == [
        str(mine.pk)
    ]
    refused = client.post(EXPORT_URL, {"format": CSV, "export_items": [theirs.pk]})
    assert refused["Content-Type"].startswith("text/html")  # the form again, with an error
    assert "Someone else" not in refused.text

    response = client.post(EXPORT_URL, {"format": XLSX, "resource": "0"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = {
        row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)
    }
    assert set(cells) == {mine.pk, draft.pk}
    title = cells[mine.pk]["title"]
    assert (title.value, title.data_type) == ("""'=HYPERLINK("http://x.example","Go")""", "s")
    assert cells[mine.pk]["pay_min"].value == 38


def test_an_export_imports_again_as_new_drafts_once_its_ids_are_emptied(
    client, employer_a, recruiter_a
):
    JobPostingFactory(employer=employer_a, title="School OT", city="Austin")
    client.force_login(recruiter_a)
    exported = client.post(EXPORT_URL, {"format": CSV, "resource": "0"}).content

    response = preview(client, SimpleUploadedFile("postings.csv", exported))
    [invalid] = response.context["result"].invalid_rows
    assert "importing adds new drafts only" in invalid.error_dict["id"][0]

    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    previewed = preview(client, csv_upload([{**r, "id": ""} for r in rows]))
    assert "Columns not imported: slug, status, published_at" in previewed.text
    confirm(client, previewed)
    copy = JobPosting.objects.get(status=vocab.PostingStatus.DRAFT)
    assert (copy.title, copy.slug) == ("School OT", "school-ot-austin-tx-2")


# Who may import and export --------------------------------------------------------------------
TRANSFER_ACCESS = access_matrix(
    {
        f"GET {url}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 200,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 200,
            Visitor.SUPERUSER: 200,
        }
        for url in (IMPORT_URL, EXPORT_URL)
    }
    | {
        # A confirmation without a preview behind it: back to the import page.
        f"POST {CONFIRM_URL}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 302,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 302,
            Visitor.SUPERUSER: 302,
        },
        f"GET {CONFIRM_URL}": {
            Visitor.ANONYMOUS: ADMIN_LOGIN,
            Visitor.APPLICANT: ADMIN_LOGIN,
            Visitor.RECRUITER_OF_EMPLOYER: 405,
            Visitor.RECRUITER_OF_OTHER_EMPLOYER: 405,
            Visitor.SUPERUSER: 405,
        },
    }
)


@pytest.mark.parametrize("cell", TRANSFER_ACCESS)
def test_import_and_export_pages_answer_each_visitor_as_declared(client, access_world, cell):
    assert_access(client, access_world, cell)


def test_staff_without_the_recruiters_permissions_can_neither_import_nor_export(client, employer_a):
    client.force_login(RecruiterFactory(employers=[employer_a], in_recruiters_group=False))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_the_registered_postings_admin_links_to_import_and_export(client, recruiter_a):
    registered = admin.site._registry[JobPosting]
    assert type(registered).__name__ == "RecruitingPostingAdmin"  # applicants' subclass
    client.force_login(recruiter_a)
    page = client.get("/admin/listings/jobposting/").text
    assert f"href='{IMPORT_URL}' class=\"import_link\"" in page
    assert f'href="{EXPORT_URL}?" class="export_link"' in page


# Cost, and the search index -------------------------------------------------------------------
def last_change() -> int:
    return CatalogueChange.objects.aggregate(last=Max("id"))["last"] or 0


@contextmanager
def statements():
    """Every statement this thread's connection runs (CaptureQueriesContext keeps 9,000)."""
    seen: list[str] = []

    def note(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        yield seen


def test_an_import_costs_a_query_a_row_and_logs_one_change_a_posting(employer_a, recruiter_a):
    rows = [row(employer_a, title=f"School OT {n}") for n in range(60)]
    dataset = CSVFormat().create_dataset(csv_bytes(rows))
    position = last_change()

    with statements() as ran:
        result = PostingResource(user=recruiter_a).import_data(dataset, dry_run=False)

    assert len(ran) <= len(rows) + 10  # a slug lookup a new title; inserts in batches

    assert not result.has_errors()
    assert not result.has_validation_errors()
    imported = set(JobPosting.objects.values_list("pk", flat=True))
    assert len(imported) == 60
    assert set(_poll(position)) == imported  # each process re-reads them: no rebuild


def test_a_preview_writes_nothing(employer_a, recruiter_a):
    rows = [row(employer_a, title=f"School OT {n}") for n in range(60)]
    dataset = CSVFormat().create_dataset(csv_bytes(rows))
    position = last_change()
    with statements() as ran:
        result = PostingResource(user=recruiter_a).import_data(dataset, dry_run=True)
    assert len(result.valid_rows()) == 60
    assert len(ran) <= len(rows) + 10
    assert not [sql for sql in ran if not sql.lstrip().upper().startswith("SELECT")]
    assert last_change() == position


@pytest.mark.django_db(transaction=True)
def test_five_thousand_rows_block_no_other_save_and_rebuild_each_index_once():
    """One transaction: nothing shows until all 5,000 are in, and other recruiters' saves
    go through meanwhile (PostgreSQL: the change triggers wait for the commit; SQLite runs
    one writer at a time, so there other saves wait for the import)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter")
    employer_a, employer_b = EmployerFactory(), EmployerFactory()
    recruiter = RecruiterFactory(employers=[employer_a])
    theirs = JobPostingFactory(employer=employer_b, title="Theirs")
    position = current_catalogue().position
    builds = search_stats()["full_builds"]
    cities = [("Austin", "TX", "78701"), ("Denver", "CO", "80202"), ("Cambridge", "MA", "02139")]
    rows = [
        row(employer_a, title=f"School OT {n}", city=c, state=s, zip_code=z)
        for n in range(5000)
        for c, s, z in [cities[n % 3]]
    ]
    dataset = CSVFormat().create_dataset(csv_bytes(rows))
    meanwhile: dict = {}

    def another_recruiter_saves():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
            started = time.monotonic()
            edited = JobPosting.objects.get(pk=theirs.pk)
            edited.title = "Theirs, edited meanwhile"
            edited.save()
            JobPostingFactory(employer=employer_b, title="Theirs, added meanwhile")
            meanwhile["seconds"] = time.monotonic() - started
            meanwhile["imported_seen"] = JobPosting.objects.filter(employer=employer_a).count()
        except Exception as error:  # a lock timeout would land here
            meanwhile["error"] = error
        finally:
            connections.close_all()

    class WhileImporting(PostingResource):
        def bulk_create(self, *args, **kwargs):
            super().bulk_create(*args, **kwargs)  # all 5,000 written, the transaction open
            other = threading.Thread(target=another_recruiter_saves)
            other.start()
            other.join()

    started = time.monotonic()
    with statements() as ran:
        result = WhileImporting(user=recruiter).import_data(dataset, dry_run=False)
    print(f"5,000 rows: {len(ran)} statements, {time.monotonic() - started:.1f} s")

    assert len(ran) <= len(rows) + 50  # a slug lookup a new title; inserts of 500

    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert "error" not in meanwhile, meanwhile
    assert meanwhile["seconds"] < 1
    assert meanwhile["imported_seen"] == 0  # one transaction: all or nothing
    imported = JobPosting.objects.filter(employer=employer_a)
    assert imported.count() == 5000
    assert imported.filter(latitude__isnull=False, status=vocab.PostingStatus.DRAFT).count() == 5000
    assert len(set(imported.values_list("slug", flat=True))) == 5000

    # The commit logged a change per posting: more than one refresh takes, so each process
    # rebuilds its index once, then follows changes again.
    assert CatalogueChange.objects.filter(id__gt=position).count() == 5000 + 2
    assert 5000 > MAX_INCREMENTAL
    assert _poll(position) is None
    catalogue = current_catalogue()
    assert search_stats()["full_builds"] == builds + 1
    assert current_catalogue() is catalogue
    assert search_stats()["full_builds"] == builds + 1
    listed = set(catalogue.ids.tolist())
    assert theirs.pk in listed
    assert not listed & set(imported.values_list("pk", flat=True))


def test_uploads_previewed_but_never_confirmed_are_pruned_after_a_day(settings, tmp_path):
    import time
    from io import StringIO

    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    from django.core.management import call_command

    from listings.spreadsheets import UPLOAD_FOLDER

    storage = storages["private"]
    old = storage.save(f"{UPLOAD_FOLDER}/abandoned", ContentFile(b"title,pay_min\n"))
    fresh = storage.save(f"{UPLOAD_FOLDER}/waiting", ContentFile(b"title,pay_min\n"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(storage.path(old), (two_days_ago, two_days_ago))
    out = StringIO()

    call_command("prune_import_uploads", stdout=out)

    assert not storage.exists(old)
    assert storage.exists(fresh)
    assert "Deleted 1 import upload" in out.getvalue()
    storage.delete(fresh)
