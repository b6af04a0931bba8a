import datetime
import zoneinfo

import pytest
from django.utils import timezone

from core.csvexport import csv_response, safe_cell


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
def test_a_cell_that_would_run_as_a_formula_is_neutralised(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["Alex Morgan", "<script>alert(1)</script>", "{{ 7*7 }}", 42, None]
)
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_download_is_utf8_csv_with_a_header():
    response = csv_response("x.csv", ["Name", "Note"], [["Zoë", "=HYPERLINK(1)"]])
    body = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert body.splitlines() == ["Name,Note", "Zoë,'=HYPERLINK(1)"]


def test_an_instant_is_written_in_the_current_time_zone_with_its_offset():
    at = datetime.datetime(2026, 11, 19, 14, 0, 0, 123456, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        assert str(safe_cell(at)) == "2026-11-19 15:00:00+01:00"
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        assert str(safe_cell(at)) == "2026-11-19 09:00:00-05:00"
