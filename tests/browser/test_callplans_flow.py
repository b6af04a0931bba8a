"""The salesperson's path to a ready plan, in a real browser: open the submittal, prepare the
plan, accept a suggested objection, edit its rebuttal, pick a closing question, rehearse, mark
ready, download the PDF."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from callplans.services import closingquestion_create
from joborders.models import Requirement
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def interview(db):
    owner = UserFactory(username="sam")
    job = JobOrderFactory(owner=owner, title="Senior DevOps Engineer", project_scope="")
    job.contact = ClientContactFactory(client=job.client, name="Dana Ruiz", phone="+1 512 555 0147")
    job.save()
    for kind, text in [
        ("challenge", "Releases take two days"),
        ("deliverable", "Terraform modules"),
        ("result", "Deploys under an hour"),
    ]:
        RequirementFactory(job_order=job, kind=kind, description=text, must_have=False)
    RequirementFactory(
        job_order=job,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Kubernetes"),
        min_years=4,
        description="",
    )
    candidate = CandidateFactory(first_name="Alex", last_name="Morgan")
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=candidate), called_by=owner, job_order=job
    )
    closingquestion_create(team=owner.team, text="Shall I extend an offer on your behalf?")
    return owner, job, submittal


def test_a_salesperson_prepares_a_plan_until_it_is_ready_to_dial(
    browser_page, live_server, log_in_as, interview
):
    owner, job, _ = interview
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    page.get_by_role("button", name="Prepare feedback call plan for Alex Morgan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Alex Morgan")
    expect(page.get_by_test_id("readiness")).to_have_text("33%")
    assert audit(page, page.url) == []

    suggestion = page.get_by_test_id("suggested-objection").filter(has_text="Kubernetes")
    suggestion.get_by_role("button", name="Add to plan").click()
    objection = page.get_by_test_id("objection").filter(has_text="Kubernetes")
    expect(objection).to_be_visible()
    expect(objection.get_by_text("Most likely")).to_be_visible()

    objection.get_by_role("link", name="Edit", exact=False).click()
    form = page.get_by_test_id("objection-form")
    form.get_by_label("My credible rebuttal").fill("Ran 40 services on EKS for three years.")
    form.get_by_role("button", name="Save objection").click()
    expect(page.get_by_test_id("objection").first).to_contain_text("Ran 40 services on EKS")

    page.get_by_label("Shall I extend an offer on your behalf?").check()
    page.get_by_label("What action will I ask the client to take next?").fill(
        "Extend an offer by Friday"
    )
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#story").get_by_role("status")).to_have_text("Saved.")
    expect(page.get_by_test_id("readiness")).to_have_text("83%")

    page.get_by_role("link", name="Practice objections").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice the objections")
    page.wait_for_load_state()  # the flash-card script runs on load
    # Typing the partner's name is not a shortcut ("n" in "Dana" marks nothing).
    page.get_by_label("Who played the client?").fill("Dana")
    page.get_by_role("heading", level=1).click()  # out of the field, as a person would
    page.keyboard.press("Space")
    expect(page.get_by_text("Ran 40 services on EKS")).to_be_visible()
    page.keyboard.press("n")
    page.get_by_role("button", name="Finish practice").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "1 nailed, 0 shaky, 0 missed. It covered the most likely objections"
    )
    expect(page.get_by_test_id("last-practice")).to_have_text("Last practice: nailed it")

    expect(page.get_by_test_id("readiness")).to_have_text("100%")
    page.get_by_role("button", name="Mark ready to dial").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Ready to dial")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF to print (Letter)").click()
    with open(download_info.value.path(), "rb") as downloaded:
        reader = PdfReader(io.BytesIO(downloaded.read()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Ran 40 services on EKS for three years." in text
    assert "Extend an offer by Friday" in text


def test_a_second_editor_with_a_stale_page_is_refused_and_keeps_their_text(
    browser_page, live_server, log_in_as, interview, browser
):
    owner, job, submittal = interview
    from callplans.services import callplan_create, objection_add

    plan = callplan_create(submittal=submittal, author=owner)
    objection_add(plan=plan, category="other", text="Rate too high", rebuttal="Original")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    objection_add(plan=plan, category="other", text="Added by a manager meanwhile")

    objection = page.get_by_test_id("objection").first
    objection.get_by_role("link", name="Edit", exact=False).click()
    form = page.get_by_test_id("objection-form")
    form.get_by_label("My credible rebuttal").fill("My stale but precious rebuttal")
    form.get_by_role("button", name="Save objection").click()
    expect(page.locator("#objections")).to_contain_text("Someone else saved this plan")
    expect(page.get_by_label("My credible rebuttal").first).to_have_value(
        "My stale but precious rebuttal"
    )
    assert plan.objections.get(text="Rate too high").rebuttal == "Original"
