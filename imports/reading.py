"""Files to rows: CSV (UTF-8, UTF-8 with BOM, Windows-1252, UTF-16 with BOM) and XLSX.

The format is read from the content, not the name: an XLSX renamed .csv is read as the workbook
it is, and a PDF, an old .xls or any other binary file renamed .csv is refused with a sentence
saying what it is. CSV is decoded line by line: a line that is not UTF-8 is read as
Windows-1252 (so a file pasted together from two exports still reads), and the preview says how
many lines that was. Rows stream from the open file: the csv module over its lines, openpyxl in
read-only mode; neither the file nor the table is ever held whole."""

import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import openpyxl
from django.conf import settings

# Signatures of files people rename .csv by mistake: what to call them.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel 97–2003 (.xls) or Word file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)
SAVE_AS = "Save it from your spreadsheet or ATS as CSV or Excel workbook (.xlsx) and upload that."


class FileRefused(Exception):
    """The file as a whole cannot be read: nothing of it is imported."""


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (line number in the file, cells)
    notes: list[str] = field(default_factory=list)  # filled while reading (encoding)


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def open_table(file: BinaryIO) -> Table:
    """The header and a row iterator over `file` (binary, seekable, kept open while the rows
    are read), or FileRefused saying why not."""
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if _blank(file):
        raise FileRefused("The file is empty: there is nothing to import.")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise FileRefused(f"This file is {what}, not a CSV or XLSX file. {SAVE_AS}")
    if head.startswith(b"PK\x03\x04"):
        return _xlsx(file)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(file)
    if head.count(b"\x00") > len(head) // 100:
        raise FileRefused(
            "This file holds binary data (NUL bytes), so it is not a CSV text file. " + SAVE_AS
        )
    return _utf8(file)


def _blank(file: BinaryIO) -> bool:
    """Nothing but white space, read a block at a time; leaves the file at its start."""
    try:
        while block := file.read(65536):
            if block.strip():
                return False
        return True
    finally:
        file.seek(0)


def _check_header(header: list[str]) -> list[str]:
    names = [" ".join(str(h or "").replace("\x00", "").split()) for h in header]
    while names and not names[-1]:
        names.pop()
    if not any(names):
        raise FileRefused("The first row is empty: it must name the columns.")
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            continue
        key = name.casefold()
        if key in seen:
            raise FileRefused(
                f"The column “{name}” appears twice (columns {seen[key]} and {position}), so "
                "DialReady cannot tell which one to read. Rename or remove one and upload again."
            )
        seen[key] = position
    return names


# --- CSV ------------------------------------------------------------------------------------


def _lines(file: BinaryIO, notes: list[str]) -> Iterator[str]:
    fallback = 0
    for number, raw in enumerate(file):
        if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            fallback += 1
            if fallback == 1:
                notes.append("")  # filled in below once the count is known
            notes[-1] = (
                f"{fallback} line{'s' if fallback > 1 else ''} of the file "
                f"{'were' if fallback > 1 else 'was'} not UTF-8 and "
                f"{'were' if fallback > 1 else 'was'} read as Windows-1252."
            )
            yield raw.decode("cp1252", errors="replace")


def _utf16_lines(file: BinaryIO) -> Iterator[str]:
    text = io.TextIOWrapper(file, encoding="utf-16", newline="")
    try:
        yield from text
    except UnicodeDecodeError:
        raise FileRefused("This file says it is UTF-16 but is not: save it as UTF-8 CSV.") from None
    finally:
        text.detach()  # the caller closes the file, not the wrapper


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _utf8(file: BinaryIO) -> Table:
    sample = file.read(16384).decode("utf-8", errors="replace").lstrip("\ufeff")
    file.seek(0)
    notes: list[str] = []
    return _csv(_lines(file, notes), sample, notes)


def _utf16(file: BinaryIO) -> Table:
    lines = _utf16_lines(file)
    first = list(itertools.islice(lines, 50))  # the sample the dialect is sniffed from
    return _csv(itertools.chain(first, lines), "".join(first), [])


def _csv(lines: Iterator[str], sample: str, notes: list[str]) -> Table:
    reader = csv.reader(lines, _dialect(sample))
    try:
        header = next(reader)
    except StopIteration:
        raise FileRefused("The file is empty: there is nothing to import.") from None
    except csv.Error as error:
        raise FileRefused(f"The first line cannot be read as CSV ({error}).") from None
    header = _check_header(header)
    return Table("csv", header, _csv_rows(reader, len(header)), notes)


def _csv_rows(reader, width: int) -> Iterator[tuple[int, list[str]]]:
    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused(
                f"Line {reader.line_num} cannot be read as CSV ({error}): a quote may be "
                "left open. Fix that line and upload again."
            ) from None
        if not any(c.strip() for c in cells):
            continue
        count += 1
        if count > max_rows():
            raise FileRefused(_too_many())
        yield reader.line_num, cells


def _too_many() -> str:
    return (
        f"The file has more than {max_rows():,} rows: DialReady imports at most {max_rows():,} "
        "rows at a time. Split it into smaller files and import them one after the other."
    )


# --- XLSX -----------------------------------------------------------------------------------


def _xlsx(file: BinaryIO) -> Table:
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRefused(
            f"This file is a ZIP archive but not an Excel workbook DialReady can read "
            f"({type(error).__name__}). {SAVE_AS}"
        ) from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise FileRefused("The workbook has no sheet.")
    rows = sheet.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration:
        raise FileRefused(
            "The workbook's first sheet is empty: there is nothing to import."
        ) from None
    header = _check_header([_cell(v) for v in header])
    notes = []
    if len(book.worksheets) > 1:
        notes.append(f"The workbook has {len(book.worksheets)} sheets: only the first is read.")
    return Table("xlsx", header, _xlsx_rows(book, rows), notes)


def _xlsx_rows(book, rows) -> Iterator[tuple[int, list[str]]]:
    count = 0
    try:
        for line, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if count > max_rows():
                raise FileRefused(_too_many())
            yield line, cells
    finally:
        book.close()


def _cell(value: object) -> str:
    """A workbook cell as the text a CSV export would hold. A formula comes as its text
    ("=HYPERLINK(…)"): openpyxl never computes it, and the row checks refuse it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
