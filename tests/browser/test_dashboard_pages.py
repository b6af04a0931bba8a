"""The dashboard in a real browser, every section filled: a salesperson's and a manager's (grouped
by salesperson) pass the audit, and the "Prepare feedback call plan" button opens a new plan."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import CallPlan
from joborders.services import submittal_change_status, submittal_create
from tests.browser.audit import audit
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    JobOrderFactory,
    ManagerFactory,
    PlanReviewFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def interview(user, name, *, hours, status="interviewed", plan=False):
    submittal = SubmittalFactory(
        job_order=JobOrderFactory(owner=user, title=f"Platform engineer for {name}"),
        candidate=CandidateFactory(first_name=name, last_name="Test"),
        submitted_by=user,
        status=status,
        interview_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    if plan:
        CallPlanFactory(submittal=submittal, author=user)
    return submittal


@pytest.fixture
def team(db):
    team = TeamFactory(name="Northwind")
    maria = ManagerFactory(username="maria", first_name="Maria", team=team)
    sam = UserFactory(username="sam", first_name="Sam", team=team)
    priya = UserFactory(username="priya", first_name="Priya", team=team)
    for user, names in ((sam, ("Alex", "Jordan")), (priya, ("Casey", "Drew"))):
        due = interview(user, names[0], hours=-2, plan=True)
        interview(user, names[1], hours=-3)  # due, no plan yet
        upcoming = interview(
            user, f"{names[0]}2", hours=40, status="interview_scheduled", plan=True
        )
        CallPlan.objects.filter(pk=upcoming.plan.pk).update(status=CallPlan.Status.READY)
        PlanReviewFactory(plan=due.plan, reviewer=maria, decision="needs_work", comment="Rebut it")
        moved = submittal_create(
            job_order=JobOrderFactory(owner=user), candidate=CandidateFactory(), submitted_by=user
        )
        submittal_change_status(submittal=moved, status="interview_scheduled", changed_by=user)
    return maria, sam, priya


def test_the_salesperson_and_manager_dashboards_pass_the_audit(
    browser_page, live_server, log_in_as, team
):
    maria, sam, priya = team
    page = log_in_as(sam)
    assert audit(page, f"{live_server.url}/") == []
    expect(page.get_by_test_id("due-row")).to_have_count(2)
    expect(page.get_by_test_id("upcoming-row")).to_contain_text("Ready to dial")
    expect(page.get_by_test_id("review")).to_contain_text("Rebut it")

    page.context.clear_cookies()
    page = log_in_as(maria)
    assert audit(page, f"{live_server.url}/") == []
    headings = page.get_by_role("heading", level=2)
    expect(headings.first).to_have_text(str(priya))  # by name: Priya before Sam
    expect(page.get_by_test_id("person")).to_have_count(2)
    expect(page.get_by_test_id("due-row")).to_have_count(4)


def test_preparing_a_plan_from_the_dashboard_opens_it(browser_page, live_server, log_in_as, team):
    _, sam, _ = team
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/")
    page.get_by_test_id("feedback-due").get_by_role(
        "button", name="Prepare feedback call plan for Jordan Test"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jordan Test")
    assert CallPlan.objects.filter(submittal__candidate__first_name="Jordan").exists()
