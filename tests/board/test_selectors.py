"""board_for on hand-made data with a fixed clock: order, values, coverage, stalls, filters,
scopes and query counts."""

import datetime
from decimal import Decimal

import pytest

from board import rules
from board.selectors import board_for
from callplans.models import CallPlan
from joborders.models import JobOrder, Submittal
from tests.factories import (
    CallPlanFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    ObjectionFactory,
    SubmittalEventFactory,
    SubmittalFactory,
    UserFactory,
)

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
S = Submittal.Status
READY, APPROVED, DRAFT = CallPlan.Status.READY, CallPlan.Status.APPROVED, CallPlan.Status.DRAFT


def job(owner, title, **kwargs):
    values = {"bill_rate": Decimal("100"), "expected_hours": 1000} | kwargs
    return JobOrderFactory(owner=owner, title=title, **values)


def candidate(job_order, status=S.SUBMITTED, interview_at=None, plan=None, **kwargs):
    submittal = SubmittalFactory(
        job_order=job_order,
        status=status,
        interview_at=interview_at,
        submitted_at=kwargs.pop("submitted_at", NOW - DAY),
        **kwargs,
    )
    if plan is not None:
        CallPlanFactory(submittal=submittal, status=plan)
    return submittal


@pytest.fixture
def board_world(owner, teammate):
    """One job order per stage, in the board's order, plus what must not show."""
    jobs = {
        "offer": job(owner, "offer", bill_rate=Decimal("50")),
        "feedback": job(owner, "feedback"),
        "interview soon": job(owner, "interview soon"),
        "interview later": job(owner, "interview later", bill_rate=Decimal("500")),
        "submitted, permanent": job(
            owner, "submitted, permanent", employment_type="permanent", placement_fee=30_000
        ),
        "submitted, unknown value": job(owner, "submitted, unknown value", expected_hours=None),
        "no candidate": job(owner, "no candidate", bill_rate=Decimal("900")),
    }
    candidate(jobs["offer"], S.OFFER, NOW - 5 * DAY, plan=READY)
    candidate(jobs["offer"], S.REJECTED)
    candidate(jobs["offer"], S.WITHDRAWN)
    candidate(jobs["offer"], S.PLACED)
    candidate(jobs["feedback"], S.INTERVIEWED, NOW - DAY)
    candidate(jobs["interview soon"], S.INTERVIEW_SCHEDULED, NOW + DAY, plan=APPROVED)
    candidate(jobs["interview later"], S.INTERVIEW_SCHEDULED, NOW + 3 * DAY, plan=DRAFT)
    candidate(jobs["interview later"], S.SUBMITTED)
    candidate(jobs["submitted, permanent"])
    candidate(jobs["submitted, unknown value"])
    JobOrderFactory(owner=owner, title="filled", status=JobOrder.Status.FILLED)
    JobOrderFactory(owner=owner, title="archived", archived=True)
    JobOrderFactory(owner=teammate, title="teammate's")
    return jobs


def titles(board):
    return [row.job_order.title for row in board.jobs]


def test_the_board_lists_every_open_job_order_once_closest_to_the_money_first(owner, board_world):
    board = board_for(owner, now=NOW)
    assert titles(board) == list(board_world)


def test_inside_a_job_order_candidates_are_ranked_and_only_active_ones_show(owner, board_world):
    row = next(r for r in board_for(owner, now=NOW).jobs if r.job_order.title == "offer")
    assert [c.stage for c in row.candidates] == [rules.OFFER]
    row = next(r for r in board_for(owner, now=NOW).jobs if r.job_order.title == "interview later")
    assert [c.stage for c in row.candidates] == [rules.INTERVIEW, rules.SUBMITTED]


def test_values_are_computed_per_type_and_unknown_when_an_input_is_missing(owner, board_world):
    values = {r.job_order.title: r.value for r in board_for(owner, now=NOW).jobs}
    assert values["offer"] == Decimal("50000")
    assert values["submitted, permanent"] == Decimal("30000")
    assert values["submitted, unknown value"] is None


def test_the_coverage_line_matches_a_hand_count(owner, board_world):
    # Covered: "offer" (ready) and "interview soon" (approved). Not: feedback (no plan),
    # interview later (a draft and no plan), both submitted (no plan), no candidate.
    coverage = board_for(owner, now=NOW).coverage
    assert (coverage.covered, coverage.total, coverage.without_candidates) == (2, 7, 1)
    assert coverage.text == "2 of 7 open job orders have a ready plan for every active candidate"


def test_the_mine_scope_keeps_my_job_orders_and_those_i_submitted_to(owner, teammate, board_world):
    theirs = JobOrderFactory(owner=teammate, title="theirs, my candidate")
    SubmittalFactory(job_order=theirs, submitted_by=owner, submitted_at=NOW - DAY)
    mine = titles(board_for(owner, now=NOW))
    assert "theirs, my candidate" in mine and "teammate's" not in mine
    assert "teammate's" in titles(board_for(owner, scope="team", now=NOW))


def test_a_manager_sees_the_team_and_an_outsider_sees_none_of_it(manager, outsider, board_world):
    team = titles(board_for(manager, scope="team", now=NOW))
    assert set(team) == {*board_world, "teammate's"}
    assert len(team) == len(set(team))
    assert titles(board_for(outsider, scope="team", now=NOW)) == []
    assert board_for(outsider, scope="team", now=NOW).coverage.total == 0


def test_a_superuser_sees_every_team(superuser, outsider, board_world):
    JobOrderFactory(owner=outsider, title="other team's")
    assert "other team's" in titles(board_for(superuser, scope="team", now=NOW))


def test_the_client_filter_keeps_that_clients_job_orders(owner, board_world):
    client = board_world["feedback"].client
    assert titles(board_for(owner, client=client, now=NOW)) == ["feedback"]


def test_the_stage_filter_keeps_candidates_at_that_stage_and_coverage_stays_whole(
    owner, board_world
):
    board = board_for(owner, stage=rules.SUBMITTED, now=NOW)
    assert titles(board) == ["interview later", "submitted, permanent", "submitted, unknown value"]
    assert all(c.stage == rules.SUBMITTED for r in board.jobs for c in r.candidates)
    assert board.coverage.total == 7


def test_the_sorts_order_by_value_interview_and_client(owner, board_world):
    by_value = titles(board_for(owner, sort="value", now=NOW))
    assert by_value[:3] == ["no candidate", "interview later", "feedback"]
    assert by_value[-1] == "submitted, unknown value"
    by_interview = titles(board_for(owner, sort="interview", now=NOW))
    assert by_interview[:4] == ["offer", "feedback", "interview soon", "interview later"]
    by_client = titles(board_for(owner, sort="client", now=NOW))
    names = [r.job_order.client.name for r in board_for(owner, sort="client", now=NOW).jobs]
    assert names == sorted(names, key=str.casefold) and len(by_client) == 7


def stall_keys(user, title):
    row = next(r for r in board_for(user, now=NOW).jobs if r.job_order.title == title)
    return [s.key for c in row.candidates for s in c.stalls]


def test_it_warns_of_an_interview_over_without_a_feedback_call(owner):
    j = job(owner, "j")
    submittal = candidate(j, S.INTERVIEWED, NOW - DAY, plan=READY)
    assert stall_keys(owner, "j") == ["no_feedback"]
    FeedbackCallFactory(plan=submittal.plan, called_at=NOW - HOUR)
    assert stall_keys(owner, "j") == []


def test_it_warns_of_a_submittal_with_no_event_in_seven_days(owner):
    j = job(owner, "j")
    submittal = candidate(j, submitted_at=NOW - 10 * DAY)
    assert stall_keys(owner, "j") == ["quiet"]
    SubmittalEventFactory(submittal=submittal, changed_at=NOW - 2 * DAY)
    assert stall_keys(owner, "j") == []


def test_it_warns_of_a_plan_not_ready_an_hour_before_its_interview(owner):
    j = job(owner, "j")
    candidate(j, S.INTERVIEW_SCHEDULED, NOW + HOUR / 2, plan=DRAFT)
    assert stall_keys(owner, "j") == ["not_ready"]
    CallPlan.objects.update(status=READY)
    assert stall_keys(owner, "j") == []


def test_a_candidate_shows_the_four_most_likely_objections_with_a_rebuttal_mark(owner):
    j = job(owner, "j")
    submittal = candidate(j, S.INTERVIEW_SCHEDULED, NOW + DAY, plan=DRAFT)
    plan = submittal.plan
    L = "high", "medium", "low"
    for n, likelihood in enumerate([L[2], L[0], L[1], L[0], L[1]]):
        rebuttal = "" if n == 1 else "Because."
        ObjectionFactory(plan=plan, text=f"o{n}", likelihood=likelihood, rebuttal=rebuttal)
    ObjectionFactory(plan=plan, text="drafted", likelihood="high", rebuttal_draft=True)
    (row,) = board_for(owner, now=NOW).jobs
    (c,) = row.candidates
    assert [(o.text, o.has_rebuttal) for o in c.objections] == [
        ("o1", False),
        ("o3", True),
        ("drafted", False),
        ("o2", True),
    ]
    assert not c.rehearsed
    assert c.next_action == "Ask the client to extend an offer."


def test_a_candidate_without_a_plan_is_asked_to_prepare_one(owner):
    candidate(job(owner, "j"))
    (c,) = board_for(owner, now=NOW).jobs[0].candidates
    assert c.plan is None and c.readiness is None and c.next_action == "Prepare the call plan"
    assert c.may_write


def many(owner, count):
    for n in range(count):
        j = job(owner, f"job {n}")
        for status in (S.INTERVIEW_SCHEDULED, S.OFFER):
            s = candidate(j, status, NOW + DAY, plan=DRAFT, submitted_by=owner)
            ObjectionFactory(plan=s.plan)
            ObjectionFactory(plan=s.plan, rebuttal="")
            FeedbackCallFactory(plan=s.plan, called_at=NOW - DAY)
            SubmittalEventFactory(submittal=s, changed_at=NOW - DAY)
        candidate(j)  # without a plan


@pytest.mark.parametrize("count", [5, 50])  # the issue: 5 vs 50 job orders
def test_the_board_costs_four_queries_whatever_its_size(owner, count, django_assert_num_queries):
    many(owner, count)
    UserFactory(team=owner.team)
    with django_assert_num_queries(4):  # job orders, submittals, objections, raised counts
        board = board_for(owner, scope="team", now=NOW)
    assert len(board.jobs) == count
    assert sum(len(r.candidates) for r in board.jobs) == 3 * count
