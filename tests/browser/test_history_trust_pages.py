"""The other trust pages in real Chromium: the team export page, the paused-login page after
five failures, and the sign-out message after an idle night."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from accounts.middleware import LAST_SEEN_KEY
from demo.people import DEMO_PASSWORD
from tests.browser.audit import audit
from tests.factories import JobOrderFactory, ManagerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.browser


def test_a_manager_finds_the_export_from_the_team_page(browser_page, live_server, log_in_as):
    team = TeamFactory(name="Northwind")
    manager = ManagerFactory(username="maria", team=team)
    JobOrderFactory(owner=UserFactory(team=team))
    page = log_in_as(manager)
    page.goto(f"{live_server.url}/team/")
    page.get_by_role("link", name="Export the team's data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export Northwind's data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download team.json").click()
    assert download.value.suggested_filename.startswith("dialready-northwind-")
    assert audit(page, f"{live_server.url}/team/export/") == []


def test_five_wrong_passwords_pause_logging_in_with_a_clear_page(
    browser_page, live_server, page_guard
):
    UserFactory(username="sam")
    page = browser_page
    for attempt in range(5):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logging in is paused")
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")
    # Chromium logs the intended 429 answer as a console error: that one is expected here.
    page_guard.problems[:] = [p for p in page_guard.problems if "status of 429" not in p]
    assert _axe_violations(page) == []


def test_an_idle_night_signs_out_with_a_message_on_the_login_page(browser_page, live_server):
    user = UserFactory(username="sam")
    session = SessionStore()
    session.update(
        {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0],
            "_auth_user_hash": user.get_session_auth_hash(),
            LAST_SEEN_KEY: int(time.time()) - 9 * 60 * 60,
        }
    )
    session.save()
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/joborders/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to DialReady")
    expect(page.get_by_role("alert")).to_contain_text(
        "You were signed out after 8 hours of inactivity"
    )
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/joborders/")


def _axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.audit import WCAG_21_AA

    results = Axe().run(page, options=WCAG_21_AA)
    return [] if not results.violations_count else [results.generate_report()]
