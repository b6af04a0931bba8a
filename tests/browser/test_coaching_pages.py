"""The coaching pages on the demo, as its manager: the table and a salesperson's practice pass
the audit, and the table is a stack of cards on a 390 px phone with nothing scrolling sideways."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from demo.demo import seed_demo_world
from demo.people import seed_demo_people
from tests.browser.audit import audit

pytestmark = pytest.mark.browser


def test_the_coaching_pages_pass_the_audit_and_fit_a_phone(browser_page, live_server, log_in_as):
    seed_demo_world(seed_demo_people())
    page = log_in_as(User.objects.get(username="maria"))
    assert audit(page, f"{live_server.url}/coaching/") == []
    expect(page.get_by_test_id("coaching-row").filter(has_text="Sam")).to_be_visible()
    page.get_by_role("link", name="Sam", exact=False).first.click()
    expect(page.get_by_test_id("practice-sessions")).to_contain_text("with Priya Shah")
    assert audit(page, page.url) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/coaching/")
    wide = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not wide
