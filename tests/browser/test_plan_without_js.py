"""With JavaScript off, the plan's objections are still written and edited in place: each link
opens the whole page with that form, and a save comes back to the plan with the change (the
refusals, which keep what was typed, are in tests/callplans/test_views_plan.py)."""

import pytest
from playwright.sync_api import expect

from callplans.models import Objection
from callplans.services import callplan_create, objection_add
from tests.factories import JobOrderFactory, SubmittalFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


@pytest.fixture
def plan():
    sam = UserFactory(username="sam", first_name="Sam")
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=sam), submitted_by=sam)
    plan = callplan_create(submittal=submittal, author=sam)
    objection_add(plan=plan, category="other", text="Rate too high", rebuttal="Worth it")
    return plan


def test_without_javascript_an_objection_of_ones_own_is_written(
    plan, browser_page, live_server, log_in_as
):
    page = log_in_as(plan.author)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_label("What will the client say?")).to_have_count(0)  # not until asked
    page.get_by_role("link", name="Write an objection of your own").click()
    form = page.get_by_test_id("write-objection")
    form.get_by_label("My credible rebuttal").fill("She ran the same migration at Acme.")
    form.get_by_label("What will the client say?").fill("No banking experience")
    form.get_by_role("button", name="Add objection").click()
    expect(
        page.get_by_test_id("objection").filter(has_text="No banking experience")
    ).to_be_visible()
    expect(page.get_by_test_id("write-objection")).to_have_count(0)
    added = plan.objections.get(text="No banking experience")
    assert added.rebuttal == "She ran the same migration at Acme."


def test_without_javascript_an_objection_is_edited(plan, browser_page, live_server, log_in_as):
    page = log_in_as(plan.author)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    row = page.get_by_test_id("objection").filter(has_text="Rate too high")
    row.get_by_role("link", name="Edit “Rate too high”").click()
    form = page.get_by_test_id("objection-form")
    form.get_by_label("My credible rebuttal").fill("One outage costs more than her rate.")
    form.get_by_role("button", name="Save objection").click()
    saved = page.get_by_test_id("objection").filter(has_text="Rate too high")
    expect(saved.get_by_text("One outage costs more than her rate.")).to_be_visible()
    assert Objection.objects.get(text="Rate too high").rebuttal == (
        "One outage costs more than her rate."
    )
