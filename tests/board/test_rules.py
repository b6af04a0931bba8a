"""board.rules and joborders.value on their own: stages, stall warnings, coverage, value."""

import datetime
from decimal import Decimal

import pytest

from board import rules
from core.money import format_money
from joborders.models import JobOrder, Submittal
from joborders.value import CONTRACT, PERMANENT, joborder_value

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def test_the_rules_name_the_statuses_and_types_of_the_models():
    S = Submittal.Status
    assert (rules.S_SUBMITTED, rules.S_INTERVIEW_SCHEDULED, rules.S_INTERVIEWED, rules.S_OFFER) == (
        S.SUBMITTED,
        S.INTERVIEW_SCHEDULED,
        S.INTERVIEWED,
        S.OFFER,
    )
    assert tuple(JobOrder.EmploymentType.values) == (CONTRACT, PERMANENT)


@pytest.mark.parametrize(
    ("status", "interview_at", "stage"),
    [
        ("offer", NOW - DAY, rules.OFFER),
        ("interviewed", NOW - DAY, rules.FEEDBACK_DUE),
        ("interview_scheduled", NOW - HOUR, rules.FEEDBACK_DUE),
        ("interview_scheduled", NOW + HOUR, rules.INTERVIEW),
        ("interview_scheduled", None, rules.INTERVIEW),
        ("submitted", None, rules.SUBMITTED),
    ],
)
def test_each_status_has_its_stage(status, interview_at, stage):
    assert rules.stage_of(status, interview_at, NOW) == stage


def stalls(**kwargs):
    values = {
        "status": "interview_scheduled",
        "interview_at": NOW + 3 * DAY,
        "interview_day_start": None,
        "last_call_at": None,
        "last_move_at": NOW - DAY,
        "plan_ready": True,
        "now": NOW,
    } | kwargs
    return [s.key for s in rules.stalls_of(**values)]


def test_a_submittal_moving_on_time_has_no_warning():
    assert stalls() == []


def test_it_warns_of_an_interview_over_with_no_feedback_call():
    past = NOW - 2 * HOUR
    day = past.replace(hour=0)
    assert stalls(interview_at=past, interview_day_start=day) == ["no_feedback"]
    assert stalls(status="interviewed", interview_at=past, interview_day_start=day) == [
        "no_feedback"
    ]


def test_a_feedback_call_of_the_interview_day_clears_the_warning_and_an_older_one_does_not():
    past = NOW - 2 * HOUR
    day = past.replace(hour=0)
    assert stalls(interview_at=past, interview_day_start=day, last_call_at=NOW - HOUR) == []
    older = day - 3 * DAY  # the call about an earlier round
    assert stalls(interview_at=past, interview_day_start=day, last_call_at=older) == ["no_feedback"]


def test_it_warns_of_a_submittal_without_an_event_for_seven_days():
    assert stalls(last_move_at=NOW - 7 * DAY) == ["quiet"]
    assert stalls(last_move_at=NOW - 7 * DAY + HOUR) == []


def test_it_warns_of_a_plan_not_ready_within_the_hour_before_its_interview():
    soon = NOW + 50 * datetime.timedelta(minutes=1)
    assert stalls(interview_at=soon, plan_ready=False) == ["not_ready"]
    assert stalls(interview_at=soon, plan_ready=True) == []
    assert stalls(interview_at=NOW + 2 * HOUR, plan_ready=False) == []


def test_coverage_counts_job_orders_whose_every_candidate_has_a_ready_plan():
    coverage = rules.coverage_of([[True, True], [True, False], [], [True]])
    assert (coverage.covered, coverage.total, coverage.without_candidates) == (2, 4, 1)
    assert coverage.text == "2 of 4 open job orders have a ready plan for every active candidate"
    assert rules.coverage_of([[True]]).text == (
        "1 of 1 open job order has a ready plan for every active candidate"
    )


def value(**kwargs):
    values = {
        "employment_type": CONTRACT,
        "openings": 2,
        "bill_rate": Decimal("95.50"),
        "expected_hours": 1040,
        "placement_fee": Decimal("30000"),
    } | kwargs
    return joborder_value(**values)


def test_a_contract_is_worth_bill_rate_times_expected_hours_times_openings():
    assert value() == Decimal("95.50") * 1040 * 2 == Decimal("198640.00")


def test_a_permanent_role_is_worth_its_placement_fee():
    assert value(employment_type=PERMANENT) == Decimal("30000")


@pytest.mark.parametrize(
    "missing",
    [
        {"bill_rate": None},
        {"expected_hours": None},
        {"employment_type": PERMANENT, "placement_fee": None},
    ],
)
def test_a_missing_input_makes_the_value_unknown_not_zero(missing):
    assert value(**missing) is None
    assert format_money(value(**missing)) == "unknown"


def test_money_is_shown_in_the_firms_currency(settings):
    assert format_money(Decimal("198640.00")) == "$198,640"
    assert format_money(Decimal("95.5")) == "$95.50"
    assert format_money(0) == "$0"
    settings.DIALREADY_CURRENCY = "EUR"
    assert format_money(Decimal("1200")) == "€1,200"
    assert format_money(Decimal("1200"), "SEK") == "1,200 SEK"


def test_the_board_order_puts_stage_then_interview_then_value():
    early, late = NOW + HOUR, NOW + DAY
    keys = {
        "offer": rules.job_key(rules.candidate_key(rules.OFFER, None, 9), None, 1),
        "interview early, cheap": rules.job_key(
            rules.candidate_key(rules.INTERVIEW, early, 1), Decimal(1), 2
        ),
        "interview late, rich": rules.job_key(
            rules.candidate_key(rules.INTERVIEW, late, 2), Decimal(9), 3
        ),
        "submitted, rich": rules.job_key(
            rules.candidate_key(rules.SUBMITTED, None, 3), Decimal(9), 4
        ),
        "submitted, unknown": rules.job_key(rules.candidate_key(rules.SUBMITTED, None, 4), None, 5),
        "no candidate": rules.job_key(None, Decimal(99), 6),
    }
    assert sorted(keys, key=keys.get) == list(keys)
