"""CSV downloads that spreadsheets cannot turn into formulas.

A cell starting with =, +, -, @, tab or carriage return is run as a formula by Excel and
LibreOffice (CSV injection); such cells are prefixed with an apostrophe, which spreadsheets show
as plain text. An instant is written in the downloader's time zone, as their pages show it, with
its offset and whole seconds ("2026-11-19 15:00:00+01:00")."""

import csv
import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(microsecond=0)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(
    filename: str, header: list[str], rows: Iterable[Iterable[object]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads UTF-8 names correctly
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
