"""Candidate pages in a real browser: the list and its live search, creating and editing a
candidate, and the WCAG audit of every candidate page."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from candidates.models import Candidate
from candidates.services import skill_create
from tests.browser.audit import WCAG_21_AA, audit
from tests.factories import (
    CandidateFactory,
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    ManagerFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def _full_candidate(owner):
    kube = skill_create(name="Kubernetes", aliases="k8s")
    candidate = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    CandidateSkillFactory(candidate=candidate, skill=kube, years=4)
    engagement = EngagementFactory(candidate=candidate, skills=[kube], end_date=None)
    EngagementFactory(candidate=candidate, start_date=datetime.date(2016, 1, 1))
    reference = ReferenceFactory(candidate=candidate, engagement=engagement)
    ReferenceCallFactory(reference=reference, called_by=owner)
    SubmittalFactory(
        candidate=candidate,
        job_order=JobOrderFactory(owner=owner),
        status="interview_scheduled",
        interview_at=datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC),
    )
    return candidate, engagement


def test_every_candidate_page_passes_the_audit(live_server, log_in_as):
    owner = UserFactory(team=TeamFactory(name="Audit team"))
    candidate, engagement = _full_candidate(owner)
    for i in range(30):
        CandidateFactory(owner=owner, last_name=f"Person {i:02}")
    for status in Candidate.Status.values:  # every badge colour meets the contrast ratio
        CandidateFactory(owner=owner, last_name="Aaron", status=status)
    archived = CandidateFactory(owner=owner, archived=True)
    page = log_in_as(owner)
    base = f"{live_server.url}/candidates"
    urls = [
        f"{base}/",
        f"{base}/?q=k8s",
        f"{base}/?q=nobody-at-all",
        f"{base}/new/",
        f"{base}/{candidate.pk}/",
        f"{base}/{archived.pk}/",
        f"{base}/{candidate.pk}/edit/",
        f"{base}/{candidate.pk}/engagements/{engagement.pk}/edit/",
        f"{base}/{candidate.pk}/engagements/{engagement.pk}/delete/",
    ]
    problems = []
    for url in urls:
        problems += audit(page, url)
    assert problems == [], "\n".join(problems)


def test_a_reader_without_rights_sees_an_accessible_read_only_profile(live_server, log_in_as):
    owner = UserFactory(team=TeamFactory(name="Owners"))
    candidate, _ = _full_candidate(owner)
    outsider = UserFactory(team=TeamFactory(name="Others"))
    page = log_in_as(outsider)
    assert audit(page, f"{live_server.url}/candidates/{candidate.pk}/") == []
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Silva")
    expect(page.get_by_role("link", name="Edit candidate")).to_have_count(0)
    expect(page.get_by_role("button", name="Add skill")).to_have_count(0)
    expect(page.get_by_text("Not submitted to any of your team's job orders yet.")).to_be_visible()


def test_searching_k8s_live_finds_the_kubernetes_people(live_server, log_in_as):
    owner = UserFactory(team=TeamFactory(name="Search team"))
    kube = skill_create(name="Kubernetes", aliases="k8s")
    ana = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    CandidateSkillFactory(candidate=ana, skill=kube, years=4)
    CandidateFactory(owner=owner, first_name="Ben", last_name="Moss")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/candidates/")
    results = page.locator("#candidate-results")
    expect(results.get_by_role("link", name="Ben Moss")).to_be_visible()
    page.get_by_label("Search by name, headline or skill").fill("k8s")  # no Enter: live search
    expect(results.get_by_role("link", name="Ben Moss")).to_have_count(0)
    expect(results.get_by_role("link", name="Ana Silva")).to_be_visible()
    expect(results).to_contain_text("Kubernetes · 4 y")
    expect(page).to_have_url(f"{live_server.url}/candidates/?q=k8s&status=")
    page.get_by_label("Status").select_option("placed")
    expect(results).to_contain_text("0 candidates")


def test_a_salesperson_creates_a_candidate_and_lands_on_the_profile(live_server, log_in_as):
    owner = UserFactory(team=TeamFactory(name="Create team"))
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/candidates/")
    page.get_by_role("link", name="New candidate", exact=True).click()
    page.get_by_label("First name").fill("Riley")
    page.get_by_label("Last name").fill("Chen")
    page.get_by_label("Headline").fill("Data engineer who ships")
    page.get_by_label("What does this candidate do best?").fill("Streams at scale.")
    page.get_by_role("button", name="Create candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riley Chen")
    expect(page.get_by_role("alert")).to_contain_text("Riley Chen is in")
    assert Candidate.objects.get().owner == owner


def test_a_manager_edits_the_candidate_and_a_stale_tab_is_told(live_server, log_in_as, page_guard):
    team = TeamFactory(name="Edit team")
    owner = UserFactory(team=team)
    manager = ManagerFactory(team=team)
    candidate = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    page = log_in_as(manager)
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/edit/")
    # someone else saves while the form is open
    Candidate.objects.filter(pk=candidate.pk).update(headline="Changed elsewhere", version=2)
    page.get_by_label("Headline").fill("Mine")
    page.get_by_role("button", name="Save candidate").click()
    expect(
        page.get_by_text("Someone else changed this candidate since you opened it")
    ).to_be_visible()
    expect(page.get_by_test_id("conflicts")).to_contain_text("Changed elsewhere")
    expect(page.get_by_label("Headline")).to_have_value("Mine")
    forget_expected_refusal(page_guard, 409)
    no_axe_violations(page)
    page.get_by_role("button", name="Save candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Silva")
    expect(page.get_by_text("Mine", exact=True)).to_be_visible()


def forget_expected_refusal(page_guard, status: int) -> None:
    """The server refused the input with `status` (the guard lets 409/422 through, noting them)."""
    assert status in page_guard.refused, page_guard.refused
    page_guard.refused.remove(status)


def no_axe_violations(page) -> None:
    """The WCAG audit of the page as it is now (after in-place changes), without reloading."""
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_candidate_pages_fit_a_phone_without_scrolling_sideways(live_server, log_in_as):
    owner = UserFactory(team=TeamFactory(name="Phone team"))
    candidate, engagement = _full_candidate(owner)
    page = log_in_as(owner)
    page.set_viewport_size({"width": 375, "height": 740})
    for path in [
        "/candidates/",
        "/candidates/?q=k8s",
        f"/candidates/{candidate.pk}/",
        f"/candidates/{candidate.pk}/edit/",
        f"/candidates/{candidate.pk}/engagements/{engagement.pk}/edit/",
    ]:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways on a phone ({width}px wide)"
