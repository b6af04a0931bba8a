"""The navigation's search box in Chromium: "/" reaches it, results come as you type, the arrow
keys walk them, Enter opens one; Escape folds them; the open drop-down passes axe and fits a
390 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.audit import WCAG_21_AA
from tests.factories import CallPlanFactory, CandidateFactory, JobOrderFactory, SubmittalFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def alex_plan(owner):
    job = JobOrderFactory(owner=owner, title="Senior DevOps Engineer")
    alex = CandidateFactory(first_name="Alex", last_name="Morgan")
    return CallPlanFactory(submittal=SubmittalFactory(job_order=job, candidate=alex))


def test_slash_types_a_search_and_the_arrows_open_a_result(
    live_server, log_in_as, owner, alex_plan
):
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/")
    page.keyboard.press("/")
    box = page.locator("#nav-search")
    expect(box).to_be_focused()
    page.keyboard.type("morgan")
    suggestions = page.get_by_test_id("search-suggestions")
    expect(suggestions).to_contain_text("Alex Morgan → Senior DevOps Engineer")
    page.keyboard.press("ArrowDown")
    first = suggestions.locator("a").first
    expect(first).to_be_focused()
    expect(first).to_contain_text("Alex Morgan")  # the candidate, then the plan
    page.keyboard.press("ArrowDown")
    plan_link = suggestions.locator("a").nth(1)
    expect(plan_link).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/plans/{alex_plan.pk}/")


def test_escape_folds_the_results_and_a_slash_in_a_field_is_just_typed(
    live_server, log_in_as, owner, alex_plan
):
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/")
    page.locator("#nav-search").fill("alex")
    expect(page.get_by_test_id("search-suggestions")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("search-suggestions")).to_have_count(0)
    field = page.locator("#id_q")
    field.focus()
    page.keyboard.type("a/b")
    expect(field).to_have_value("a/b")


def test_the_open_drop_down_passes_axe_and_fits_a_phone(
    live_server, log_in_as, owner, alex_plan, browser_page
):
    page = log_in_as(owner)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.keyboard.press("/")  # opens the folded phone menu to reach the box
    expect(page.locator("#nav-search")).to_be_focused()
    page.keyboard.type("alex")
    expect(page.get_by_test_id("search-suggestions")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    wide = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert wide is True


def test_without_javascript_the_box_opens_the_results_page(live_server, owner, alex_plan, browser):
    from tests.browser.conftest import session_cookie_for

    context = browser.new_context(java_script_enabled=False)
    context.add_cookies([session_cookie_for(owner, live_server.url)])
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.locator("#nav-search").fill("devops")
    page.locator("#nav-search").press("Enter")
    expect(page.get_by_test_id("search-summary")).to_contain_text("for “devops”")
    expect(page.get_by_role("link", name="Senior DevOps Engineer", exact=True)).to_be_visible()
    context.close()


def test_a_focused_result_has_a_ring_that_shows_on_the_light_drop_down(
    live_server, log_in_as, owner, alex_plan
):
    from tests.browser.test_focus_ring import RENDERED, contrast

    page = log_in_as(owner)
    page.goto(f"{live_server.url}/")
    page.locator("#nav-search").focus()
    page.keyboard.type("morgan")
    expect(page.get_by_test_id("search-suggestions")).to_be_visible()
    page.keyboard.press("ArrowDown")
    ring = page.evaluate(f"({RENDERED})(document.activeElement)")
    assert ring["focusVisible"] and ring["outlineWidth"] >= 3
    assert contrast(ring["outlineColor"], ring["behind"]) >= 3, ring
