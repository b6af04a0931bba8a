"""A row of the file, through the column mapping, to the values DialReady will store, or the
reasons it cannot (pure: no database; matching and writing are the services')."""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from imports.layouts import FIELD_LABELS
from imports.reading import Table
from imports.values import (
    CellProblem,
    clean_text,
    parse_date,
    parse_decimal,
    parse_int,
    parse_skills,
    parse_years,
)

CHUNK = 1000  # rows matched and written together: bounded memory, few queries per row


@dataclass
class Row:
    line: int
    record: dict = field(default_factory=dict)  # JSON-able values as they will be stored
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column, value, why)

    @property
    def fingerprint(self) -> str:
        text = json.dumps(self.record, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


class _Cells:
    """The mapped cells of one row, read field by field; each problem names its column."""

    def __init__(self, row: Row, cells: dict[str, str], columns: dict[str, str]):
        self.row, self.cells, self.columns = row, cells, columns

    def raw(self, name: str) -> str:
        return self.cells.get(name, "")

    def problem(self, name: str, reason: str, value: str | None = None) -> None:
        value = self.raw(name) if value is None else value
        self.row.problems.append(
            (self.columns.get(name, FIELD_LABELS_ANY.get(name, name)), value[:200], reason)
        )

    def text(self, name: str, max_length: int) -> str:
        try:
            return clean_text(self.raw(name), max_length=max_length)
        except CellProblem as problem:
            self.problem(name, f"The value {problem}.")
            return ""

    def parsed[T](self, name: str, parse: Callable[[str], T]) -> T | None:
        try:
            clean_text(self.raw(name))
            return parse(self.raw(name))
        except CellProblem as problem:
            self.problem(name, f"The value {problem}.")
            return None


FIELD_LABELS_ANY = {f: label for labels in FIELD_LABELS.values() for f, label in labels.items()}

CANDIDATE_STATUS = {
    "placed": "placed",
    "interviewing": "interviewing",
    "submitted": "interviewing",
    "offer pending": "interviewing",
    "offer extended": "interviewing",
    "off market": "off_market",
    "off_market": "off_market",
    "inactive": "off_market",
    "unavailable": "off_market",
    "dnu": "off_market",
    "do not use": "off_market",
    "archive": "off_market",
}
JOB_STATUS = {
    "open": "open",
    "accepting candidates": "open",
    "active": "open",
    "upcoming": "open",
    "on hold": "on_hold",
    "on_hold": "on_hold",
    "onhold": "on_hold",
    "filled": "filled",
    "placed": "filled",
    "closed": "filled",
    "lost": "lost",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}


def _email(cells: _Cells, name: str = "email") -> str:
    email = cells.text(name, 200).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            cells.problem(name, "This is not an e-mail address.")
            return ""
    return email


def _names(cells: _Cells, record: dict) -> None:
    first, last = cells.text("first_name", 80), cells.text("last_name", 80)
    if not (first and last) and cells.raw("name"):
        full = cells.text("name", 161)
        head, _, tail = full.rpartition(" ")
        first, last = (first or head or tail), (last or (tail if head else ""))
    if not first or not last:
        column = "first_name" if not first else "last_name"
        if not any(p[0] == cells.columns.get(column) for p in cells.row.problems):
            cells.problem(column, "A first and a last name are needed.")
    record["first_name"], record["last_name"] = first[:80], last[:80]


def candidate_row(cells: _Cells) -> dict:
    record: dict = {}
    _names(cells, record)
    record["email"] = _email(cells)
    record["phone"] = cells.text("phone", 40) or cells.text("mobile", 40)
    record["headline"] = cells.text("headline", 200)
    location = cells.text("location", 120)
    if not location:
        parts = [cells.text("city", 60), cells.text("state", 60)]
        location = ", ".join(p for p in parts if p)
    record["location"] = location[:120]
    status = cells.text("status", 60).casefold()
    record["status"] = CANDIDATE_STATUS.get(status, "available")
    record["summary"] = cells.text("summary", 4000)
    skills = cells.parsed("skills", parse_skills) or []
    record["skills"] = [[name, None if y is None else str(y)] for name, y in skills]
    employer = cells.text("employer", 120)
    start = cells.parsed("start_date", parse_date)
    end = cells.parsed("end_date", parse_date)
    if start and end and end < start:
        cells.problem("end_date", "The end date is before the start date.")
    if employer and start:
        record["engagement"] = {
            "employer": employer,
            "role": cells.text("role", 120),
            "project_name": cells.text("project_name", 200),
            "start_date": start.isoformat(),
            "end_date": end.isoformat() if end else None,
        }
    elif employer and not cells.raw("start_date"):
        record["employer_only"] = employer
    return record


def job_order_row(cells: _Cells) -> dict:
    record: dict = {"title": cells.text("title", 160)}
    if not record["title"]:
        cells.problem("title", "A job order needs a title.")
    record["client"] = cells.text("client", 160)
    record["client_external_id"] = cells.text("client_external_id", 100)
    if not record["client"] and not record["client_external_id"]:
        cells.problem("client", "A job order needs its client.")
    status = cells.text("status", 60).casefold()
    record["status"] = JOB_STATUS.get(status, "open")
    openings = cells.parsed("openings", lambda v: parse_int(v, what="a number of openings"))
    record["openings"] = openings or 1
    for name in ("start_date", "received_on"):
        day = cells.parsed(name, parse_date)
        record[name] = day.isoformat() if day else None
    for name in ("duration_weeks", "expected_hours"):
        record[name] = cells.parsed(name, parse_int)
    for name in ("bill_rate", "placement_fee"):
        amount = cells.parsed(name, parse_decimal)
        record[name] = None if amount is None else str(amount)
    kind = cells.text("employment_type", 60).casefold()
    permanent = any(w in kind for w in ("perm", "direct", "full-time", "full time"))
    record["employment_type"] = "permanent" if permanent else "contract"
    record["project_goal"] = cells.text("project_goal", 4000)
    requirements = cells.parsed("requirements", parse_skills) or []
    record["requirements"] = [[n, None if y is None else str(y)] for n, y in requirements]
    return record


def client_row(cells: _Cells) -> dict:
    record = {
        "name": cells.text("name", 160),
        "industry": cells.text("industry", 120),
        "website": cells.text("website", 200),
        "notes": cells.text("notes", 4000),
    }
    if not record["name"]:
        cells.problem("name", "A client needs a name.")
    if record["website"]:
        if "://" not in record["website"]:
            record["website"] = "https://" + record["website"]
        try:
            URLValidator()(record["website"])
        except ValidationError:
            cells.problem("website", "This is not a web address.")
    return record


def contact_row(cells: _Cells) -> dict:
    first, last = cells.text("first_name", 80), cells.text("last_name", 80)
    name = " ".join(p for p in (first, last) if p) or cells.text("name", 120)
    if not name:
        cells.problem("name", "A contact needs a name.")
    record = {
        "name": name[:120],
        "title": cells.text("title", 120),
        "email": _email(cells),
        "phone": cells.text("phone", 40) or cells.text("mobile", 40),
        "client": cells.text("client", 160),
        "client_external_id": cells.text("client_external_id", 100),
    }
    if not record["client"] and not record["client_external_id"]:
        cells.problem("client", "A contact needs the client they work for.")
    return record


PARSERS = {
    "candidates": candidate_row,
    "job_orders": job_order_row,
    "clients": client_row,
    "contacts": contact_row,
}


def parse_rows(table: Table, kind: str, mapping: dict[str, str]) -> Iterator[list[Row]]:
    """The file's rows as Rows, CHUNK at a time. `mapping` is header → field (others ignored)."""
    positions = [(i, mapping[h]) for i, h in enumerate(table.header) if mapping.get(h)]
    columns = {fieldname: table.header[i] for i, fieldname in positions}
    parse = PARSERS[kind]
    chunk: list[Row] = []
    for line, values in table.rows:
        row = Row(line)
        cells = {f: (values[i] if i < len(values) else "") for i, f in positions}
        reader = _Cells(row, cells, columns)
        row.record = parse(reader)
        external = reader.text("external_id", 100) if "external_id" in cells else ""
        row.record["external_id"] = external
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["CHUNK", "PARSERS", "Row", "parse_rows", "parse_years"]
