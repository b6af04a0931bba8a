import pytest
from playwright.sync_api import expect

from demo.people import DEMO_PASSWORD
from tests.factories import CandidateFactory, JobOrderFactory, SubmittalFactory

pytestmark = pytest.mark.browser


def test_a_salesperson_logs_in_and_sees_the_dashboard(browser_page, live_server, owner):
    page = browser_page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Closest to the money")
    expect(page.get_by_test_id("current-user")).to_contain_text(owner.team.name)


def test_the_navigation_collapses_into_a_menu_on_a_phone(
    browser_page, live_server, log_in_as, owner
):
    page = log_in_as(owner)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/")
    dashboard_link = page.get_by_role("link", name="Dashboard", exact=True)
    expect(dashboard_link).to_be_hidden()
    menu = page.get_by_role("button", name="Toggle navigation")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(dashboard_link).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"


def test_a_message_closes_with_its_button(browser_page, live_server, log_in_as, owner):
    job = JobOrderFactory(owner=owner)
    SubmittalFactory(
        job_order=job, candidate=CandidateFactory(first_name="Alex"), submitted_by=owner
    )
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    page.get_by_role("button", name="Prepare feedback call plan for Alex").click()
    message = page.get_by_role("alert").filter(has_text="Plan started from the gap analysis")
    expect(message).to_be_visible()
    message.get_by_role("button", name="Close").click()
    expect(message).to_have_count(0)
