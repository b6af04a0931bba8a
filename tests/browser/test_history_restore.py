"""History pages in real Chromium: open a job order's history from its page, restore the version
that still had a removed requirement, and the audit of each kind's history page."""

import pytest
from playwright.sync_api import expect

from tests.browser.audit import audit
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    CandidateSkillFactory,
    JobOrderFactory,
    ObjectionFactory,
    ReferenceCallFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)
from tests.history.test_history import pass_time

pytestmark = pytest.mark.browser


@pytest.fixture
def team(db):
    return TeamFactory(name="Northwind")


@pytest.fixture
def owner(team):
    return UserFactory(username="sam", first_name="Sam", last_name="Ortiz", team=team)


def test_the_owner_restores_a_removed_requirement_from_the_history_page(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    pass_time()
    need = RequirementFactory(job_order=job, description="Tame a flaky release pipeline")
    pass_time()
    need.delete()
    page = log_in_as(owner)

    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    expect(page.get_by_text("Tame a flaky release pipeline")).to_have_count(0)
    page.get_by_role("link", name="History of changes").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("History: Platform engineer")
    rows = page.get_by_test_id("history").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Removed requirement: Tame a flaky release pipeline")
    expect(rows.nth(0)).to_contain_text("Current version")
    added = rows.filter(has_text="Added requirement: Tame a flaky release pipeline")
    added.get_by_role("button", name="Restore this version").click()

    expect(page.get_by_role("alert")).to_contain_text("Restored the job order as it was on")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Restored the version of")
    page.get_by_role("link", name="Back to the job order").click()
    expect(page.get_by_text("Tame a flaky release pipeline").first).to_be_visible()


def test_a_teammate_reads_the_history_without_restore_buttons(
    browser_page, live_server, log_in_as, owner, team
):
    job = JobOrderFactory(owner=owner)
    pass_time()
    RequirementFactory(job_order=job)
    page = log_in_as(UserFactory(username="priya", team=team))
    page.goto(f"{live_server.url}/history/joborder/{job.pk}/")
    expect(page.get_by_test_id("history").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_role("button", name="Restore this version")).to_have_count(0)


def test_every_kind_of_history_page_passes_the_audit(browser_page, live_server, log_in_as, owner):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory(owner=owner)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    plan = CallPlanFactory(
        submittal=SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner),
        author=owner,
    )
    pass_time()
    RequirementFactory(job_order=job, description="Ship weekly")
    CandidateSkillFactory(candidate=candidate)
    ReferenceFindingFactory(call=call, quote="Fast learner")
    ObjectionFactory(plan=plan, text="Only two years of Go")
    page = log_in_as(owner)
    for kind, pk in [
        ("joborder", job.pk),
        ("candidate", candidate.pk),
        ("referencecall", call.pk),
        ("callplan", plan.pk),
    ]:
        assert audit(page, f"{live_server.url}/history/{kind}/{pk}/") == []
        expect(page.get_by_role("button", name="Restore this version")).to_have_count(1)
