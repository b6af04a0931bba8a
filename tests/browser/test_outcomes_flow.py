"""Issue 6 end to end, two people, one browser each: the salesperson logs the feedback call with
one anticipated and one new objection; the manager reviews the team's plans, comments and
approves; the metrics page shows the new interview-to-offer ratio."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.services import callplan_create, objection_add
from joborders.services import submittal_change_status, submittal_create
from tests.browser.conftest import session_cookie_for
from tests.factories import CandidateFactory, JobOrderFactory, ManagerFactory, UserFactory

pytestmark = pytest.mark.browser

ANTICIPATED = "Only two years of Kubernetes"
NEW = "Rate is above budget"


@pytest.fixture
def interviewed(db, team):
    sam = UserFactory(username="sam", first_name="Sam", last_name="Reed", team=team)
    maria = ManagerFactory(username="maria", first_name="Maria", team=team)
    job = JobOrderFactory(owner=sam, title="Senior DevOps Engineer")
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=sam,
        submitted_at=timezone.now() - datetime.timedelta(hours=5),
    )
    submittal_change_status(
        submittal=submittal,
        status="interview_scheduled",
        changed_by=sam,
        interview_at=timezone.now() - datetime.timedelta(hours=2),
        changed_at=timezone.now() - datetime.timedelta(hours=4),
    )
    plan = callplan_create(submittal=submittal, author=sam)
    objection_add(plan=plan, category="skill_gap", text=ANTICIPATED, rebuttal="EKS for years.")
    return sam, maria, plan


def test_feedback_review_and_the_new_ratio(
    browser_page, live_server, log_in_as, interviewed, browser
):
    sam, maria, plan = interviewed

    page = log_in_as(sam)
    page.goto(f"{live_server.url}/metrics/")
    ratio = page.get_by_test_id("table-funnel").get_by_role("row", name="Interview → offer")
    expect(ratio.get_by_role("cell")).to_have_text(["0", "1", "0"])  # reached, out of, %

    page.goto(f"{live_server.url}/plans/{plan.pk}/feedback/")
    page.get_by_label("Offer", exact=True).check()
    page.get_by_label(f"The client raised “{ANTICIPATED}”").check()
    new = page.get_by_role("group", name="Objection 1 nobody anticipated")
    new.get_by_label("What did the client say?").fill(NEW)
    page.get_by_role("button", name="Log the feedback call").click()
    expect(page.get_by_test_id("raised-objection")).to_have_count(2)

    manager_context = browser.new_context()
    manager = manager_context.new_page()
    manager_context.add_cookies([session_cookie_for(maria, live_server.url)])
    manager.goto(f"{live_server.url}/team/plans/")
    manager.get_by_test_id("review-row").filter(has_text="Alex Morgan").get_by_role(
        "link", name="Alex Morgan"
    ).click()
    manager.get_by_label("Approved: ready to dial").check()
    manager.get_by_label("Comment for Sam Reed").fill("Good save on the Kubernetes question.")
    manager.get_by_role("button", name="Save review").click()
    expect(manager.get_by_test_id("review-decision").first).to_have_text("Approved")
    # The call is logged already: the plan's status is what the client decided.
    expect(manager.get_by_test_id("plan-status")).to_contain_text("— offer")

    manager.goto(f"{live_server.url}/metrics/?scope=team")
    ratio = manager.get_by_test_id("table-funnel").get_by_role("row", name="Interview → offer")
    expect(ratio.get_by_role("cell")).to_have_text(["1", "1", "100"])
    manager_context.close()

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_test_id("review-comment")).to_have_text(
        "Good save on the Kubernetes question."
    )
