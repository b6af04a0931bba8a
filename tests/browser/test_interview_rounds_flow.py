"""Interview rounds in a real browser: schedule round 1 on the submittal's page and change it
in place (htmx), log its feedback call with "Next round", which schedules round 2, and see
round 2 on the dashboard and the submittal's page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.services import callplan_create
from joborders.models import Interview
from joborders.services import submittal_create
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    JobOrderFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def typed(when: datetime.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_two_rounds_and_round_twos_place_on_the_dashboard(browser_page, live_server, log_in_as):
    sam = UserFactory(username="sam", first_name="Sam", team=TeamFactory(name="Northwind"))
    job = JobOrderFactory(
        owner=sam,
        title="Senior DevOps Engineer",
        received_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    ClientContactFactory(client=job.client, name="Dana Ruiz", title="CTO")
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=sam,
        submitted_at=timezone.now() - datetime.timedelta(days=5),
    )
    plan = callplan_create(submittal=submittal, author=sam)
    page = log_in_as(sam)

    page.goto(f"{live_server.url}/submittals/{submittal.pk}/")
    expect(page.get_by_test_id("no-rounds")).to_be_visible()
    add = page.get_by_role("form", name="Schedule round 1")
    add.get_by_label("How").select_option("phone")
    add.get_by_label("Starts").fill(typed(at(-1, 10)))
    add.get_by_label("Dana Ruiz, CTO").check()
    add.get_by_role("button", name="Schedule round 1").click()
    expect(page.get_by_test_id("round")).to_have_count(1)
    expect(page.get_by_test_id("round").first).to_contain_text("With Dana Ruiz (CTO)")
    expect(page.locator("#round-1")).to_be_focused()

    # Change it in place: the form comes by htmx, the section is answered by htmx.
    page.get_by_role("link", name="Change round 1").click()
    change = page.get_by_role("form", name="Change round 1")
    change.get_by_label("Location").fill("12 Main St, floor 3")
    change.get_by_role("button", name="Save round 1").click()
    expect(page.get_by_test_id("round").first).to_contain_text("At 12 Main St, floor 3")
    assert audit(page, page.url) == []

    # The feedback call of round 1: "Next round" asks when, and schedules it.
    page.goto(f"{live_server.url}/plans/{plan.pk}/feedback/")
    page.get_by_label("Next round", exact=True).check()
    page.get_by_role("button", name="Log the feedback call").click()
    expect(page.get_by_text("“Next round”: when is it?")).to_be_visible()
    expect(page.get_by_label("Next round", exact=True)).to_be_checked()
    page.get_by_label("Next round: when is the interview?").fill(typed(at(2, 14)))
    page.get_by_label("Next round: how?").select_option("on_site")
    page.get_by_role("button", name="Log the feedback call").click()
    expect(page.get_by_test_id("feedback-outcome")).to_have_text("Next round")
    expect(page.get_by_test_id("interview-at")).to_contain_text("round 2 (on-site)")

    page.goto(f"{live_server.url}/")
    row = page.get_by_test_id("upcoming-row").filter(has_text="Alex Morgan")
    expect(row.get_by_test_id("interview-round")).to_have_text("Round 2")

    page.goto(f"{live_server.url}/submittals/{submittal.pk}/")
    expect(page.get_by_test_id("round")).to_have_count(2)
    expect(page.get_by_test_id("round").first).to_contain_text("Feedback call logged")
    rounds = list(submittal.interviews.order_by("round").values_list("round", "kind"))
    assert rounds == [(1, Interview.Kind.PHONE), (2, Interview.Kind.ON_SITE)]
