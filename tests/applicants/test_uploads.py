"""Resumes are accepted by content: real PDFs and .docx files in, everything else out.

Every file here is built in the test (pypdf, zipfile, Pillow), none is downloaded.
"""

import hashlib
import io
import zipfile

import filetype
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from applicants import uploads
from applicants.uploads import display_name, verify_resume

MB = 1024 * 1024
ACCEPTED = "Upload your resume as a PDF or a Word document (.docx) of up to 5 MB."
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Jane Doe, OTR/L</w:t></w:r></w:p></w:body>"
    "</w:document>"
)


def pdf_bytes(*lines: str, pages: int = 1, **encrypt: str) -> bytes:
    """A real PDF: blank pages, or one page per line of text."""
    writer = PdfWriter()
    for line in lines:
        page = writer.add_blank_page(612, 792)
        helvetica = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})}
        )
        text = StreamObject()
        text.set_data(f"BT /F1 24 Tf 72 720 Td ({line}) Tj ET".encode())
        page.replace_contents(text)
    for _ in range(pages if not lines else 0):
        writer.add_blank_page(612, 792)
    if encrypt:
        writer.encrypt(**encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes(*entries: tuple[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes(*extra: tuple[str, str | bytes], main: str = DOCX_MAIN, **kwargs: int) -> bytes:
    """A minimal Word document: content types, package relationships, the document body."""
    return zip_bytes(
        ("[Content_Types].xml", CONTENT_TYPES.format(main=main)),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", DOCUMENT),
        *extra,
        **kwargs,
    )


def refusal(data: bytes, name: str = "resume.pdf") -> str:
    with pytest.raises(ValidationError) as refused:
        verify_resume(SimpleUploadedFile(name, data))
    [message] = refused.value.messages
    return message


# Accepted


def test_one_page_pdf_is_accepted_and_rewound_for_saving():
    data = pdf_bytes()
    upload = SimpleUploadedFile("Jane Doe resume.pdf", data, content_type="text/plain")
    upload.read()  # whatever read it before, the whole file is checked

    verified = verify_resume(upload)

    assert verified == uploads.VerifiedFile(
        kind="pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=1,
    )
    assert upload.tell() == 0


def test_pdf_with_text_reports_its_page_count():
    data = pdf_bytes("Jane Doe, OTR/L", "Pediatric occupational therapist")
    assert PdfReader(io.BytesIO(data)).pages[0].extract_text() == "Jane Doe, OTR/L"

    assert verify_resume(SimpleUploadedFile("cv.pdf", data)).pages == 2


def test_pdf_with_only_an_owner_password_opens_without_one_and_is_accepted():
    data = pdf_bytes(user_password="", owner_password="no-editing")
    assert PdfReader(io.BytesIO(data)).is_encrypted

    assert verify_resume(SimpleUploadedFile("resume.pdf", data)).kind == "pdf"


def test_pdf_of_exactly_the_size_limit_is_accepted():
    data = pdf_bytes()
    data += b"\n" * (5 * MB - len(data))

    assert verify_resume(SimpleUploadedFile("resume.pdf", data)).size == 5 * MB


def test_minimal_word_document_is_accepted_and_rewound_for_saving():
    data = docx_bytes()
    assert filetype.guess(data).mime == DOCX_MIME
    upload = SimpleUploadedFile("resume.docx", data)

    verified = verify_resume(upload)

    assert verified == uploads.VerifiedFile(
        kind="docx",
        content_type=DOCX_MIME,
        extension=".docx",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=None,
    )
    assert upload.tell() == 0


def test_word_document_that_filetype_only_calls_a_zip_is_accepted_on_its_structure():
    # Writers that put document properties first push word/ past what filetype looks at.
    data = zip_bytes(
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/app.xml", "<Properties/>"),
        ("docProps/core.xml", "<coreProperties/>"),
        ("docProps/custom.xml", "<Properties/>"),
        ("customXml/item1.xml", "<item/>"),
        ("[Content_Types].xml", CONTENT_TYPES.format(main=DOCX_MAIN)),
        ("word/document.xml", DOCUMENT),
    )
    assert filetype.guess(data).mime == "application/zip"

    assert verify_resume(SimpleUploadedFile("resume.docx", data)).kind == "docx"


# Refused: size


def test_empty_file_is_refused():
    assert refusal(b"") == f"This file is empty. {ACCEPTED}"


def test_file_over_the_limit_is_refused(settings):
    settings.RESUME_MAX_BYTES = 1 * MB
    data = pdf_bytes()
    data += b"\n" * (MB + 1 - len(data))

    assert refusal(data) == (
        "This file is 1.1 MB; the limit is 1 MB. "
        "Upload your resume as a PDF or a Word document (.docx) of up to 1 MB."
    )


def test_one_byte_over_the_real_limit_is_refused():
    assert refusal(b"%PDF-1.7\n" + b"\n" * (5 * MB - 8)) == (
        f"This file is 5.1 MB; the limit is 5 MB. {ACCEPTED}"
    )


def test_size_is_checked_before_the_file_is_read():
    class HugeUpload:
        size = int(7.2 * MB)

        def seek(self, offset, whence=0):
            return 0

        def read(self, size=-1):
            raise AssertionError("read a file that is too large")

    with pytest.raises(ValidationError) as refused:
        verify_resume(HugeUpload())
    assert refused.value.messages == [f"This file is 7.2 MB; the limit is 5 MB. {ACCEPTED}"]


def test_file_of_unknown_size_is_measured_as_it_is_read(settings):
    settings.RESUME_MAX_BYTES = 1 * MB

    class UnsizedUpload(io.BytesIO):
        size = None

    with pytest.raises(ValidationError) as refused:
        verify_resume(UnsizedUpload(b"%PDF-1.7\n" + bytes(MB)))
    assert refused.value.messages == [
        "This file is 1.1 MB; the limit is 1 MB. "
        "Upload your resume as a PDF or a Word document (.docx) of up to 1 MB."
    ]


# Refused: not a PDF or a Word document


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        pytest.param("resume.pdf", png_bytes(), "This looks like a .png file.", id="png"),
        pytest.param(
            "resume.exe.pdf", b"MZ\x90\x00" + bytes(200), "This looks like a .exe file.", id="exe"
        ),
        pytest.param(
            "resume.docx", b"Jane Doe\nOTR/L\n", "This file type is not accepted.", id="text"
        ),
        pytest.param(
            "resume.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" + bytes(100),
            "This looks like an older Word document (.doc) or a password-protected one.",
            id="old-doc",
        ),
        pytest.param(
            "resume.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "This looks like an older Word document (.doc) or a password-protected one.",
            id="ole-unrecognised-by-filetype",
        ),
        pytest.param(
            "resume.docx",
            zip_bytes(("photo.txt", "not a document")),
            "This looks like a .zip file.",
            id="plain-zip",
        ),
    ],
)
def test_other_kinds_of_file_are_refused_whatever_their_name(name, data, problem):
    assert refusal(data, name) == f"{problem} {ACCEPTED}"


# Refused: PDFs that cannot be opened

DAMAGED_PDF = f"This PDF could not be opened: it may be damaged. {ACCEPTED}"
PASSWORD_PDF = f"This PDF is protected with a password; save a copy without one. {ACCEPTED}"


def test_pdf_header_followed_by_junk_is_refused():
    data = b"%PDF-1.7\n" + b"not really a pdf\n" * 50
    assert filetype.guess(data).mime == "application/pdf"

    assert refusal(data) == DAMAGED_PDF


def test_truncated_pdf_is_refused():
    data = pdf_bytes()

    assert refusal(data[: len(data) // 2]) == DAMAGED_PDF


def test_pdf_with_a_broken_cross_reference_table_is_refused():
    # Lenient readers would repair it; the check is strict so what is kept opens cleanly.
    data = pdf_bytes()
    shifted = data.replace(b"\n", b"\n%padding\n", 1)
    assert len(PdfReader(io.BytesIO(shifted), strict=False).pages) == 1

    assert refusal(shifted) == DAMAGED_PDF


def test_pdf_that_needs_a_password_is_refused():
    assert refusal(pdf_bytes(user_password="secret")) == PASSWORD_PDF


def test_pdf_encryption_pypdf_cannot_read_is_refused_as_protected(monkeypatch):
    # AES needs the `cryptography` package; without it pypdf raises DependencyError.
    def aes_reader(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr("pypdf.PdfReader", aes_reader)  # uploads imports it when used

    assert refusal(pdf_bytes()) == PASSWORD_PDF


def test_pdf_without_pages_is_refused():
    assert refusal(pdf_bytes(pages=0)) == f"This PDF has no pages. {ACCEPTED}"


# Refused: Word documents that are broken, unsafe or too big

DAMAGED_DOCX = f"This Word document could not be opened: it may be damaged. {ACCEPTED}"
MACROS = f"Word documents with macros are not accepted. {ACCEPTED}"
TOO_BIG = f"This Word document is too large when unpacked. {ACCEPTED}"


def test_zip_with_a_word_folder_but_no_content_types_is_refused():
    data = zip_bytes(("word/document.xml", DOCUMENT))
    assert filetype.guess(data).mime == DOCX_MIME

    assert refusal(data, "resume.docx") == DAMAGED_DOCX


def test_word_document_with_a_bad_checksum_is_refused():
    data = docx_bytes(method=zipfile.ZIP_STORED).replace(b"Jane Doe", b"Jane Dox")

    assert refusal(data, "resume.docx") == DAMAGED_DOCX


def test_word_document_cut_short_is_refused():
    data = docx_bytes()

    assert refusal(data[: len(data) - 40], "resume.docx") == DAMAGED_DOCX


def test_word_document_with_a_macro_project_is_refused():
    data = docx_bytes(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro"))

    assert refusal(data, "resume.docx") == MACROS


def test_macro_enabled_word_document_is_refused_by_its_content_type():
    assert refusal(docx_bytes(main=DOCM_MAIN), "resume.docx") == MACROS


def test_zip_bomb_is_refused_before_it_is_unpacked():
    data = docx_bytes(("word/media/image1.png", bytes(51 * MB)))
    assert len(data) < MB

    assert refusal(data, "resume.docx") == TOO_BIG


def test_word_document_with_thousands_of_parts_is_refused():
    data = docx_bytes(*((f"word/part{n}.xml", "") for n in range(2001)))

    assert refusal(data, "resume.docx") == TOO_BIG


# Display names


@pytest.mark.parametrize(
    ("original", "shown"),
    [
        ("Jane Doe OTR résumé.pdf", "Jane Doe OTR résumé.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\jane\\Documents\\My Resume.docx", "My Resume.docx"),
        ("res\x00ume\r\n.pdf", "resume.pdf"),
        ("cv\u202efdp.exe", "cvfdp.exe"),  # a right-to-left override would show "exe.pdf"
        ("  Jane \t  Doe\u00a0 resume.pdf ", "Jane Doe resume.pdf"),
        ("re\u0301sume\u0301.pdf", "résumé.pdf"),
        ("", "resume"),
        ("..", "resume"),
        ("uploads/", "resume"),
        ("\x00\x1b", "resume"),
    ],
)
def test_display_name_keeps_a_clean_base_name(original, shown):
    assert display_name(original) == shown


def test_display_name_shortens_long_names_but_keeps_the_extension():
    shown = display_name("Jane " + "x" * 300 + ".docx")

    assert len(shown) == 120
    assert shown.startswith("Jane xxx")
    assert shown.endswith("x.docx")
