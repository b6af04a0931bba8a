"""The metrics page's figures on hand-made data: exact numbers for every definition."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from callplans.models import CallPlan, FeedbackCall, PlanReview
from joborders.models import JobOrder, LossReason, Submittal
from joborders.services import submittal_change_status, submittal_create, submittal_set_loss
from metrics.funnel import Ratio, funnel_for
from metrics.selectors import (
    NOT_REHEARSED_LABEL,
    REHEARSED_LABEL,
    MonthRange,
    Scope,
    metrics_for,
    metrics_scope_for,
    month_range_from,
)
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    ObjectionFactory,
    PlanReviewFactory,
    RaisedObjectionFactory,
)

UTC = datetime.UTC
OCT, NOV = datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)
OCT_NOV = MonthRange(OCT, NOV)


def day(n, month=11, hour=10):
    return datetime.datetime(2026, month, n, hour, tzinfo=UTC)


def pipeline(owner, *steps, submitted=None, received=None, interview=None):
    """A submittal on a new job order (received on the day `received`), moved through (status,
    date); `interview` is the interview's date and time."""
    job = JobOrderFactory(owner=owner)
    if received:
        JobOrder.objects.filter(pk=job.pk).update(received_on=received)
        job.refresh_from_db()
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(),
        submitted_by=owner,
        submitted_at=submitted or day(2),
    )
    if interview:
        Submittal.objects.filter(pk=submittal.pk).update(interview_at=interview)
        submittal.refresh_from_db()
    for status, when in steps:
        submittal_change_status(
            submittal=submittal, status=status, changed_by=owner, changed_at=when
        )
    return submittal


def feedback_call(owner, *, when=None, outcome=FeedbackCall.Outcome.OFFER, plan=None):
    plan = plan or CallPlanFactory(submittal=pipeline(owner), author=owner)
    return FeedbackCallFactory(
        plan=plan, called_by=owner, called_at=when or day(6), outcome=outcome
    )


def raise_objection(call, category="skill_gap", *, anticipated):
    objection = ObjectionFactory(plan=call.plan, category=category) if anticipated else None
    return RaisedObjectionFactory(feedback_call=call, objection=objection, category=category)


def team_scope(user):
    return Scope("team", "team", team_ids=(user.team_id,))


def month(metrics, first):
    return next(row for row in metrics.monthly if row.month == first)


# --- the funnel, for the range and per month -----------------------------------------------


@pytest.fixture
def funnel_data(owner):
    pipeline(owner)  # submitted in November, nothing since
    pipeline(owner, ("interview_scheduled", day(5)))
    pipeline(owner, ("interview_scheduled", day(5)), ("interviewed", day(6)), ("rejected", day(7)))
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)), ("placed", day(20)))
    # submitted in October, interviewed and offered in November
    pipeline(owner, ("interview_scheduled", day(3)), ("offer", day(4)), submitted=day(20, 10))
    # submitted and interviewed in October, offer in November
    pipeline(
        owner,
        ("interview_scheduled", day(21, 10)),
        ("offer", day(2)),
        submitted=day(10, 10),
    )


def test_the_range_totals_are_the_funnel_of_the_whole_range(owner, funnel_data):
    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert metrics.funnel.submit_to_interview == Ratio(6, 7)
    assert metrics.funnel.interview_to_offer == Ratio(4, 6)
    assert metrics.funnel.offer_to_placement == Ratio(1, 4)
    assert metrics.funnel.placements == 1


def test_each_month_counts_each_cohort_in_the_month_of_its_stage(owner, funnel_data):
    metrics = metrics_for(team_scope(owner), OCT_NOV)
    october, november = month(metrics, OCT), month(metrics, NOV)

    assert (october.submitted, october.submit_to_interview) == (2, Ratio(2, 2))
    assert (october.interviewed, october.interview_to_offer) == (1, Ratio(1, 1))
    assert (october.offers, october.offer_to_placement) == (0, Ratio(0, 0))
    assert str(october.offer_to_placement) == "—"
    assert (november.submitted, november.submit_to_interview) == (5, Ratio(4, 5))
    assert (november.interviewed, november.interview_to_offer) == (5, Ratio(3, 5))
    assert (november.offers, november.offer_to_placement) == (4, Ratio(1, 4))
    assert november.placements == 1


def test_a_month_matches_the_funnel_of_that_month_alone(owner, funnel_data):
    metrics = metrics_for(team_scope(owner), OCT_NOV)
    alone = funnel_for(Submittal.objects.all(), day(1, hour=0), day(1, month=12, hour=0))
    november = month(metrics, NOV)

    assert november.submit_to_interview == alone.submit_to_interview
    assert november.interview_to_offer == alone.interview_to_offer
    assert november.offer_to_placement == alone.offer_to_placement


def test_every_month_of_the_range_has_a_row_even_an_empty_one(owner):
    metrics = metrics_for(team_scope(owner), MonthRange(datetime.date(2026, 8, 1), NOV))
    assert [row.month for row in metrics.monthly] == [
        datetime.date(2026, 8, 1),
        datetime.date(2026, 9, 1),
        OCT,
        NOV,
    ]
    assert all(row.submitted == 0 for row in metrics.monthly)


# --- time to submit, interview, offer, fill -----------------------------------------------


def on(n, month=11):
    return datetime.date(2026, month, n)


def test_time_to_submit_averages_the_whole_days_from_received_to_submitted(owner):
    pipeline(owner, received=on(1), submitted=day(4))  # 3 days
    pipeline(owner, received=on(1), submitted=day(6))  # 5 days
    pipeline(owner, received=on(1), submitted=day(2, hour=22))  # 1 day: the calendar days
    pipeline(owner, received=on(1, month=9), submitted=day(11, month=10))  # 40 days, October

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert month(metrics, NOV).time_to_submit_days == 3.0  # (3 + 5 + 1) / 3
    assert month(metrics, OCT).time_to_submit_days == 40.0
    assert metrics.time_to_submit_days == 12.2  # (3 + 5 + 1 + 40) / 4 = 12.25


def test_a_submittal_counts_from_the_date_received_not_from_the_job_orders_creation(owner):
    # Typed in today (created_at is now), received and submitted weeks ago.
    pipeline(owner, received=on(2), submitted=day(9))

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert metrics.time_to_submit_days == 7.0


def test_time_to_interview_counts_to_the_interviews_day_in_the_first_interview_cohort(owner):
    pipeline(
        owner,
        ("interview_scheduled", day(5)),
        received=on(1),
        submitted=day(3),
        interview=day(8),
    )  # 7 days
    pipeline(
        owner,
        ("interview_scheduled", day(6)),
        received=on(1),
        submitted=day(3),
        interview=day(12),
    )  # 11 days
    # Scheduled without an interview date (an old record): in the cohort, not in the time.
    pipeline(owner, ("interview_scheduled", day(6)), received=on(1), submitted=day(3))

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert month(metrics, NOV).interviewed == 3
    assert month(metrics, NOV).time_to_interview_days == 9.0
    assert metrics.time_to_interview_days == 9.0


def test_time_to_offer_counts_to_the_first_offer(owner):
    pipeline(
        owner,
        ("interview_scheduled", day(5)),
        ("offer", day(10)),
        received=on(1),
        submitted=day(3),
        interview=day(8),
    )  # 9 days
    pipeline(owner, ("offer", day(21)), received=on(1), submitted=day(3))  # 20 days

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert month(metrics, NOV).offers == 2
    assert metrics.time_to_offer_days == 14.5


def test_time_to_fill_averages_the_days_from_received_to_the_first_placement(owner):
    pipeline(owner, ("placed", day(11)), received=on(1), submitted=day(3))  # 10 days
    pipeline(owner, ("placed", day(21)), received=on(1), submitted=day(3))  # 20 days
    # placed, then moved back and placed again: the first placement counts
    pipeline(
        owner,
        ("placed", day(11, month=10)),
        ("offer", day(12, month=10)),
        ("placed", day(15)),
        received=on(1, month=10),
        submitted=day(2, month=10),
    )  # 10 days, October

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert month(metrics, NOV).time_to_fill_days == 15.0
    assert month(metrics, OCT).time_to_fill_days == 10.0
    assert metrics.time_to_fill_days == 13.3  # (10 + 20 + 10) / 3
    assert month(metrics, NOV).placements == 2


def test_no_submittal_means_no_time_rather_than_zero(owner):
    metrics = metrics_for(team_scope(owner), OCT_NOV)
    assert metrics.time_to_submit_days is None
    assert metrics.time_to_interview_days is None
    assert metrics.time_to_offer_days is None
    assert metrics.time_to_fill_days is None
    assert (metrics.out_of_order_count, metrics.out_of_order) == (0, ())


# --- objections ----------------------------------------------------------------------------


def test_the_anticipated_objection_rate_counts_raised_objections_that_were_in_the_plan(
    owner, outsider
):
    call = feedback_call(owner)
    raise_objection(call, anticipated=True)
    raise_objection(call, "scope", anticipated=True)
    raise_objection(call, "other", anticipated=False)
    raise_objection(feedback_call(owner, when=day(15, month=9)), anticipated=False)  # outside
    raise_objection(feedback_call(outsider), anticipated=False)  # another team

    metrics = metrics_for(team_scope(owner), OCT_NOV)

    assert metrics.anticipated_rate == Ratio(2, 3)
    assert month(metrics, NOV).objections_raised == 3
    assert month(metrics, NOV).anticipated_rate == Ratio(2, 3)
    assert month(metrics, OCT).objections_raised == 0


def test_categories_come_most_raised_first_with_the_offer_rate_anticipated_or_not(owner):
    call_a = feedback_call(owner, outcome=FeedbackCall.Outcome.OFFER)
    raise_objection(call_a, "skill_gap", anticipated=True)
    raise_objection(call_a, "scope", anticipated=False)
    call_b = feedback_call(owner, outcome=FeedbackCall.Outcome.REJECTED)
    raise_objection(call_b, "skill_gap", anticipated=True)
    call_c = feedback_call(owner, outcome=FeedbackCall.Outcome.OFFER)
    raise_objection(call_c, "skill_gap", anticipated=False)
    raise_objection(call_c, "skill_gap", anticipated=False)  # same call: one call
    call_d = feedback_call(owner, outcome=FeedbackCall.Outcome.NEXT_ROUND)
    raise_objection(call_d, "scope", anticipated=False)

    skill, scope = metrics_for(team_scope(owner), OCT_NOV).categories

    assert (skill.category, skill.label, skill.raised, skill.anticipated) == (
        "skill_gap",
        "Skill the candidate lacks",
        4,
        2,
    )
    assert skill.offer_rate_anticipated == Ratio(1, 2)
    assert skill.offer_rate_unanticipated == Ratio(1, 1)
    assert (scope.category, scope.raised, scope.anticipated) == ("scope", 2, 0)
    assert scope.offer_rate_anticipated == Ratio(0, 0)
    assert scope.offer_rate_unanticipated == Ratio(1, 2)


# --- rehearsed or approved plans -----------------------------------------------------------


def interviewed(owner, *, offered):
    steps = [("interview_scheduled", day(5))] + ([("offer", day(9))] if offered else [])
    return pipeline(owner, *steps)


def test_interview_to_offer_is_split_by_rehearsed_or_approved_plans(owner, manager):
    CallPlanFactory(submittal=interviewed(owner, offered=True), rehearsed_at=day(4))
    CallPlanFactory(submittal=interviewed(owner, offered=False), status=CallPlan.Status.APPROVED)
    reviewed = CallPlanFactory(submittal=interviewed(owner, offered=True))
    PlanReviewFactory(plan=reviewed, reviewer=manager, decision=PlanReview.Decision.APPROVED)
    needs_work = CallPlanFactory(submittal=interviewed(owner, offered=True))
    PlanReviewFactory(plan=needs_work, reviewer=manager, decision=PlanReview.Decision.NEEDS_WORK)
    interviewed(owner, offered=False)  # no plan at all
    CallPlanFactory(submittal=interviewed(owner, offered=False))  # a draft

    prepared, unprepared = metrics_for(team_scope(owner), OCT_NOV).rehearsal

    assert (prepared.label, prepared.interview_to_offer) == (REHEARSED_LABEL, Ratio(2, 3))
    assert (unprepared.label, unprepared.interview_to_offer) == (NOT_REHEARSED_LABEL, Ratio(1, 3))


# --- scope ---------------------------------------------------------------------------------


def test_my_figures_count_my_submittals_only(owner, teammate):
    pipeline(owner)
    pipeline(owner)
    pipeline(teammate)
    mine = metrics_for(metrics_scope_for(owner, scope="me"), OCT_NOV)
    assert mine.funnel.submitted == 2


def test_the_team_counts_every_member_and_nobody_else(owner, teammate, manager, outsider):
    pipeline(owner)
    pipeline(teammate)
    pipeline(outsider)
    team = metrics_for(metrics_scope_for(manager, scope="team"), OCT_NOV)
    assert team.funnel.submitted == 2


def test_the_firm_counts_every_team(owner, outsider, superuser):
    pipeline(owner)
    pipeline(outsider)
    firm = metrics_for(metrics_scope_for(superuser, scope="firm"), OCT_NOV)
    assert firm.funnel.submitted == 2


def test_a_manager_picks_one_salesperson_of_the_team(owner, teammate, manager):
    pipeline(owner)
    pipeline(teammate)
    scope = metrics_scope_for(manager, scope="team", person=str(teammate.pk))
    assert metrics_for(scope, OCT_NOV).funnel.submitted == 1
    assert scope.label == str(teammate)


def test_an_outsider_sees_nothing_of_another_team(owner, outsider, outside_manager):
    call = feedback_call(owner)
    raise_objection(call, anticipated=True)
    for scope in (
        metrics_scope_for(outsider, scope="me"),
        metrics_scope_for(outside_manager, scope="team"),
    ):
        figures = metrics_for(scope, OCT_NOV)
        assert figures.funnel.submitted == 0
        assert figures.anticipated_rate == Ratio(0, 0)
        assert figures.categories == ()


@pytest.mark.parametrize(
    ("role", "scope", "error"),
    [
        ("owner", "team", PermissionDenied),
        ("owner", "firm", PermissionDenied),
        ("manager", "firm", PermissionDenied),
    ],
)
def test_scopes_above_the_role_are_refused(request, role, scope, error):
    with pytest.raises(error):
        metrics_scope_for(request.getfixturevalue(role), scope=scope)


@pytest.mark.parametrize("person", ["outsider", "nobody", "abc", "-1", "١٢"])
def test_a_person_outside_the_managers_team_does_not_exist(request, manager, outsider, person):
    pk = str(outsider.pk) if person == "outsider" else "999999" if person == "nobody" else person
    with pytest.raises(Http404):
        metrics_scope_for(manager, scope="team", person=pk)


def test_a_salesperson_cannot_pick_a_colleague(owner, teammate):
    with pytest.raises(PermissionDenied):
        metrics_scope_for(owner, scope="me", person=str(teammate.pk))


# --- the month range -----------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 27)


def test_the_default_range_is_the_last_six_months():
    months, problem = month_range_from(None, None, today=TODAY)
    assert (months.start_text, months.end_text, problem) == ("2026-06", "2026-11", "")
    assert len(months.months) == 6


def test_a_range_is_whole_months_both_included():
    months, problem = month_range_from("2025-12", "2026-02", today=TODAY)
    assert problem == ""
    assert months.months == (
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    )
    start, end = months.bounds()
    assert (start, end) == (
        datetime.datetime(2025, 12, 1, tzinfo=UTC),
        datetime.datetime(2026, 3, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13", "", "YYYY-MM"),
        ("march", "2026-05", "YYYY-MM"),
        ("2026-05-01", "", "YYYY-MM"),
        ("2026-05", "2026-01", "starts after it ends"),
        ("2020-01", "2026-01", "at most 36 months"),
        ("0000-01", "", "YYYY-MM"),
        ("2026-05\x00", "", "YYYY-MM"),
    ],
)
def test_a_bad_range_falls_back_to_the_default_with_a_message(start, end, message):
    months, problem = month_range_from(start, end, today=TODAY)
    assert message in problem
    assert (months.start_text, months.end_text) == ("2026-06", "2026-11")


def test_one_end_of_the_range_is_enough():
    assert month_range_from("2026-09", "", today=TODAY)[0].end_text == "2026-11"
    assert month_range_from("", "2026-03", today=TODAY)[0].start_text == "2025-10"


# --- cost ----------------------------------------------------------------------------------


def grow(owner, size):
    for n in range(size):
        submittal = pipeline(
            owner,
            ("interview_scheduled", day(5)),
            ("offer", day(9)),
            ("placed", day(20)),
            submitted=day(2, month=10 + n % 2),
        )
        plan = CallPlanFactory(submittal=submittal, author=owner, rehearsed_at=day(4))
        call = feedback_call(owner, plan=plan)
        raise_objection(call, anticipated=n % 2 == 0)
        if n % 3 == 0:  # a third of them received after they were submitted: listed
            JobOrder.objects.filter(submittals=submittal).update(received_on=on(25))
        lost = pipeline(owner, ("rejected", day(6)), submitted=day(3))
        if n % 2:
            reason = LossReason.objects.get_or_create(team=owner.team, label=f"Reason {n % 5}")[0]
            submittal_set_loss(submittal=lost, loss_reason=reason)


@pytest.mark.parametrize("size", [3, 30])
def test_the_figures_take_five_queries_whatever_the_data(owner, size, django_assert_num_queries):
    grow(owner, size)
    with django_assert_num_queries(5):
        metrics = metrics_for(team_scope(owner), OCT_NOV)
    assert metrics.funnel.submitted == 2 * size
    assert sum(row.total for row in metrics.losses) == size
    assert len(metrics.out_of_order) == metrics.out_of_order_count == len(range(0, size, 3))


def test_with_no_dates_out_of_order_the_figures_take_four_queries(owner, django_assert_num_queries):
    grow(owner, 3)
    JobOrder.objects.update(received_on=datetime.date(2026, 9, 1))  # every date in order now
    with django_assert_num_queries(4):
        metrics = metrics_for(team_scope(owner), OCT_NOV)
    assert metrics.funnel.submitted == 6
    assert metrics.out_of_order_count == 0 and metrics.out_of_order == ()
