import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

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
    page.get_by_role("button", name="Toggle navigation").click()
    expect(dashboard_link).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
