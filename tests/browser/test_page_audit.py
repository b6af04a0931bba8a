"""Every page reachable from the navigation, for every demo role: no server error, no console
error, no request to another origin, and no WCAG 2.1 A/AA violation found by axe-core."""

import pytest

from accounts.models import User
from candidates.services import skill_taxonomy_load
from demo.people import seed_demo_people
from tests.browser.audit import audit

pytestmark = pytest.mark.browser

# The team library and the money board are in the navigation; a sorted view of each is audited
# as well.
EXTRA_PAGES = [
    "/accounts/password/",
    "/accounts/tokens/",
    "/references/questions/",
    "/library/",
    "/library/?sort=offers",
    "/skills/",
    "/search/?q=maria",
    "/board/?scope=team&sort=value",
]
# Pages a manager reaches from the team page, and the pages anyone reaches without logging in.
MANAGER_PAGES = {"maria": ["/team/invite/"]}
ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/MA/not-a-token/",
    "/team/welcome/MA/not-a-token/",
]


@pytest.mark.parametrize("username", ["sam", "maria", "admin"])
def test_every_navigation_page_passes_the_audit(browser_page, live_server, log_in_as, username):
    seed_demo_people()
    skill_taxonomy_load()  # the skill list's first page full, with families and aliases
    page = log_in_as(User.objects.get(username=username))
    page.goto(f"{live_server.url}/")
    nav_urls = page.eval_on_selector_all("nav a.nav-link", "links => links.map(a => a.href)")
    assert f"{live_server.url}/" in nav_urls
    problems = []
    extra = [*EXTRA_PAGES, *MANAGER_PAGES.get(username, [])]
    for url in [*nav_urls, *(f"{live_server.url}{path}" for path in extra)]:
        problems += audit(page, url)
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_the_pages_without_login_pass_the_audit(browser_page, live_server):
    problems = []
    for path in ANONYMOUS_PAGES:
        problems += audit(browser_page, f"{live_server.url}{path}")
    assert problems == [], "\n".join(problems)
