"""Every page of the page audit, with the demo data loaded so that tables are full, on a phone
(390 × 844): the page never scrolls sideways and every link and button in it can be seen without
scrolling sideways; and every page's HTML passes the W3C Nu Html Checker with 0 errors.

The pages: the navigation of each demo role (sam, maria, theo, diana, admin) with the audit's extra pages, and
one page of each kind linked from those (a job order, a candidate, a call plan, ...), then the
pages anyone sees without logging in."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from accounts.models import User
from candidates.services import skill_taxonomy_load
from demo.demo import seed_demo_world
from demo.people import seed_demo_people
from tests.browser.test_page_audit import ANONYMOUS_PAGES, EXTRA_PAGES, MANAGER_PAGES
from tests.browser.vnu import require_vnu, vnu_errors

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Links that answer with a file, or change something, are not pages to walk.
NOT_A_PAGE = re.compile(r"\.pdf|/pdf/|/export|/download|\.csv|[?&]format=|/logout|/admin/")

# What the document and its controls measure once the page has loaded: the document must not be
# wider than the screen, and no visible link, button or field may lie (partly) beyond the screen's
# right edge, in the document or hidden in a box that scrolls sideways.
MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const cut = [];
  for (const el of document.querySelectorAll("main a[href], main button, main input, main select, main textarea")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    if (box.right > width + 1 || box.left < -1) {
      const text = (el.innerText || el.value || el.name || el.getAttribute("aria-label") || "").trim();
      cut.push(`${el.tagName.toLowerCase()} "${text.slice(0, 40)}" at ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, cut};
}"""


def page_kind(url: str) -> str:
    """One page of each kind: /joborders/12/ and /joborders/7/ are the same kind of page."""
    parts = urlsplit(url)
    return re.sub(r"/\d+(?=/|$)", "/N", parts.path) + ("?" if parts.query else "")


def check(page, url: str, seen: dict[str, str], problems: list[str]) -> None:
    response = page.goto(url)
    if response is None or response.status >= 400:
        problems.append(f"{url} answered {response.status if response else 'nothing'}")
        return
    page.wait_for_load_state("load")
    measured = page.evaluate(MEASURE)
    if measured["scrollWidth"] > measured["clientWidth"]:
        problems.append(
            f"{url} scrolls sideways at 390 px: {measured['scrollWidth']} px wide "
            f"for a {measured['clientWidth']} px screen"
        )
    for control in measured["cut"]:
        problems.append(f"{url}: {control} lies beyond the screen's edge")
    seen[url] = page.content()
    if folder := os.environ.get(
        "PHONE_SCREENSHOTS"
    ):  # to look at: PHONE_SCREENSHOTS=dir pytest ...
        name = re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path + "-" + urlsplit(url).query).strip("-")
        page.screenshot(path=Path(folder) / f"{name or 'dashboard'}.png", full_page=True)


def linked_pages(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href]:not([download])", "links => links.map(a => a.href)"
    )
    return [
        href.split("#")[0]
        for href in hrefs
        if href.startswith(origin) and not NOT_A_PAGE.search(href) and "#" not in href[-1:]
    ]


def walk(page, origin: str, start: list[str]) -> tuple[dict[str, str], list[str]]:
    """Every page in `start`, then one page of each new kind linked from them."""
    seen: dict[str, str] = {}
    problems: list[str] = []
    kinds = {page_kind(url) for url in start}
    linked: list[str] = []
    for url in start:
        check(page, url, seen, problems)
        for href in linked_pages(page, origin):
            if page_kind(href) not in kinds:
                kinds.add(page_kind(href))
                linked.append(href)
    for url in linked:
        # A link may answer with a file, or refuse this role (a superuser without a team may not
        # record a reference call): only the HTML pages this role may open are walked.
        answer = page.request.get(url)
        if answer.ok and answer.headers.get("content-type", "").startswith("text/html"):
            check(page, url, seen, problems)
    return seen, problems


def html_problems(pages: dict[str, str], tmp_path) -> list[str]:
    errors = vnu_errors(pages, tmp_path / "vnu")
    return [f"{url}: {error}" for url, found in errors.items() for error in found]


@pytest.fixture
def demo_world(db):
    people = seed_demo_people()
    skill_taxonomy_load()
    seed_demo_world(people)
    return people


@pytest.mark.parametrize("username", ["sam", "maria", "theo", "diana", "admin"])
def test_every_page_fits_a_phone_and_is_valid_html(
    browser_page, live_server, log_in_as, demo_world, tmp_path, username
):
    require_vnu()
    browser_page.set_viewport_size(PHONE)
    page = log_in_as(User.objects.get(username=username))
    page.goto(f"{live_server.url}/")
    nav_urls = page.eval_on_selector_all("nav a.nav-link", "links => links.map(a => a.href)")
    extra = [*EXTRA_PAGES, *MANAGER_PAGES.get(username, [])]
    start = list(dict.fromkeys([*nav_urls, *(f"{live_server.url}{path}" for path in extra)]))
    pages, problems = walk(page, live_server.url, start)
    print(f"\n{username}: {len(pages)} pages walked")
    for url in pages:
        print(f"  {url}")
    problems += html_problems(pages, tmp_path)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_pages_without_login_fit_a_phone_and_are_valid_html(
    browser_page, live_server, tmp_path
):
    require_vnu()
    browser_page.set_viewport_size(PHONE)
    pages: dict[str, str] = {}
    problems: list[str] = []
    for path in ANONYMOUS_PAGES:
        check(browser_page, f"{live_server.url}{path}", pages, problems)
    problems += html_problems(pages, tmp_path)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
