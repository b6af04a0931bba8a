"""Times that add up: hand counts on 20 submittals, no negative figure on any fixture, and the
submittals whose dates are out of order listed instead of averaged."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from joborders.models import JobOrder, Submittal, SubmittalEvent
from joborders.services import submittal_change_status, submittal_create
from metrics.funnel import Ratio
from metrics.selectors import MonthRange, Scope, default_month_range, metrics_for
from tests.factories import CandidateFactory, JobOrderFactory
from tests.metrics.test_selectors import OCT_NOV, grow

NOV = datetime.date(2026, 11, 1)
URL = reverse("metrics:index")


def on(n):
    return datetime.date(2026, 11, n)


def at(n, hour=10):
    return datetime.datetime(2026, 11, n, hour, tzinfo=datetime.UTC)


# Received 1 Nov, each row: submitted, interview, offer, placed (days of November).
TWENTY = [
    (2, None, None, None),
    (3, None, None, None),
    (4, None, None, None),
    (5, None, None, None),
    (6, 10, None, None),
    (2, 6, None, None),
    (3, 9, None, None),
    (4, 8, 12, None),
    (2, 5, 9, None),
    (3, 7, 10, 14),
    (2, 4, 8, 12),
    (5, None, None, None),
    (6, None, None, None),
    (7, 11, None, None),
    (8, 12, None, None),
    (9, None, None, None),
    (10, None, None, None),
    (2, None, 6, None),  # straight to an offer, no interview date
]


def _submittal(owner, submitted, interview=None, offer=None, placed=None):
    job = JobOrderFactory(owner=owner, received_on=on(1))
    submittal = submittal_create(
        job_order=job, candidate=CandidateFactory(), submitted_by=owner, submitted_at=at(submitted)
    )
    if interview:
        submittal_change_status(
            submittal=submittal,
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            changed_by=owner,
            interview_at=at(interview, hour=15),
            changed_at=at(submitted + 1),
        )
    if offer:
        submittal_change_status(
            submittal=submittal, status="offer", changed_by=owner, changed_at=at(offer)
        )
    if placed:
        submittal_change_status(
            submittal=submittal, status="placed", changed_by=owner, changed_at=at(placed)
        )
    return submittal


@pytest.fixture
def twenty(owner):
    """18 submittals in order and two out of order, written as older data was: around the
    services' checks, as the database held them before the dates were checked."""
    for row in TWENTY:
        _submittal(owner, *row)
    # 19: received 15 Nov, submitted 5 Nov.
    received_late = _submittal(owner, 5)
    JobOrder.objects.filter(submittals=received_late).update(received_on=on(15))
    # 20: interview 12 Nov, offer 9 Nov.
    offer_early = _submittal(owner, 3, 12)
    SubmittalEvent.objects.create(
        submittal=offer_early,
        from_status="interview_scheduled",
        to_status="offer",
        changed_by=owner,
        changed_at=at(9),
    )
    Submittal.objects.filter(pk=offer_early.pk).update(status="offer")
    return received_late, offer_early


def team(owner):
    return Scope("team", "team", team_ids=(owner.team_id,))


def test_the_figures_equal_the_hand_counts_of_twenty_submittals(owner, twenty):
    metrics = metrics_for(team(owner), MonthRange(NOV, NOV))
    november = metrics.monthly[0]

    # Counts: every submittal counts in the funnel, the two out of order included.
    assert (november.submitted, november.interviewed, november.offers) == (20, 11, 6)
    assert november.placements == 2
    assert metrics.funnel.submit_to_interview == Ratio(11, 20)
    assert metrics.funnel.interview_to_offer == Ratio(6, 11)
    assert metrics.funnel.offer_to_placement == Ratio(2, 6)
    # Times, by hand over the 18 in order: to submit 65 days / 18; to interview 63 / 9 (the
    # interview dates known); to offer 11 + 8 + 9 + 7 + 5 = 40 / 5; to fill 13 + 11 = 24 / 2.
    assert november.time_to_submit_days == metrics.time_to_submit_days == 3.6
    assert november.time_to_interview_days == metrics.time_to_interview_days == 7.0
    assert november.time_to_offer_days == metrics.time_to_offer_days == 8.0
    assert november.time_to_fill_days == metrics.time_to_fill_days == 12.0


def test_the_submittals_out_of_order_are_listed_with_both_dates_not_averaged(owner, twenty):
    received_late, offer_early = twenty
    metrics = metrics_for(team(owner), MonthRange(NOV, NOV))

    assert metrics.out_of_order_count == 2
    listed = {row.submittal_id: row for row in metrics.out_of_order}
    assert set(listed) == {received_late.pk, offer_early.pk}
    late = listed[received_late.pk].problem
    assert (late.later, late.earlier) == (on(5), on(15))
    assert (
        late.message
        == "Submitted Thu 5 Nov 2026 is before the job order was received on Sun 15 Nov 2026."
    )
    early = listed[offer_early.pk].problem
    assert early.message == "Offer Mon 9 Nov 2026 is before the first interview on Thu 12 Nov 2026."
    assert listed[offer_early.pk].job_order_id == offer_early.job_order_id


def test_alone_an_out_of_order_submittal_leaves_no_time_rather_than_a_negative_one(owner):
    submittal = _submittal(owner, 5, None, None, 9)
    JobOrder.objects.filter(submittals=submittal).update(received_on=on(20))

    metrics = metrics_for(team(owner), MonthRange(NOV, NOV))

    assert metrics.funnel.submitted == 1
    assert metrics.time_to_submit_days is None
    assert metrics.time_to_fill_days is None
    assert metrics.out_of_order_count == 1


def _all_times(metrics):
    yield from (
        metrics.time_to_submit_days,
        metrics.time_to_interview_days,
        metrics.time_to_offer_days,
        metrics.time_to_fill_days,
    )
    for row in metrics.monthly:
        yield from (
            row.time_to_submit_days,
            row.time_to_interview_days,
            row.time_to_offer_days,
            row.time_to_fill_days,
        )


def _numbers(metrics):
    for value in _all_times(metrics):
        if value is not None:
            yield value
    for row in metrics.monthly:
        yield from (row.submitted, row.interviewed, row.offers, row.placements)


def test_no_figure_is_negative_on_the_twenty(owner, twenty):
    metrics = metrics_for(team(owner), MonthRange(NOV, NOV))
    assert all(value >= 0 for value in _numbers(metrics))


@pytest.mark.parametrize("size", [3, 30])
def test_no_figure_is_negative_on_the_cost_fixture(owner, size):
    grow(owner, size)
    metrics = metrics_for(team(owner), OCT_NOV)
    assert all(value >= 0 for value in _numbers(metrics))
    assert metrics.time_to_submit_days is not None


def test_no_figure_is_negative_on_the_demo_and_none_is_left_out(db):
    call_command("seed_demo")
    metrics = metrics_for(
        Scope("firm", "Whole firm", firm_wide=True), default_month_range(timezone.localdate())
    )
    assert all(value >= 0 for value in _numbers(metrics))
    assert metrics.time_to_submit_days is not None
    assert metrics.time_to_fill_days is not None
    assert metrics.out_of_order_count == 0


def test_the_page_lists_them_with_a_link_to_fix_and_the_csv_has_no_negative_time(
    client, owner, twenty
):
    received_late, _ = twenty
    client.force_login(owner)
    response = client.get(URL, {"start": "2026-11", "end": "2026-11"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 submittals of these months are left out of the times above" in body
    fix = reverse("joborders:detail", args=[received_late.job_order_id])
    assert f'href="{fix}#submittal-{received_late.pk}"' in body
    assert (
        "Submitted Thu 5 Nov 2026 is before the job order was received on Sun 15 Nov 2026." in body
    )

    for table in ("funnel", "monthly"):
        csv_response = client.get(
            URL, {"start": "2026-11", "end": "2026-11", "format": "csv", "table": table}
        )
        rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row[1:]]
        assert not [cell for cell in cells if cell.startswith("-")]
    dates = client.get(
        URL, {"start": "2026-11", "end": "2026-11", "format": "csv", "table": "dates"}
    )
    rows = list(csv.reader(io.StringIO(dates.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # oldest submittal first
    assert rows[1][2:6] == ["Offer", "2026-11-09", "Interview", "2026-11-12"]
    assert rows[2][2:6] == ["Submitted", "2026-11-05", "Received", "2026-11-15"]
