"""The metrics page in a real browser: charts and tables render with no console error, the
filter form works without JavaScript, and axe finds no WCAG 2.1 A/AA problem."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import FeedbackCall
from joborders.services import submittal_change_status, submittal_create
from tests.browser.audit import audit
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    ManagerFactory,
    ObjectionFactory,
    RaisedObjectionFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def people(db):
    team = TeamFactory(name="Northwind")
    sam = UserFactory(username="sam", first_name="Sam", last_name="Lee", team=team)
    maria = ManagerFactory(username="maria", first_name="Maria", last_name="Diaz", team=team)
    admin = UserFactory(username="admin", team=None, is_superuser=True, is_staff=True)
    this_month = timezone.localdate().replace(day=1)
    when = datetime.datetime.combine(this_month, datetime.time(10), tzinfo=datetime.UTC)
    for n, outcome in enumerate(
        [FeedbackCall.Outcome.OFFER, FeedbackCall.Outcome.REJECTED, FeedbackCall.Outcome.OFFER]
    ):
        submittal = submittal_create(
            job_order=JobOrderFactory(owner=sam),
            candidate=CandidateFactory(),
            submitted_by=sam,
            submitted_at=when,
        )
        submittal_change_status(
            submittal=submittal, status="interview_scheduled", changed_by=sam, changed_at=when
        )
        if outcome == FeedbackCall.Outcome.OFFER:
            submittal_change_status(
                submittal=submittal, status="offer", changed_by=sam, changed_at=when
            )
        plan = CallPlanFactory(submittal=submittal, author=sam, rehearsed_at=when if n else None)
        call = FeedbackCallFactory(plan=plan, called_by=sam, called_at=when, outcome=outcome)
        RaisedObjectionFactory(
            feedback_call=call, objection=ObjectionFactory(plan=plan), category="skill_gap"
        )
        RaisedObjectionFactory(feedback_call=call, category="scope")
    return sam, maria, admin


def test_a_salesperson_reads_their_metrics(browser_page, live_server, log_in_as, people):
    sam, _, _ = people
    page = log_in_as(sam)
    assert audit(page, f"{live_server.url}/metrics/") == []

    expect(page.get_by_role("heading", level=1)).to_have_text("Metrics")
    expect(page.get_by_test_id("metrics-scope")).to_contain_text("Sam Lee (my figures)")
    expect(page.get_by_role("img", name="Conversion ratios — Sam Lee")).to_be_visible()
    expect(page.get_by_test_id("anticipated-rate")).to_have_text("50%")
    expect(page.get_by_test_id("table-funnel")).to_contain_text("67")
    expect(
        page.get_by_role("link", name="Download “Objections most raised” as CSV")
    ).to_be_visible()
    expect(page.get_by_label("Whose figures", exact=True)).to_have_count(0)


def test_a_manager_narrows_the_team_to_one_salesperson(
    browser_page, live_server, log_in_as, people
):
    sam, maria, _ = people
    page = log_in_as(maria)
    assert audit(page, f"{live_server.url}/metrics/") == []
    expect(page.get_by_test_id("metrics-scope")).to_contain_text("Northwind (team)")

    page.get_by_label("One salesperson").select_option(label="Sam Lee")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("metrics-scope")).to_contain_text("Sam Lee")
    assert audit(page, page.url) == []

    page.get_by_label("From month").fill("2020-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("Pick at most 36 months.")


def test_an_administrator_sees_the_whole_firm(browser_page, live_server, log_in_as, people):
    _, _, admin = people
    page = log_in_as(admin)
    assert audit(page, f"{live_server.url}/metrics/") == []
    expect(page.get_by_test_id("metrics-scope")).to_contain_text("Whole firm")


# Each chart text's rendered size: its font size in the drawing's units × the drawing's scale.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('svg.metrics-chart text')].map(t => {
  const scale = t.ownerSVGElement.getScreenCTM().a;
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale};
})"""


def test_on_a_phone_every_chart_label_is_at_least_11_px(
    browser_page, live_server, log_in_as, people
):
    sam, _, _ = people
    page = log_in_as(sam)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/metrics/")
    sizes = page.evaluate(CHART_TEXT_SIZES)
    assert len(sizes) > 40  # five charts: labels, values, ticks, legends
    small = [s for s in sizes if s["px"] < 11]
    assert small == [], small
    # Counts beside rates, and the empty months of the default range as one line.
    chart = page.get_by_role("img", name="Conversion ratios by month — Sam Lee")
    expect(chart).to_contain_text("67% · 2 of 3")
    expect(chart).to_contain_text("No data")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
