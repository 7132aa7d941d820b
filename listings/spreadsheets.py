"""Spreadsheets in and out of the site: cells a spreadsheet would run are quoted on the way
out, and uploaded tables are read within limits, with a message the uploader can act on
when they cannot be; an upload waits in the private storage between its preview and its
confirmation, which only its uploader can give.

Used by the applicants' CSV export (`applicants.exports`) and by the postings' import and
export (`listings.transfer`, wired into the admin in `listings.admin.postings`).
"""

import csv
import datetime
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import tablib  # type: ignore[import-untyped]
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from import_export import widgets  # type: ignore[import-untyped]
from import_export.formats import base_formats  # type: ignore[import-untyped]
from import_export.forms import ConfirmImportForm, ImportForm  # type: ignore[import-untyped]
from import_export.tmp_storages import MediaStorage  # type: ignore[import-untyped]

# A cell starting with one of these is a formula to a spreadsheet (CSV injection): quoted.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5_000  # about 10 s to confirm on a 2-core machine (tests/listings/test_transfer.py)
MAX_COLUMNS = 200
# An .xlsx is a zip: what it holds once unpacked is capped before openpyxl reads it (its
# shared strings are read whole, so a small file could otherwise fill the memory).
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
# Spreadsheets often carry thousands of formatted but empty rows after the last entry.
MAX_BLANK_RUN = 1_000
UPLOAD_SALT = "listings.spreadsheets.upload"
CONFIRM_WITHIN_SECONDS = 60 * 60  # a clean preview may be confirmed within the hour


def csv_cell(value: object) -> str:
    """`value` as text a spreadsheet shows and never runs."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class UnreadableFile(ValueError):
    """An upload that cannot be read as the table it claims to be; the message says why,
    in words for the person who uploaded it."""


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(rows: Iterator[Iterable[Any]]) -> tablib.Dataset:
    """The first row names the columns; every later row is one entry. Rows wider than the
    header (with something in the extra cells) are refused, shorter ones padded. Blank
    rows inside the table are kept (so row numbers match the spreadsheet's), trailing
    ones dropped, and reading stops after MAX_BLANK_RUN blank rows in a row."""
    header_row = next(rows, None)
    header = ["" if cell is None else str(cell).strip() for cell in header_row or ()]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise UnreadableFile("The file is empty: its first row must name the columns.")
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(f"The file has more than {MAX_COLUMNS} columns.")
    width = len(header)
    dataset = tablib.Dataset(headers=header)
    blanks: list[list[Any]] = []
    for line, row in enumerate(rows, start=2):
        cells = list(row)
        if any(not _blank(cell) for cell in cells[width:]):
            raise UnreadableFile(
                f"Row {line} has more cells than the first row names columns "
                "(a cell with a comma in it must be in double quotes)."
            )
        cells = [*cells[:width], *[None] * (width - len(cells))]
        if all(_blank(cell) for cell in cells):
            blanks.append(cells)
            if len(blanks) > MAX_BLANK_RUN:
                break
            continue
        if len(dataset) + len(blanks) + 1 > MAX_ROWS:
            raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows: split it.")
        for blank in blanks:
            dataset.append(blank)
        blanks.clear()
        dataset.append(cells)
    return dataset


def _bytes(in_stream: bytes | str) -> bytes:
    return in_stream.encode() if isinstance(in_stream, str) else in_stream


class CSVFormat(base_formats.CSV):
    """CSV in UTF-8 (with or without a byte-order mark), comma- or semicolon-separated.
    Exports start with a byte-order mark, so that Excel reads them as UTF-8."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                text = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise UnreadableFile(
                    "This file is not UTF-8 text. In Excel, save it as “CSV UTF-8 "
                    "(Comma delimited)”, or upload the .xlsx workbook itself."
                ) from None
        else:
            text = in_stream.removeprefix("\ufeff")
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first_line and "," not in first_line else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            return _table(reader)
        except csv.Error as error:
            raise UnreadableFile(f"Line {reader.line_num} could not be read: {error}.") from None

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(dataset, **kwargs)


class XLSXFormat(base_formats.XLSX):
    """The first sheet of an Excel workbook; a formula cell gives the value Excel saved
    with it (nothing is ever calculated here)."""

    def create_dataset(self, in_stream):
        import openpyxl  # type: ignore[import-untyped]  # as import_export: when an .xlsx is read

        data = _bytes(in_stream)
        try:
            unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
        except (zipfile.BadZipFile, ValueError):
            raise UnreadableFile("This file is not an Excel workbook (.xlsx).") from None
        if unpacked > MAX_XLSX_UNPACKED_BYTES:
            raise UnreadableFile("This workbook is too large once unpacked: split it.")
        book = None
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return _table(book.active.iter_rows(values_only=True))
        except UnreadableFile:
            raise
        except Exception:  # any way a damaged or foreign workbook fails to parse
            raise UnreadableFile(
                "This workbook could not be read: save it again from Excel as .xlsx."
            ) from None
        finally:
            if book is not None:
                book.close()


IMPORT_FORMATS = [CSVFormat, XLSXFormat]
# import_export writes numbers and dates as such only for its own binary formats.
EXPORT_FORMATS = [CSVFormat, base_formats.XLSX]


UPLOAD_FOLDER = "uploads"  # in the private storage; prune_import_uploads empties it


class PrivateUploadStorage(MediaStorage):
    """Uploads waiting between their preview and their confirmation: in the private
    storage (never served by URL, shared by every app server), under a random name."""

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "MEDIA_FOLDER": UPLOAD_FOLDER})

    def _configure_storage(self):
        self._storage = storages["private"]


class UploadForm(ImportForm):
    """import_export's upload form, refusing a file over MAX_UPLOAD_BYTES before it is read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(f"The file is over {MAX_UPLOAD_BYTES // 2**20} MB: split it.")
        return upload


class ConfirmUploadForm(ConfirmImportForm):
    """The confirmation carries a token, signed for the user whose preview of the upload
    was clean, naming the upload and how it was read: nobody confirms another's upload, one
    never previewed or an old one, and the file is read again exactly as previewed."""

    SIGNED = ("import_file_name", "format", "resource")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["format"].required = False  # the token's, whatever else is posted

    @classmethod
    def token(cls, initial: dict, user) -> str:
        return signing.dumps([*(initial[name] for name in cls.SIGNED), user.pk], salt=UPLOAD_SALT)

    def clean(self):
        cleaned = super().clean()
        try:
            *previewed, user_id = signing.loads(
                self.data.get("import_file_name", ""),
                salt=UPLOAD_SALT,
                max_age=CONFIRM_WITHIN_SECONDS,
            )
        except signing.BadSignature:
            user_id = None
        if user_id is None or user_id != self.user.pk:
            raise ValidationError("This preview has expired or is not yours.")
        cleaned |= dict(zip(self.SIGNED, previewed, strict=True))
        cleaned["import_file_name"] = os.path.basename(cleaned["import_file_name"])
        return cleaned


# Cells: how each kind of value reads from a spreadsheet cell, with a message when it does
# not (import_export widgets: `clean` reads a cell, `render` writes one).
def text_of(value: Any) -> str:
    """A cell as text: a whole number without ".0", a date as YYYY-MM-DD, blank as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def shown(text: str) -> str:
    """What someone typed, quoted in a message (cut short: a cell may be huge)."""
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


class TextWidget(widgets.Widget):
    accepts = "text"  # what the import page says the column takes

    def clean(self, value, row=None, **kwargs):
        return text_of(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ZipWidget(TextWidget):
    """A ZIP a spreadsheet turned into a number (02139 -> 2139) gets its zeros back."""

    accepts = "a five-digit ZIP code"

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{int(value):05d}"
        return text_of(value)


class VocabularyWidget(widgets.Widget):
    """A code of the field's vocabulary, or its label, in any case."""

    def __init__(self, choices):
        super().__init__()
        self.codes = [str(code) for code, _ in choices]
        self.lookup = {str(code).lower(): str(code) for code, _ in choices}
        self.lookup |= {str(label).lower(): str(code) for code, label in choices}

    @property
    def accepts(self) -> str:
        return "one of: " + ", ".join(self.codes)

    def code(self, text: str) -> str:
        try:
            return self.lookup[text.lower()]
        except KeyError:
            raise ValueError(f"{shown(text)} is not one of: {', '.join(self.codes)}.") from None

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        return self.code(text) if text else ""

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ChoiceSetWidget(VocabularyWidget):
    """Several codes (or labels) separated by | or commas; stored as a set."""

    @property
    def accepts(self) -> str:
        return "codes separated by |: " + ", ".join(self.codes)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        pieces = text.split("|") if "|" in text else text.split(",")
        chosen = {self.code(piece.strip()) for piece in pieces if piece.strip()}
        return [code for code in self.codes if code in chosen]

    def render(self, value, obj=None, **kwargs):
        return "|".join(value or ())


class YesNoWidget(widgets.Widget):
    accepts = "yes or no"
    TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}

    def __init__(self, *, nullable: bool):
        super().__init__()
        self.nullable = nullable

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = text_of(value).lower()
        if not text:
            return None if self.nullable else False
        if text in self.TRUE | self.FALSE:
            return text in self.TRUE
        raise ValueError(f"Use yes or no, not {shown(text)}.")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("yes" if value else "no")


class WholeNumberWidget(widgets.Widget):
    accepts = "a whole number"

    def clean(self, value, row=None, **kwargs):
        text = text_of(value).replace(",", "")
        if not text:
            return None
        if isinstance(value, bool) or not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise ValueError(f"Enter a whole number, not {shown(text)}.")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class AmountWidget(widgets.Widget):
    """Dollars: 38, 38.50, $1,200.00."""

    accepts = "an amount in dollars"

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float):
            value = round(value, 6)  # 44.00000000000001 from a spreadsheet's arithmetic
        text = text_of(value).replace(",", "").replace("$", "").strip()
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or isinstance(value, bool):
            raise ValueError(f"Enter an amount such as 38.50, not {shown(text)}.")
        if abs(amount) >= 10**12:
            raise ValueError(f"{shown(text)} is far too large an amount.")
        amount = amount.normalize()  # 38.500 has two decimal places, not three
        return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class DateWidget(widgets.Widget):
    """YYYY-MM-DD, MM/DD/YYYY or a spreadsheet's date cell."""

    accepts = "a date, YYYY-MM-DD"

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = text_of(value)
        if not text:
            return None
        for form in ("%Y-%m-%d", "%m/%d/%Y"):
            try:
                return datetime.datetime.strptime(text, form).date()  # noqa: DTZ007 - a date
            except ValueError:
                continue
        raise ValueError(f"Enter a date as YYYY-MM-DD, not {shown(text)}.")

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.isoformat() if value else ""


class MomentWidget(widgets.DateTimeWidget):
    """Exported only: local time, minutes."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d %H:%M")
