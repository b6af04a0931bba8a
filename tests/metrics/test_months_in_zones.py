"""The monthly figures in a person's time zone: a submittal made, interviewed, offered or placed
near midnight at the end of a month counts in the month its owner's calendar shows, and the
figures equal hand counts on both sides of the boundary."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from joborders.models import Submittal
from metrics.funnel import Ratio
from metrics.selectors import MonthRange, metrics_for
from tests.metrics.test_selectors import pipeline, team_scope

OCT, NOV, DEC = datetime.date(2026, 10, 1), datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)
OCT_TO_DEC = MonthRange(OCT, DEC)
RECEIVED = datetime.date(2026, 10, 20)


def boundary_data(owner, zone):
    """Three submittals on a job received 20 Oct, with times on the local clock of `zone`:
    A submitted 31 Oct 23:30, interview 1 Nov 00:15, offer 30 Nov 23:50, placed 1 Dec 00:10;
    B submitted 1 Nov 00:30, nothing since;
    C submitted 31 Oct 12:00, interview 31 Oct 23:59."""

    def local(month, day, hour, minute):
        return datetime.datetime(2026, month, day, hour, minute, tzinfo=zone)

    pipeline(
        owner,
        ("interview_scheduled", local(11, 1, 0, 15)),
        ("offer", local(11, 30, 23, 50)),
        ("placed", local(12, 1, 0, 10)),
        submitted=local(10, 31, 23, 30),
        received=RECEIVED,
        interview=local(11, 1, 0, 15),
    )
    pipeline(owner, submitted=local(11, 1, 0, 30), received=RECEIVED)
    pipeline(
        owner,
        ("interview_scheduled", local(10, 31, 23, 59)),
        submitted=local(10, 31, 12, 0),
        received=RECEIVED,
    )


def month(metrics, first):
    return next(row for row in metrics.monthly if row.month == first)


# New York changes from summer time on 1 Nov 2026 (its local midnight is 04:00 UTC); Tokyo is
# nine hours ahead of UTC: in both, some of the times above fall in another month in UTC.
@pytest.mark.parametrize("zone_name", ["America/New_York", "Asia/Tokyo"])
def test_each_month_counts_the_hand_counts_of_the_local_calendar(owner, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    boundary_data(owner, zone)
    with timezone.override(zone):
        metrics = metrics_for(team_scope(owner), OCT_TO_DEC)
    october, november, december = (month(metrics, m) for m in (OCT, NOV, DEC))

    assert (october.submitted, october.interviewed, october.offers, october.placements) == (
        2,
        1,
        0,
        0,
    )
    assert october.submit_to_interview == Ratio(2, 2)  # A and C reached an interview
    assert october.interview_to_offer == Ratio(0, 1)  # C's interview, no offer
    assert october.time_to_submit_days == 11.0  # 20 Oct → 31 Oct, both A and C
    assert october.time_to_interview_days is None  # C has no interview date

    assert (november.submitted, november.interviewed, november.offers, november.placements) == (
        1,
        1,
        1,
        0,
    )
    assert november.submit_to_interview == Ratio(0, 1)  # B, nothing since
    assert november.interview_to_offer == Ratio(1, 1)  # A
    assert november.offer_to_placement == Ratio(1, 1)  # A, placed in December
    assert november.time_to_submit_days == 12.0  # B: 20 Oct → 1 Nov
    assert november.time_to_interview_days == 12.0  # A: 20 Oct → 1 Nov
    assert november.time_to_offer_days == 41.0  # A: 20 Oct → 30 Nov

    assert (december.submitted, december.interviewed, december.offers, december.placements) == (
        0,
        0,
        0,
        1,
    )
    assert december.time_to_fill_days == 42.0  # A: 20 Oct → 1 Dec
    assert december.submit_to_interview == Ratio(0, 0)

    assert metrics.funnel.submitted == 3
    assert metrics.funnel.submit_to_interview == Ratio(2, 3)
    assert metrics.time_to_submit_days == round((11 + 11 + 12) / 3, 1)
    assert metrics.out_of_order_count == 0 and metrics.out_of_order == ()
    assert [r.interview_to_offer for r in metrics.rehearsal] == [Ratio(0, 0), Ratio(1, 2)]


def test_in_utc_the_same_submittals_fall_in_other_months(owner):
    """The counterpart: the counts above are the local calendar's, not UTC's."""
    boundary_data(owner, zoneinfo.ZoneInfo("America/New_York"))
    with timezone.override(datetime.UTC):
        metrics = metrics_for(team_scope(owner), OCT_TO_DEC)
    # In UTC, A was submitted (03:30) and C interviewed (03:59) on 1 Nov, A placed on 1 Dec.
    assert [row.submitted for row in metrics.monthly] == [1, 2, 0]
    assert [row.interviewed for row in metrics.monthly] == [0, 2, 0]
    assert Submittal.objects.count() == 3


def test_the_monthly_csv_follows_the_time_zone_the_person_picked(client, owner):
    owner.time_zone = "Asia/Tokyo"
    owner.save(update_fields=["time_zone"])
    boundary_data(owner, zoneinfo.ZoneInfo("Asia/Tokyo"))
    client.force_login(owner)
    response = client.get(
        reverse("metrics:index"),
        {"start": "2026-10", "end": "2026-12", "format": "csv", "table": "monthly"},
    )
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    by_month = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert [by_month[m]["Submittals"] for m in ("2026-10", "2026-11", "2026-12")] == ["2", "1", "0"]
    assert [by_month[m]["Placements"] for m in ("2026-10", "2026-11", "2026-12")] == ["0", "0", "1"]
    assert by_month["2026-11"]["Time to offer (days)"] == "41.0"
