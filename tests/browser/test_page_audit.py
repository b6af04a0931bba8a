"""Every page reachable from the navigation, for every demo role: no server error, no console
error, no request to another origin, and no WCAG 2.1 A/AA violation found by axe-core."""

import pytest

from accounts.models import User
from demo.people import seed_demo_people
from tests.browser.audit import audit

pytestmark = pytest.mark.browser

EXTRA_PAGES = ["/accounts/password/", "/references/questions/"]


@pytest.mark.parametrize("username", ["sam", "maria", "admin"])
def test_every_navigation_page_passes_the_audit(browser_page, live_server, log_in_as, username):
    seed_demo_people()
    page = log_in_as(User.objects.get(username=username))
    page.goto(f"{live_server.url}/")
    nav_urls = page.eval_on_selector_all("nav a.nav-link", "links => links.map(a => a.href)")
    assert f"{live_server.url}/" in nav_urls
    problems = []
    for url in [*nav_urls, *(f"{live_server.url}{path}" for path in EXTRA_PAGES)]:
        problems += audit(page, url)
    assert problems == [], "\n".join(problems)


def test_the_login_page_passes_the_audit(browser_page, live_server):
    assert audit(browser_page, f"{live_server.url}/accounts/login/") == []
