"""The candidate profile's in-place editing in a real browser: skill rows and engagement cards
change without leaving the page, and refused input is explained next to the field."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from candidates.models import CandidateSkill, Engagement
from candidates.services import skill_create
from demo.people import DEMO_PASSWORD
from tests.browser.test_candidates_pages import forget_expected_refusal, no_axe_violations
from tests.factories import (
    CandidateFactory,
    CandidateSkillFactory,
    EngagementFactory,
    SkillFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def profile(live_server, log_in_as):
    """The owner on Ana's profile, with a marker that disappears if the page reloads."""
    owner = UserFactory(team=TeamFactory(name="Profile team"))
    candidate = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/")
    page.evaluate("window.stillTheSamePage = true")
    return page, candidate


def _same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


def test_typing_a_skill_suggests_it_and_adding_an_alias_records_the_skill(profile):
    page, candidate = profile
    skill_create(name="Kubernetes", aliases="k8s")
    skills = page.locator("#skills")
    page.get_by_label("Skill to add").fill("k8")
    expect(page.locator("#skill-options option[value='Kubernetes']")).to_have_count(1)
    page.get_by_label("Skill to add").fill("k8s")
    page.get_by_label("Years with the new skill").fill("4.5")
    page.get_by_label("Year the new skill was last used").fill("2025")
    page.get_by_role("button", name="Add skill").click()
    expect(skills.get_by_role("rowheader", name="Kubernetes")).to_be_visible()
    expect(page.get_by_label("Years with Kubernetes")).to_have_value("4.5")
    expect(page.get_by_label("Skill to add")).to_be_focused()
    expect(page.get_by_label("Skill to add")).to_have_value("")
    assert _same_page(page)
    assert CandidateSkill.objects.get(candidate=candidate).years == Decimal("4.5")
    no_axe_violations(page)


def test_a_skill_row_is_corrected_and_removed_in_place(profile, page_guard):
    page, candidate = profile
    CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name="Go"), years=2)
    page.reload()
    page.evaluate("window.stillTheSamePage = true")
    years = page.get_by_label("Years with Go")
    years.fill("75")
    page.get_by_role("button", name="Save Go").click()
    # the browser itself refuses what the server would: nothing is sent
    assert years.evaluate("input => input.validationMessage")
    assert CandidateSkill.objects.get().years == Decimal("2")
    years.fill("6")
    page.get_by_role("button", name="Save Go").click()
    expect(page.get_by_label("Years with Go")).to_have_value("6.0")
    page.get_by_role("button", name="Remove Go").click()
    expect(page.locator("#skills")).to_contain_text("No skills recorded yet.")
    assert _same_page(page)
    assert not CandidateSkill.objects.exists()


def test_a_refused_skill_name_is_explained_next_to_the_input(profile, page_guard):
    page, candidate = profile
    page.get_by_label("Skill to add").fill("Go|Rust")
    page.get_by_label("Years with the new skill").fill("2")
    page.get_by_role("button", name="Add skill").click()
    expect(page.locator("#skills")).to_contain_text("A skill name cannot contain “|”.")
    expect(page.get_by_label("Skill to add")).to_have_value("Go|Rust")
    expect(page.get_by_label("Skill to add")).to_be_focused()
    expect(page.get_by_label("Years with the new skill")).to_have_value("2")
    forget_expected_refusal(page_guard, 422)
    no_axe_violations(page)
    assert _same_page(page)


def test_an_engagement_is_added_edited_in_place_and_deleted_after_confirming(profile, page_guard):
    page, candidate = profile
    skill_create(name="Kubernetes", aliases="k8s")
    page.get_by_text("Add an engagement").click()
    expect(page.get_by_label("Employer (where)")).to_be_focused()
    page.get_by_label("Employer (where)").fill("First Harbor Bank")
    page.get_by_label("Role").fill("Lead DevOps engineer")
    page.get_by_label("Start date (when)").fill("2024-05-01")
    page.get_by_label("End date").fill("2024-04-30")
    page.get_by_label("What quantifiable results did the candidate produce?").fill(
        "Release time down from 2 days to 20 minutes"
    )
    page.get_by_label("Skills used").fill("k8s, Terraform")
    page.get_by_role("button", name="Add engagement").click()

    end_date = page.get_by_label("End date")
    expect(page.get_by_text("The end date cannot be before the start date.")).to_be_visible()
    expect(end_date).to_have_value("2024-04-30")
    expect(end_date).to_be_focused()
    expect(page.get_by_label("Employer (where)")).to_have_value("First Harbor Bank")
    forget_expected_refusal(page_guard, 422)
    no_axe_violations(page)

    end_date.fill("")
    page.get_by_role("button", name="Add engagement").click()
    card = page.locator("article.engagement-card")
    expect(
        card.get_by_role("heading", name="Lead DevOps engineer at First Harbor Bank")
    ).to_be_visible()
    expect(card).to_contain_text("May 2024 – present")
    expect(card).to_contain_text("Kubernetes")
    expect(card).to_contain_text("Terraform")

    card.get_by_role("link", name="Edit").click()
    expect(card.get_by_label("Employer (where)")).to_be_focused()
    no_axe_violations(page)
    card.get_by_label("Employer (where)").fill("Harbor Bank")
    card.get_by_role("button", name="Save engagement").click()
    expect(card.get_by_role("heading", name="Lead DevOps engineer at Harbor Bank")).to_be_visible()
    expect(card).to_be_focused()  # the saved card: the next Tab reaches its Edit link
    page.keyboard.press("Tab")
    expect(card.get_by_role("link", name="Edit")).to_be_focused()

    card.get_by_role("link", name="Edit").click()
    card.get_by_label("Employer (where)").fill("Not saved")
    card.get_by_role("link", name="Cancel").click()
    expect(card.get_by_role("heading", name="Lead DevOps engineer at Harbor Bank")).to_be_visible()

    card.get_by_role("link", name="Delete").click()
    expect(card).to_contain_text("This cannot be undone")
    no_axe_violations(page)
    card.get_by_role("button", name="Yes, delete this engagement").click()
    expect(page.locator("#engagements")).to_contain_text("No engagements yet.")
    assert _same_page(page)
    assert not Engagement.objects.exists()


def test_saving_an_older_start_date_moves_the_card_down(profile):
    page, candidate = profile
    EngagementFactory(candidate=candidate, employer="Alpha", start_date=datetime.date(2023, 1, 1))
    EngagementFactory(candidate=candidate, employer="Beta", start_date=datetime.date(2020, 1, 1))
    page.reload()
    titles = page.locator("article.engagement-card h3")
    expect(titles).to_have_text(["DevOps engineer at Alpha", "DevOps engineer at Beta"])
    alpha = page.locator("article.engagement-card").first
    alpha.get_by_role("link", name="Edit").click()
    alpha.get_by_label("Start date (when)").fill("2015-01-01")
    alpha.get_by_label("End date").fill("2016-01-01")
    alpha.get_by_role("button", name="Save engagement").click()
    expect(titles).to_have_text(["DevOps engineer at Beta", "DevOps engineer at Alpha"])


def test_without_javascript_the_profile_still_edits(browser, live_server):
    """The same flows as plain forms and redirects: JavaScript off, htmx never runs."""
    owner = UserFactory(team=TeamFactory(name="No-JS team"))
    candidate = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/candidates/{candidate.pk}/")
    page.get_by_label("Skill to add").fill("Go")
    page.get_by_label("Years with the new skill").fill("3")
    page.get_by_role("button", name="Add skill").click()
    expect(page).to_have_url(f"{live_server.url}/candidates/{candidate.pk}/#skills")
    expect(page.get_by_label("Years with Go")).to_have_value("3.0")

    page.get_by_text("Add an engagement").click()
    page.get_by_label("Employer (where)").fill("Acme")
    page.get_by_label("Start date (when)").fill("2022-01-01")
    page.get_by_role("button", name="Add engagement").click()
    card = page.locator("article.engagement-card")
    expect(card.get_by_role("heading", name="Work at Acme")).to_be_visible()
    card.get_by_role("link", name="Edit").click()
    page.locator("article.engagement-card").get_by_label("Role").fill("SRE")
    page.get_by_role("button", name="Save engagement").click()
    expect(page.get_by_role("heading", name="SRE at Acme")).to_be_visible()
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete this engagement").click()
    expect(page.get_by_text("No engagements yet.")).to_be_visible()
    context.close()
