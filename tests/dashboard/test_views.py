"""The dashboard page, /: "closest to the money" first, for a salesperson and for a manager."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from callplans.models import CallPlan
from joborders.models import Submittal
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    JobOrderFactory,
    PlanReviewFactory,
    SubmittalFactory,
)

URL = reverse("dashboard")


def interview(user, name, *, hours=-1, status="interviewed", plan=False, job=None):
    """A submittal whose interview is `hours` from now (negative: already held)."""
    submittal = SubmittalFactory(
        job_order=job or JobOrderFactory(owner=user),
        candidate=CandidateFactory(first_name=name, last_name="Test"),
        submitted_by=user,
        status=status,
        interview_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    if plan:
        CallPlanFactory(submittal=submittal, author=user)
    return submittal


def section(body: str, testid: str) -> str:
    start = body.index(f'data-testid="{testid}"')
    return body[start : body.index("</section>", start)]


def test_logging_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_salesperson_sees_the_sections_closest_to_the_money_first(client, owner):
    client.force_login(owner)
    body = client.get(URL).content.decode()
    headings = [
        '<h1 class="h3">Closest to the money</h1>',
        ">Feedback calls due</h2>",
        ">Interviews in the next 7 days</h2>",
        ">Open job orders to finish</h2>",
        ">My ratios: this month against last</h2>",
        ">Latest manager reviews of my plans</h2>",
    ]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)


def test_a_due_call_offers_the_plan_its_pdf_and_logging_the_call(client, owner):
    submittal = interview(owner, "Alex", plan=True)
    client.force_login(owner)
    due = section(client.get(URL).content.decode(), "feedback-due")
    plan = submittal.plan
    assert "Alex Test" in due and 'data-testid="readiness"' in due
    assert f'href="{reverse("callplans:detail", args=[plan.pk])}"' in due
    assert f'href="{reverse("callplans:pdf", args=[plan.pk])}"' in due
    assert f'href="{reverse("callplans:feedback_new", args=[plan.pk])}"' in due


def test_a_due_call_without_a_plan_offers_to_prepare_one(client, owner):
    submittal = interview(owner, "Alex")
    client.force_login(owner)
    due = section(client.get(URL).content.decode(), "feedback-due")
    action = reverse("callplans:prepare", args=[submittal.pk])
    assert re.search(rf'<form method="post" action="{action}"', due)
    assert 'Prepare feedback call plan<span class="visually-hidden"> for Alex Test' in due
    response = client.post(action)
    assert response.url == reverse("callplans:detail", args=[CallPlan.objects.get().pk])


def test_an_upcoming_interview_says_whether_its_plan_is_ready(client, owner):
    ready = interview(owner, "Rea", hours=30, status="interview_scheduled", plan=True)
    CallPlan.objects.filter(pk=ready.plan.pk).update(status=CallPlan.Status.READY)
    interview(owner, "Dra", hours=50, status="interview_scheduled", plan=True)
    client.force_login(owner)
    upcoming = section(client.get(URL).content.decode(), "upcoming")
    rows = upcoming.split('data-testid="upcoming-row"')[1:]
    assert "Rea Test" in rows[0] and "Ready to dial" in rows[0]
    assert "Dra Test" in rows[1] and "Ready to dial" not in rows[1]


def test_an_open_job_order_says_what_is_missing(client, owner):
    job = JobOrderFactory(owner=owner, title="Data engineer", project_goal="")
    SubmittalFactory(
        job_order=job, submitted_by=owner, candidate=CandidateFactory(first_name="Pat")
    )
    client.force_login(owner)
    jobs = section(client.get(URL).content.decode(), "job-orders")
    assert "Data engineer" in jobs
    assert (
        "Not qualified yet: answer the goal of the project, the challenges to solve, "
        "the deliverables, the quantifiable results." in jobs
    )
    assert "No reference call for this job about Pat" in jobs
    assert "No call plan for Pat" in jobs
    assert f'href="{reverse("joborders:edit", args=[job.pk])}"' in jobs


def test_the_latest_reviews_of_my_plans_link_to_the_plan(client, owner, manager):
    plan = CallPlanFactory(submittal=interview(owner, "Alex", hours=-100))
    PlanReviewFactory(plan=plan, reviewer=manager, decision="needs_work", comment="Add a rebuttal")
    client.force_login(owner)
    reviews = section(client.get(URL).content.decode(), "reviews")
    assert "Needs work" in reviews and "Add a rebuttal" in reviews
    assert f'href="{reverse("callplans:detail", args=[plan.pk])}"' in reviews


def test_a_manager_sees_a_heading_per_salesperson(client, owner, teammate, manager, outsider):
    owner.first_name, teammate.first_name = "Olga", "Tom"
    owner.save()
    teammate.save()
    interview(owner, "Ada")
    interview(teammate, "Ivy", hours=20, status="interview_scheduled")
    interview(outsider, "Zed")
    client.force_login(manager)
    body = client.get(URL).content.decode()
    olga = body.index(f'<h2 id="person-{owner.pk}" class="h4 person-heading">{owner}</h2>')
    tom = body.index(f'<h2 id="person-{teammate.pk}" class="h4 person-heading">{teammate}</h2>')
    assert olga < body.index("Ada Test") < tom < body.index("Ivy Test")
    assert ">Feedback calls due</h3>" in body and ">Ratios: this month against last</h3>" in body
    assert "Zed Test" not in body
    assert f"Nothing on the dashboard for {manager}." in body


def test_nothing_of_another_team_shows(client, owner, outsider):
    interview(owner, "Ada")
    JobOrderFactory(owner=owner, title="Owner's secret job", project_goal="")
    client.force_login(outsider)
    body = client.get(URL).content.decode()
    assert "Ada Test" not in body and "Owner's secret job" not in body


def fill(users, size):
    for n in range(size):
        user = users[n % len(users)]
        due = interview(user, f"Due{n}", plan=n % 2 == 0)
        interview(user, f"Up{n}", hours=30, status="interview_scheduled", plan=True)
        SubmittalFactory(job_order=JobOrderFactory(owner=user, project_goal=""), submitted_by=user)
        PlanReviewFactory(plan=due.plan if n % 2 == 0 else CallPlanFactory(submittal=due))


@pytest.mark.parametrize("size", [3, 30])
def test_the_salesperson_dashboard_runs_the_same_queries_for_3_or_30_rows(
    client, owner, size, django_assert_num_queries
):
    fill([owner], size)
    client.force_login(owner)
    # session, user with team + the dashboard's seven
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(10):
        body = client.get(URL).content.decode()
    assert body.count('data-testid="due-row"') == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_manager_dashboard_runs_the_same_queries_for_3_or_30_rows(
    client, owner, teammate, manager, size, django_assert_num_queries
):
    fill([owner, teammate], size)
    client.force_login(manager)
    # session, user with team + the dashboard's eight
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(11):
        body = client.get(URL).content.decode()
    assert body.count('data-testid="due-row"') == size
    assert body.count('data-testid="person"') == 2
    assert Submittal.objects.count() >= 3 * size


@pytest.mark.parametrize("role", ["owner", "manager", "superuser"])
def test_an_empty_dashboard_says_so_for_every_role(request, client, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "No manager has reviewed your plans yet." in body
    if role == "owner":
        assert "No feedback call due" in body
    else:
        assert "Nothing due across the team." in body
