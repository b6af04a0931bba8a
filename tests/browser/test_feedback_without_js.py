"""With JavaScript off, the feedback call form still works: three empty rows for the objections
nobody anticipated, a refusal comes back with the input kept, and a valid post is saved."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import FeedbackCall, RaisedObjection
from callplans.services import callplan_create
from joborders.models import Submittal
from tests.factories import CandidateFactory, JobOrderFactory, SubmittalFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_without_javascript_the_feedback_call_is_logged(browser_page, live_server, log_in_as):
    sam = UserFactory(username="sam", first_name="Sam")
    submittal = SubmittalFactory(
        job_order=JobOrderFactory(owner=sam),
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=sam,
        status=Submittal.Status.INTERVIEW_SCHEDULED,
        interview_at=timezone.now() - datetime.timedelta(hours=1),
    )
    plan = callplan_create(submittal=submittal, author=sam)
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/plans/{plan.pk}/feedback/")
    expect(page.get_by_test_id("new-objection")).to_have_count(3)

    page.get_by_label("Next round", exact=True).check()
    third = page.get_by_role("group", name="Objection 3 nobody anticipated")
    third.get_by_label("The rebuttal for next time").fill("Shipped the same thing at Acme.")
    page.get_by_role("button", name="Log the feedback call").click()
    expect(page.get_by_text("Write what the client said, or clear this row.")).to_be_visible()
    third = page.get_by_role("group", name="Objection 3 nobody anticipated")
    expect(third.get_by_label("The rebuttal for next time")).to_have_value(
        "Shipped the same thing at Acme."
    )
    expect(page.get_by_label("Next round", exact=True)).to_be_checked()

    expect(page.get_by_text("“Next round”: when is it?")).to_be_visible()
    next_at = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Next round: when is the interview?").fill(next_at.strftime("%Y-%m-%dT%H:%M"))
    third.get_by_label("What did the client say?").fill("Never worked in payments")
    third.get_by_label("Also send this objection and rebuttal to the team library").check()
    page.get_by_role("button", name="Log the feedback call").click()
    expect(page.get_by_test_id("feedback-outcome")).to_have_text("Next round")
    assert FeedbackCall.objects.get().outcome == "next_round"
    assert RaisedObjection.objects.get().text == "Never worked in payments"
