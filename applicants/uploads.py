"""Resume uploads are accepted by what they contain, never by their name.

Recruiters open these files, so only two kinds get through: a PDF that pypdf can open (at
least one page, no password needed) and a Word document (.docx) whose zip structure is
sound, small enough when unpacked, and free of macros. Everything else (images,
programs, plain text, old binary .doc files, renamed files) is refused with a message that
tells the applicant what to upload instead. The file is read into memory once, so the size
limit (settings.RESUME_MAX_BYTES) is checked before reading.
"""

import hashlib
import posixpath
import unicodedata
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Protocol

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# filetype names a .docx only when word/ is among the first few zip entries.
ZIP = "application/zip"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and password-protected .docx
DOCX_MAX_UNPACKED = 50 * MB
DOCX_MAX_ENTRIES = 2000
DISPLAY_NAME_MAX = 120


class ResumeUpload(Protocol):
    """A Django UploadedFile, or any binary file object that knows its size."""

    @property
    def size(self) -> int | None: ...
    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> int: ...


@dataclass(frozen=True)
class VerifiedFile:
    kind: str  # "pdf" or "docx"
    content_type: str
    extension: str  # ".pdf" or ".docx"
    size: int
    sha256: str
    pages: int | None  # PDFs only


def verify_resume(upload: ResumeUpload) -> VerifiedFile:
    """Return what the upload is, or raise ValidationError saying what is accepted.

    The file position is back at 0 afterwards, ready to be saved.
    """
    limit = settings.RESUME_MAX_BYTES
    if upload.size is not None:
        _check_size(upload.size, limit)
    try:
        upload.seek(0)
        data = upload.read(limit + 1)
    finally:
        upload.seek(0)
    _check_size(len(data), limit)

    guessed = filetype.guess(data[:8192])
    mime = guessed.mime if guessed else None
    digest = hashlib.sha256(data).hexdigest()
    if mime == PDF:
        pages = _count_pdf_pages(data)
        return VerifiedFile("pdf", PDF, ".pdf", len(data), digest, pages)
    if mime in (DOCX, ZIP):
        _check_docx(data)
        return VerifiedFile("docx", DOCX, ".docx", len(data), digest, None)
    if data.startswith(OLE_SIGNATURE):
        raise _refusal("This looks like an older Word document (.doc) or a password-protected one.")
    if guessed:
        raise _refusal(f"This looks like a .{guessed.extension} file.")
    raise _refusal("This file type is not accepted.")


def display_name(original_name: str) -> str:
    """The applicant's file name, cleaned for showing and for a download filename.

    Never use it in a storage path: stored files get random names.
    """
    name = original_name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    # Category C: control characters, and format characters such as right-to-left overrides.
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = " ".join(name.split())
    if not name.strip("."):
        return "resume"
    if len(name) > DISPLAY_NAME_MAX:
        stem, extension = posixpath.splitext(name)
        if len(extension) > 16:
            stem, extension = name, ""
        name = stem[: DISPLAY_NAME_MAX - len(extension)].rstrip() + extension
    return name


def _check_size(size: int, limit: int) -> None:
    if size <= 0:
        raise _refusal("This file is empty.")
    if size > limit:
        shown = _megabytes(size, round_up=True)
        raise _refusal(f"This file is {shown}; the limit is {_megabytes(limit)}.")


def _count_pdf_pages(data: bytes) -> int:
    # pypdf (about 18 MB) is loaded by the first PDF a process checks, not by every web
    # worker at start: most never see an upload.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        pages = len(PdfReader(BytesIO(data), strict=True).pages)
    except (FileNotDecryptedError, DependencyError) as exc:
        # A password is needed, or AES encryption that pypdf cannot read without `cryptography`.
        raise _refusal("This PDF is protected with a password; save a copy without one.") from exc
    except Exception as exc:  # broken files make pypdf raise almost anything
        raise _refusal("This PDF could not be opened: it may be damaged.") from exc
    if pages < 1:
        raise _refusal("This PDF has no pages.")
    return pages


def _check_docx(data: bytes) -> None:
    damaged = "This Word document could not be opened: it may be damaged."
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
            if (
                len(entries) > DOCX_MAX_ENTRIES
                or sum(entry.file_size for entry in entries) > DOCX_MAX_UNPACKED
            ):
                raise _refusal("This Word document is too large when unpacked.")
            names = {entry.filename for entry in entries}
            if "word/document.xml" not in names:
                raise _refusal("This looks like a .zip file.")
            if "[Content_Types].xml" not in names:
                raise _refusal(damaged)
            if any(name.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for name in names):
                raise _refusal("Word documents with macros are not accepted.")
            if b"macroenabled" in archive.read("[Content_Types].xml").lower():
                raise _refusal("Word documents with macros are not accepted.")
            if archive.testzip() is not None:
                raise _refusal(damaged)
    except ValidationError:
        raise
    except Exception as exc:  # bad zips raise BadZipFile, zlib.error, RuntimeError, ...
        raise _refusal(damaged) from exc


def _refusal(problem: str) -> ValidationError:
    accepted = (
        "Upload your resume as a PDF or a Word document (.docx) "
        f"of up to {_megabytes(settings.RESUME_MAX_BYTES)}."
    )
    return ValidationError(f"{problem} {accepted}", code="invalid_resume")


def _megabytes(size: int, *, round_up: bool = False) -> str:
    """7549747 -> "7.2 MB"; a size just over the limit rounds up, so it never looks equal."""
    tenths = -(-size * 10 // MB) if round_up else size * 10 // MB
    return f"{tenths / 10:g} MB"
