"""dashboard_for: the "closest to the money" sections on hand-made data, with a fixed clock.

The clock is Tuesday 10 November 2026, 12:00 in Chicago (18:00 UTC): "today" and "yesterday" are
Chicago days, so an interview at 23:30 Chicago time belongs to that Chicago day even though it is
the next day in UTC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from callplans.models import CallPlan, PlanReview
from callplans.selectors import plan_page_for
from callplans.services import callplan_set_closing_questions, objection_add
from dashboard.selectors import SECTION_LIMIT, dashboard_for
from joborders.models import JobOrder, Requirement, Submittal
from joborders.services import submittal_change_status, submittal_create
from metrics.funnel import Ratio, funnel_for, month_bounds
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    PlanReviewFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=CHICAGO)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime.datetime:
    """A Chicago wall-clock time in 2026."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def chicago(settings):
    settings.TIME_ZONE = "America/Chicago"


def interview(user, name, *, status="interviewed", when=None, plan=False, job=None):
    submittal = SubmittalFactory(
        job_order=job or JobOrderFactory(owner=user),
        candidate=CandidateFactory(first_name=name, last_name="Test"),
        submitted_by=user,
        status=status,
        interview_at=when,
    )
    if plan:
        CallPlanFactory(submittal=submittal, author=user)
    return submittal


def names(rows) -> list[str]:
    return [row.submittal.candidate.first_name for row in rows]


def mine(dashboard):
    (group,) = dashboard.groups
    return group


# --- Feedback calls due ----------------------------------------------------------------------


def test_feedback_calls_due_are_todays_and_yesterdays_interviews_without_a_logged_call(
    owner, teammate
):
    interview(owner, "Ada", when=at(9, 9))  # yesterday, no plan
    interview(owner, "Eve", when=at(9, 11), plan=True)
    FeedbackCallFactory(
        plan=CallPlan.objects.get(submittal__candidate__first_name="Eve"), called_at=at(5, 10)
    )  # about an earlier round
    interview(owner, "Ben", status="interview_scheduled", when=at(10, 15), plan=True)  # later today
    interview(owner, "Hal", when=at(10, 23, 30))  # today in Chicago, tomorrow in UTC
    interview(owner, "Cy", when=at(8, 10))  # the day before yesterday
    interview(owner, "Gus", when=at(8, 23, 30))  # the day before yesterday, yesterday in UTC
    dee = interview(owner, "Dee", when=at(9, 10), plan=True)
    FeedbackCallFactory(plan=dee.plan, called_at=at(9, 16))  # logged: done
    interview(owner, "Fay", status="offer", when=at(9, 10))  # moved on already
    interview(owner, "Sol", status="submitted", when=at(9, 10))
    interview(teammate, "Ivy", when=at(9, 10))  # someone else's

    due = mine(dashboard_for(owner, now=NOW)).feedback_due

    assert names(due) == ["Ada", "Eve", "Ben", "Hal"]
    ada, eve = due[0], due[1]
    assert ada.plan is None and ada.readiness is None and ada.may_write
    assert eve.plan is not None and isinstance(eve.readiness, int) and eve.may_write


def test_a_call_logged_on_the_interview_day_clears_it(owner):
    ben = interview(owner, "Ben", status="interview_scheduled", when=at(10, 9), plan=True)
    assert names(mine(dashboard_for(owner, now=NOW)).feedback_due) == ["Ben"]
    FeedbackCallFactory(plan=ben.plan, called_at=at(10, 11))
    assert mine(dashboard_for(owner, now=NOW)).feedback_due == ()


def test_readiness_on_the_dashboard_is_the_plan_pages_score(owner, team, closing_question):
    """Plans at different stages: the SQL score equals the plan page's checklist score."""
    bare = interview(owner, "Bare", when=at(10, 8), plan=True)

    planned = interview(owner, "Planned", when=at(10, 9), plan=True)
    callplan_set_closing_questions(plan=planned.plan, questions=[closing_question])

    job = JobOrderFactory(owner=owner, project_goal="Move payments to Kubernetes")
    for kind in ("challenge", "deliverable", "result"):
        RequirementFactory(job_order=job, kind=kind, description=f"A {kind}", must_have=False)
    gap = RequirementFactory(
        job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name="Kubernetes")
    )
    ready = interview(owner, "Ready", when=at(10, 10), plan=True, job=job)
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=ready.candidate), called_by=owner, job_order=job
    )
    objection_add(plan=ready.plan, category="skill_gap", text="No Kubernetes", requirement=gap)
    callplan_set_closing_questions(plan=ready.plan, questions=[closing_question])
    CallPlan.objects.filter(pk=ready.plan.pk).update(rehearsed_at=NOW)
    half = interview(owner, "Half", when=at(10, 11), plan=True, job=job)
    objection_add(
        plan=half.plan, category="skill_gap", text="No k8s", requirement=gap, rebuttal="EKS"
    )
    CallPlan.objects.filter(pk=half.plan.pk).update(rehearsed_at=NOW, next_action="")

    due = mine(dashboard_for(owner, now=NOW)).feedback_due

    expected = {
        s.candidate.first_name: plan_page_for(s.plan.pk).checklist.score
        for s in (bare, planned, ready, half)
    }
    assert {row.submittal.candidate.first_name: row.readiness for row in due} == expected
    assert len(set(expected.values())) >= 3  # the plans really are at different stages


# --- Upcoming interviews ---------------------------------------------------------------------


def test_upcoming_interviews_cover_the_next_seven_days_and_say_if_the_plan_is_ready(owner):
    kim = interview(owner, "Kim", status="interview_scheduled", when=at(11, 10), plan=True)
    CallPlan.objects.filter(pk=kim.plan.pk).update(status=CallPlan.Status.READY)
    interview(owner, "Lu", status="interview_scheduled", when=at(17, 11))  # 6 days 23 hours
    interview(owner, "Mo", status="interview_scheduled", when=at(17, 13))  # past 7 days
    interview(owner, "Ned", status="interview_scheduled", when=at(10, 10))  # this morning
    interview(owner, "Oz", status="interviewed", when=at(11, 10))

    upcoming = mine(dashboard_for(owner, now=NOW)).upcoming

    assert names(upcoming) == ["Kim", "Lu"]
    assert upcoming[0].ready and upcoming[0].plan.status == "ready"
    assert not upcoming[1].ready and upcoming[1].plan is None


# --- Open job orders to finish ---------------------------------------------------------------


def qualified_job(owner, title, **kwargs) -> JobOrder:
    job = JobOrderFactory(owner=owner, title=title, project_goal="A goal", **kwargs)
    for kind in ("challenge", "deliverable", "result"):
        RequirementFactory(job_order=job, kind=kind, description=f"A {kind}")
    return job


def test_open_job_orders_missing_an_answer_a_reference_call_or_a_plan(owner, teammate):
    done = qualified_job(owner, "Done")
    finished = interview(owner, "Finn", status="submitted", job=done, plan=True)
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=finished.candidate), called_by=owner, job_order=done
    )

    gaps = qualified_job(owner, "Gaps")
    pat = interview(owner, "Pat", status="interview_scheduled", job=gaps)
    ReferenceCallFactory(  # a reference call about Pat, but for another job
        reference=ReferenceFactory(candidate=pat.candidate), called_by=owner, job_order=done
    )
    interview(owner, "Rex", status="rejected", job=gaps)  # not active: needs nothing

    JobOrderFactory(owner=owner, title="Unqualified", project_goal="")
    JobOrderFactory(owner=owner, title="Filled", project_goal="", status=JobOrder.Status.FILLED)
    JobOrderFactory(owner=owner, title="Archived", project_goal="", archived=True)
    JobOrderFactory(owner=teammate, title="Teammate's", project_goal="")

    rows = {g.job_order.title: g for g in mine(dashboard_for(owner, now=NOW)).job_orders}

    assert set(rows) == {"Gaps", "Unqualified"}
    assert rows["Unqualified"].unanswered == (
        "the goal of the project",
        "the challenges to solve",
        "the deliverables",
        "the quantifiable results",
    )
    assert rows["Unqualified"].without_reference == () and rows["Unqualified"].without_plan == ()
    assert rows["Gaps"].unanswered == ()
    assert [c.first_name for c in rows["Gaps"].without_reference] == ["Pat"]
    assert names(rows["Gaps"].without_plan) == ["Pat"]
    assert rows["Gaps"].without_plan[0].may_write


# --- Ratios ----------------------------------------------------------------------------------


def pipeline(user, submitted, *steps):
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=user),
        candidate=CandidateFactory(),
        submitted_by=user,
        submitted_at=submitted,
    )
    for status, when in steps:
        submittal_change_status(
            submittal=submittal, status=status, changed_by=user, changed_at=when
        )
    return submittal


def test_my_ratios_this_month_against_last(owner, teammate):
    pipeline(
        owner,
        at(5, 10, month=10),
        ("interview_scheduled", at(8, 10, month=10)),
        ("offer", at(3, 10)),
    )
    pipeline(owner, at(6, 10, month=10))
    pipeline(owner, at(2, 10), ("interview_scheduled", at(4, 10)))
    pipeline(owner, at(3, 10))
    pipeline(owner, at(20, 10, month=9), ("interview_scheduled", at(1, 10, month=10)))
    pipeline(teammate, at(2, 10), ("interview_scheduled", at(3, 10)), ("offer", at(5, 10)))

    ratios = {
        r.label: (r.this_month, r.last_month) for r in mine(dashboard_for(owner, now=NOW)).ratios
    }

    assert ratios == {
        "Submittal → interview": (Ratio(1, 2), Ratio(1, 2)),
        "Interview → offer": (Ratio(0, 1), Ratio(1, 2)),
        "Offer → placement": (Ratio(0, 1), Ratio(0, 0)),
    }


def test_a_managers_ratios_per_salesperson_are_funnel_for_of_each(
    owner, teammate, manager, outsider
):
    pipeline(
        owner,
        at(5, 10, month=10),
        ("interview_scheduled", at(8, 10, month=10)),
        ("offer", at(3, 10)),
        ("placed", at(6, 10)),
    )
    pipeline(owner, at(2, 10), ("interview_scheduled", at(4, 10)), ("rejected", at(5, 10)))
    pipeline(teammate, at(2, 10), ("offer", at(5, 10)))
    pipeline(teammate, at(1, 10, month=8))  # nothing since: no group for it
    pipeline(outsider, at(2, 10), ("interview_scheduled", at(3, 10)))

    dashboard = dashboard_for(manager, now=NOW)

    this_month = month_bounds(datetime.date(2026, 11, 1), CHICAGO)
    last_month = month_bounds(datetime.date(2026, 10, 1), CHICAGO)
    groups = {g.person: g for g in dashboard.groups}
    assert outsider not in groups
    for person in (owner, teammate):
        submittals = Submittal.objects.filter(submitted_by=person)
        this, last = funnel_for(submittals, *this_month), funnel_for(submittals, *last_month)
        for row, name in zip(
            groups[person].ratios,
            ("submit_to_interview", "interview_to_offer", "offer_to_placement"),
            strict=True,
        ):
            assert (row.this_month, row.last_month) == (getattr(this, name), getattr(last, name))
    assert groups[owner].ratios[2].this_month == Ratio(1, 1)


# --- Who sees what ---------------------------------------------------------------------------


def test_a_manager_sees_the_whole_team_grouped_by_salesperson(owner, teammate, manager, outsider):
    owner.first_name, teammate.first_name, manager.first_name = "Olga", "Tom", "Mia"
    for user in (owner, teammate, manager):
        user.save()
    interview(owner, "Ada", when=at(9, 10))
    interview(teammate, "Ivy", when=at(10, 9))
    interview(teammate, "Kim", status="interview_scheduled", when=at(12, 9))
    interview(outsider, "Zed", when=at(9, 10))

    dashboard = dashboard_for(manager, now=NOW)

    assert dashboard.team_view
    assert [g.person for g in dashboard.busy] == [owner, teammate]  # by name: Olga, Tom
    groups = {g.person: g for g in dashboard.groups}
    assert names(groups[owner].feedback_due) == ["Ada"]
    assert names(groups[teammate].feedback_due) == ["Ivy"]
    assert names(groups[teammate].upcoming) == ["Kim"]
    assert dashboard.quiet == (manager,)  # a member with nothing is named once
    assert all(row.may_write for g in dashboard.groups for row in g.feedback_due)


def test_a_salesperson_sees_only_their_own(owner, teammate):
    interview(owner, "Ada", when=at(9, 10))
    interview(teammate, "Ivy", when=at(9, 10))
    JobOrderFactory(owner=teammate, project_goal="")
    dashboard = dashboard_for(owner, now=NOW)
    assert not dashboard.team_view
    group = mine(dashboard)
    assert group.person == owner and names(group.feedback_due) == ["Ada"]
    assert {g.job_order.owner for g in group.job_orders} == {owner}


def test_a_superuser_sees_every_team(owner, outsider, superuser):
    interview(owner, "Ada", when=at(9, 10))
    interview(outsider, "Zed", when=at(9, 10))
    dashboard = dashboard_for(superuser, now=NOW)
    assert {g.person for g in dashboard.busy} == {owner, outsider}


# --- Reviews ---------------------------------------------------------------------------------


def test_the_latest_manager_reviews_of_my_plans(owner, teammate, manager):
    plans = [CallPlanFactory(submittal=interview(owner, f"C{n}")) for n in range(6)]
    for n, plan in enumerate(plans):
        review = PlanReviewFactory(plan=plan, reviewer=manager, comment=f"Review {n}")
        PlanReview.objects.filter(pk=review.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=10 - n)
        )
    PlanReviewFactory(plan=CallPlanFactory(submittal=interview(teammate, "T")), reviewer=manager)

    reviews = dashboard_for(owner, now=NOW).reviews

    assert [r.comment for r in reviews] == [
        "Review 5",
        "Review 4",
        "Review 3",
        "Review 2",
        "Review 1",
    ]


# --- Queries ---------------------------------------------------------------------------------


def world(users, size):
    """`size` rows in every section, spread over `users`."""
    for n in range(size):
        user = users[n % len(users)]
        due = interview(user, f"Due{n}", when=at(9, 10), plan=n % 2 == 0)
        if n % 2 == 0:
            objection_add(plan=due.plan, category="other", text=f"Objection {n}")
        interview(user, f"Up{n}", status="interview_scheduled", when=at(12, 10), plan=True)
        job = JobOrderFactory(owner=user, project_goal="")
        interview(user, f"Gap{n}", status="submitted", job=job)
        pipeline(user, at(2, 10), ("interview_scheduled", at(4, 10)))
        PlanReviewFactory(plan=due.plan if n % 2 == 0 else CallPlanFactory(submittal=due))


@pytest.mark.parametrize("size", [3, 30])
def test_a_salespersons_dashboard_is_seven_queries_whatever_the_data(
    owner, size, django_assert_num_queries
):
    world([owner], size)
    # due, upcoming, job orders + their submittals, the funnel of both months,
    # the readiness of the due and upcoming plans, reviews
    with django_assert_num_queries(7):
        dashboard = dashboard_for(owner, now=NOW)
    group = mine(dashboard)
    assert len(group.feedback_due) == len(group.upcoming) == size
    # four unqualified job orders per row: cut at SECTION_LIMIT with 30 rows
    assert len(group.job_orders) == min(4 * size, SECTION_LIMIT)
    assert dashboard.truncated == ({"job_orders"} if size == 30 else set())


@pytest.mark.parametrize("size", [3, 30])
def test_a_managers_dashboard_is_eight_queries_whatever_the_data(
    owner, teammate, manager, size, django_assert_num_queries
):
    world([owner, teammate, manager], size)
    # due, upcoming, job orders + their submittals, grouped funnel, people,
    # the readiness of the due and upcoming plans, reviews
    with django_assert_num_queries(8):
        dashboard = dashboard_for(manager, now=NOW)
    assert sum(len(g.feedback_due) for g in dashboard.groups) == size
