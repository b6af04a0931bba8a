"""After the interview, in a real browser: the dashboard lists the feedback call due, the
salesperson logs it from the plan page with one anticipated and one new objection (kept in the
team library), the job order shows the new stage, and the dashboard no longer lists the call."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import FeedbackCall, ObjectionTemplate
from callplans.services import callplan_create, closingquestion_create, objection_add
from joborders.models import Submittal
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

KUBERNETES = "Only two years of Kubernetes"
BUDGET = "Rate is above budget"


@pytest.fixture
def interviewed(db):
    sam = UserFactory(username="sam", first_name="Sam", team=TeamFactory(name="Northwind"))
    job = JobOrderFactory(owner=sam, title="Senior DevOps Engineer")
    submittal = SubmittalFactory(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=sam,
        status=Submittal.Status.INTERVIEWED,
        interview_at=timezone.now() - datetime.timedelta(hours=1),
    )
    plan = callplan_create(submittal=submittal, author=sam)
    objection_add(
        plan=plan,
        category="skill_gap",
        text=KUBERNETES,
        rebuttal="Ran 40 services on EKS in production.",
    )
    closingquestion_create(team=sam.team, text="Shall I extend an offer on your behalf?")
    return sam, job, plan


def test_a_salesperson_logs_the_feedback_call_and_the_dashboard_moves_on(
    browser_page, live_server, log_in_as, page_guard, interviewed
):
    sam, job, plan = interviewed
    page = log_in_as(sam)
    assert audit(page, f"{live_server.url}/") == []
    due = page.get_by_test_id("feedback-due")
    expect(due.get_by_test_id("due-row")).to_have_count(1)
    expect(due).to_contain_text("Alex Morgan")

    due.get_by_role("link", name="Open plan for Alex Morgan").click()
    expect(page.get_by_role("heading", name="After the call")).to_be_visible()
    page.get_by_role("link", name="Log the feedback call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log the feedback call")
    assert audit(page, page.url) == []

    page.get_by_label("Offer", exact=True).check()
    page.get_by_label("Which closing question did I ask?").select_option(
        label="Shall I extend an offer on your behalf?"
    )
    page.get_by_label("What did the client commit to?").fill("Offer letter by Friday")
    page.get_by_label(f"The client raised “{KUBERNETES}”").check()
    page.get_by_label(f"How well did I handle it? ({KUBERNETES})").select_option("partly")

    first_new = page.get_by_role("group", name="Objection 1 nobody anticipated")
    first_new.get_by_label("What did the client say?").fill(BUDGET)
    first_new.get_by_label("How well did I handle it?").select_option("no")
    first_new.get_by_label("Also send this objection and rebuttal to the team library").check()

    # The library needs a rebuttal: refused (422), with everything typed kept.
    page.get_by_role("button", name="Log the feedback call").click()
    expect(
        page.get_by_text("Write the rebuttal to add this objection to the library.")
    ).to_be_visible()
    assert 422 in page_guard.refused
    first_new = page.get_by_role("group", name="Objection 1 nobody anticipated")
    expect(first_new.get_by_label("What did the client say?")).to_have_value(BUDGET)
    expect(page.get_by_label(f"The client raised “{KUBERNETES}”")).to_be_checked()
    expect(page.get_by_label("What did the client commit to?")).to_have_value(
        "Offer letter by Friday"
    )

    # One more row with htmx, focused and ready to type.
    page.get_by_role("button", name="Add another objection row").click()
    fourth = page.get_by_role("group", name="Objection 4 nobody anticipated")
    expect(fourth.get_by_label("What did the client say?")).to_be_focused()

    first_new.get_by_label("The rebuttal for next time").fill(
        "Her last two contracts came in under the client's budget."
    )
    with page.expect_navigation():  # the answer's page, whichever it is
        page.get_by_role("button", name="Log the feedback call").click()
    # Should the form come back refused, say what it marked (a bare "fix what is marked" hides it).
    marked = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert marked == [], marked

    expect(page.get_by_role("alert").first).to_contain_text(
        "Alex Morgan moved from “Interviewed” to “Offer”"
    )
    call = page.get_by_test_id("feedback-call")
    expect(call.get_by_test_id("feedback-outcome")).to_have_text("Offer")
    expect(call).to_contain_text("Offer letter by Friday")
    expect(call.get_by_test_id("raised-objection")).to_have_count(2)
    expect(call.get_by_test_id("raised-objection").first).to_contain_text("Anticipated")
    expect(call.get_by_test_id("raised-objection").last).to_contain_text("Not anticipated")
    assert FeedbackCall.objects.get().raised_objections.count() == 2
    assert ObjectionTemplate.objects.get(team=sam.team).text == BUDGET

    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    expect(page.locator(f"#submittal-{plan.submittal_id}")).to_contain_text("Offer")

    page.goto(f"{live_server.url}/")
    due = page.get_by_test_id("feedback-due")
    expect(due.get_by_test_id("due-row")).to_have_count(0)
    expect(due).to_contain_text("No feedback call due")
