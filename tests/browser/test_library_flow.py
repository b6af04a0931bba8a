"""The team library in a real browser: a salesperson proposes an objection with its rebuttal, a
manager accepts it, and the next plan whose job needs that skill offers it as the suggestion's
rebuttal. Both library views pass the audit, and the page fits a 390 px wide phone."""

import pytest
from playwright.sync_api import expect

from callplans.models import LibraryStatus, Objection, ObjectionTemplate
from callplans.services import callplan_create
from joborders.models import Requirement
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ManagerFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

REBUTTAL = "Alex ran 40 services on EKS at Acme Freight; offer a two-week ramp-up on your cluster."


@pytest.fixture
def interview(db):
    owner = UserFactory(username="sam")
    manager = ManagerFactory(username="maria", team=owner.team)
    job = JobOrderFactory(owner=owner, title="Senior DevOps Engineer", project_scope="")
    RequirementFactory(
        job_order=job,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Kubernetes"),
        min_years=4,
        description="",
    )
    candidate = CandidateFactory(first_name="Alex", last_name="Morgan")
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    plan = callplan_create(submittal=submittal, author=owner)
    return owner, manager, plan


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_proposal_accepted_by_the_manager_is_offered_on_the_plan(
    browser_page, live_server, log_in_as, interview
):
    owner, manager, plan = interview
    page = log_in_as(owner)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/")
    page.locator("nav a.nav-link", has_text="Library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your team's library")
    page.set_viewport_size({"width": 390, "height": 844})
    assert audit(page, page.url) == []
    assert fits_the_width(page)

    page.get_by_text("Propose an objection and its rebuttal").click()
    page.get_by_label("Kind of objection").select_option("skill_gap")
    page.get_by_label("What does the client say?").fill("We need Kubernetes and I don't see it.")
    page.get_by_label("The rebuttal that works").fill(REBUTTAL)
    page.get_by_label("For which skill? (optional)").select_option(label="Kubernetes")
    page.get_by_role("button", name="Propose it").click()
    expect(page.locator(".messages")).to_contain_text("a manager will accept or decline it")
    expect(page.get_by_test_id("proposal")).to_contain_text(REBUTTAL)
    assert ObjectionTemplate.objects.get().status == LibraryStatus.PROPOSED

    page = log_in_as(manager)
    page.goto(f"{live_server.url}/library/")
    assert audit(page, page.url) == []
    page.get_by_test_id("proposal").get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("library-entry")).to_contain_text(REBUTTAL)
    expect(page.get_by_test_id("proposals")).to_contain_text("None.")
    assert fits_the_width(page)
    page.set_viewport_size({"width": 1366, "height": 768})

    page = log_in_as(owner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    suggestion = page.get_by_test_id("suggested-objection").filter(has_text="Kubernetes")
    suggestion.get_by_text("rebuttal from the team library", exact=False).click()
    expect(suggestion).to_contain_text(REBUTTAL)
    expect(suggestion.get_by_test_id("rebuttal-record").last).to_contain_text(
        "not used in a plan yet"
    )
    suggestion.get_by_role("button", name="Add with this rebuttal").click()
    expect(page.get_by_test_id("objection").filter(has_text="Kubernetes")).to_contain_text(
        "Acme Freight"
    )
    assert Objection.objects.get(plan=plan).template == ObjectionTemplate.objects.get()
