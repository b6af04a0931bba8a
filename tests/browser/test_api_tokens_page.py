"""The API tokens page in a real browser: create a token (its secret shown once), see it listed,
revoke it; the page passes the audit empty, with the secret shown, and with a revoked token."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from api.models import ApiToken
from tests.browser.audit import WCAG_21_AA, audit

pytestmark = pytest.mark.browser


def test_a_token_is_created_shown_once_and_revoked(log_in_as, live_server, owner):
    page = log_in_as(owner)
    url = f"{live_server.url}/accounts/tokens/"
    assert audit(page, url) == []
    page.get_by_label("What is this token for?").fill("Bullhorn sync")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create the token").click()
    secret = page.locator("#new-token")
    expect(secret).to_contain_text("dr_")
    assert ApiToken.objects.get().scope == "write"
    # The page with the secret is the POST's answer: audited where it stands, not reloaded.
    shown = Axe().run(page, options=WCAG_21_AA)
    assert shown.violations_count == 0, shown.generate_report()
    page.goto(url)
    expect(page.locator("#new-token")).to_have_count(0)
    page.get_by_role("button", name="Revoke “Bullhorn sync”").click()
    expect(page.get_by_text("Token “Bullhorn sync” revoked")).to_be_visible()
    expect(page.get_by_role("cell", name="Revoked", exact=False)).to_be_visible()
    assert audit(page, url) == []
