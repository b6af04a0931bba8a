"""The references pages in a real browser: the list filters without a reload, and every page
passes the audit (no console error, WCAG 2.1 AA)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def test_the_list_filters_to_my_calls_without_a_reload(browser_page, live_server, log_in_as):
    team = TeamFactory(name="Northwind")
    sam, priya = UserFactory(username="sam", team=team), UserFactory(username="priya", team=team)
    job = JobOrderFactory(owner=sam, title="Platform engineer")
    ReferenceCallFactory(called_by=sam, job_order=job, reference__name="Pat Kim", status="complete")
    ReferenceCallFactory(called_by=priya, reference__name="Lee Park")
    page = log_in_as(sam)
    url = f"{live_server.url}{reverse('references:list')}"
    assert audit(page, url) == []
    expect(page.get_by_test_id("call-count")).to_contain_text("2 calls")

    page.get_by_label("Only my calls").check()
    expect(page.get_by_test_id("call-count")).to_contain_text("1 call")
    expect(page.get_by_role("link", name="Pat Kim")).to_be_visible()
    expect(page.get_by_role("link", name="Lee Park")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"mine=on"))

    page.get_by_label("Candidate or reference name").press_sequentially("nobody")
    expect(page.get_by_test_id("call-count")).to_contain_text("0 calls")
    expect(page.get_by_text("No reference calls match")).to_be_visible()


def test_the_reference_pages_pass_the_audit(browser_page, live_server, log_in_as):
    sam = UserFactory(username="sam", team=TeamFactory(name="Northwind"))
    alex = CandidateFactory(owner=sam, first_name="Alex", last_name="Rivera")
    engagement = EngagementFactory(candidate=alex, employer="Globex")
    pat = ReferenceFactory(candidate=alex, name="Pat Kim", engagement=engagement)
    job = JobOrderFactory(owner=sam, title="Platform engineer")
    SubmittalFactory(job_order=job, candidate=alex)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=sam, reference=pat, job_order=job)
    ReferenceFindingFactory(call=call, requirement=requirement, assessment="concern")
    ReferenceFindingFactory(call=call, requirement=None, assessment="", quote="Call me back.")
    page = log_in_as(sam)
    new = reverse("references:call_new")
    pages = [
        f"{reverse('references:reference_add')}?candidate={alex.pk}",
        f"{new}?reference={pat.pk}",
        f"{new}?reference={pat.pk}&joborder=",
        reverse("references:call_detail", args=[call.pk]),
    ]
    problems = []
    for path in pages:
        problems += audit(page, f"{live_server.url}{path}")
    assert problems == [], "\n".join(problems)


def test_picking_the_job_opens_the_call_page_with_its_requirements(
    browser_page, live_server, log_in_as
):
    sam = UserFactory(username="sam", team=TeamFactory(name="Northwind"))
    pat = ReferenceFactory(candidate=CandidateFactory(owner=sam, first_name="Alex"))
    job = JobOrderFactory(owner=sam, title="Platform engineer")
    SubmittalFactory(job_order=job, candidate=pat.candidate)
    RequirementFactory(job_order=job, description="Stabilise a flaky release pipeline")
    page = log_in_as(sam)
    page.goto(f"{live_server.url}{reverse('references:call_new')}?reference={pat.pk}")
    expect(page.get_by_label("Which job will you describe to the reference?")).to_have_value(
        str(job.pk)
    )
    page.get_by_role("button", name="Start the call").click()
    expect(page.get_by_role("group", name=re.compile("Stabilise a flaky"))).to_be_visible()
    expect(
        page.get_by_text("Tell me about a time Alex solved a challenge like this")
    ).to_be_visible()
