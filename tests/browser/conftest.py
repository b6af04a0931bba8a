"""Browser test harness: Playwright driving Debian's Chromium against Django's live server.

Every page opened through `browser_page` is watched: a console error, an uncaught exception or a
request to another origin fails the test."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
# CI shares two cores between the server, the browser and the test: give htmx swaps time.
expect.set_options(timeout=15_000)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "install it with `sudo apt-get install chromium` (make install does this as root)"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    if CHROMIUM.exists():
        return
    if not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(
            f"CI: {CHROMIUM} is missing, the browser tests cannot run; {INSTALL_HINT}"
        )
    message = f"BROWSER TESTS SKIPPED: {CHROMIUM} is missing; {INSTALL_HINT}"
    print(f"\n{'!' * 80}\n{message}\n{'!' * 80}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@dataclass
class PageGuard:
    origin: str
    problems: list[str] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)  # 409/422 answers: asserted by the tests

    def on_console(self, message):
        if message.type == "error":
            if re.search(r"status of (409|422)\b", message.text):
                return  # a refused form or stale edit: answers htmx swaps in (see base.html)
            self.problems.append(f"console error: {message.text}")

    def on_page_error(self, error):
        self.problems.append(f"uncaught exception: {error}")

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"request left the app's origin: {request.url}")

    def on_response(self, response):
        if response.status in (409, 422):
            self.refused.append(response.status)
        if response.status >= 500:
            self.problems.append(f"server error {response.status}: {response.url}")


@pytest.fixture
def page_guard(live_server):
    return PageGuard(origin=live_server.url)


@pytest.fixture
def browser_page(page, page_guard):
    """A Playwright page that fails the test on console errors and foreign requests."""
    page.on("console", page_guard.on_console)
    page.on("pageerror", page_guard.on_page_error)
    page.on("request", page_guard.on_request)
    page.on("response", page_guard.on_response)
    page.set_default_timeout(15_000)
    yield page
    assert page_guard.problems == [], "\n".join(page_guard.problems)


def session_cookie_for(user, url: str) -> dict:
    """A browser cookie for a fresh logged-in session of `user`, skipping the login form."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}


@pytest.fixture
def log_in_as(browser_page, live_server):
    """Put a logged-in session cookie in the browser, skipping the login form."""

    def _log_in(user):
        browser_page.context.add_cookies([session_cookie_for(user, live_server.url)])
        return browser_page

    return _log_in
