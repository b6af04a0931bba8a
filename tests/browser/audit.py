"""The page audit used by every browser test: server errors and WCAG 2.1 A/AA (axe-core)."""

from axe_playwright_python.sync_playwright import Axe

SETTLED = """() => document.getAnimations().every(
  (a) => a.playState !== "running" || a.effect.getTiming().iterations === Infinity
)"""
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def audit(page, url: str) -> list[str]:
    """Open `url` and return what is wrong with it (an empty list when nothing is)."""
    response = page.goto(url)
    problems = []
    if response is None or response.status >= 400:
        problems.append(f"{url} answered {response.status if response else 'nothing'}")
    # Colours are judged once they settle: a page that focuses a button on load (practice
    # mode) starts Bootstrap's 0.15 s focus transition, and a mid-fade colour is no verdict.
    page.wait_for_function(SETTLED, timeout=2000)
    results = Axe().run(page, options=WCAG_21_AA)
    if results.violations_count:
        problems.append(f"{url}: {results.generate_report()}")
    return problems
