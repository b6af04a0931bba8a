"""The call brief in a real browser: the call card's objections, close and next action are on the
first screen of a laptop (1366×768) and a phone (390×844), nothing scrolls sideways, and "Record a
reference call" works from the job order, the plan and the dashboard."""

import pytest
from playwright.sync_api import expect

from callplans.services import (
    callplan_create,
    callplan_update,
    closingquestion_create,
    objection_add,
)
from joborders.models import Requirement
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def brief(db):
    owner = UserFactory(username="sam")
    job = JobOrderFactory(owner=owner, title="Senior DevOps Engineer — payments platform")
    job.contact = ClientContactFactory(
        client=job.client,
        name="Dana Ruiz",
        title="VP Platform Engineering",
        phone="+1 512 555 0147",
    )
    job.save()
    for kind, text in [
        ("challenge", "Releases take two days and one in five fails"),
        ("deliverable", "Terraform modules for the AWS landing zone"),
        ("result", "Deploy lead time under one hour"),
    ]:
        RequirementFactory(job_order=job, kind=kind, description=text)
    RequirementFactory(
        job_order=job,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Terraform"),
        min_years=3,
        description="",
    )
    candidate = CandidateFactory(first_name="Alex", last_name="Morgan")
    EngagementFactory(candidate=candidate, employer="Northwind Payments")
    ReferenceFactory(candidate=candidate, name="Pat Kim")
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    plan = callplan_create(submittal=submittal, author=owner)
    texts = [
        "Alex's Python is scripting, not application development.",
        "Our estate is bigger than Northwind's.",
        "The rate is at the top of our budget.",
        "Alex has no Terraform years on the résumé.",
        "Alex has not worked under PCI DSS.",
    ]
    for n, text in enumerate(texts):
        objection_add(
            plan=plan,
            category="other",
            text=text,
            likelihood="high" if n < 4 else "low",
            rebuttal="Northwind ran 40 services with a team of 10; the reference vouches for it. "
            "Ask Pat Kim, who managed the migration, for the details.",
        )
    question = closingquestion_create(
        team=owner.team, text="Shall I extend an offer to the candidate on your behalf?"
    )
    plan.refresh_from_db()
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Ask Dana to extend an offer this week so Alex can start before the freeze.",
        closing_questions=[question],
    )
    return owner, job, plan


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_call_card_is_on_the_first_screen(
    browser_page, live_server, log_in_as, brief, viewport
):
    owner, _, plan = brief
    page = log_in_as(owner)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    card = page.get_by_test_id("call-card")
    expect(card.get_by_test_id("card-objection")).to_have_count(4)
    parts = [
        *card.get_by_test_id("card-objection").all(),
        card.get_by_test_id("card-closing"),
        card.get_by_test_id("card-next-action"),
        card.get_by_test_id("card-contact"),
    ]
    for part in parts:
        box = part.bounding_box()
        assert box is not None and box["y"] >= 0
        assert box["y"] + box["height"] <= viewport["height"], (part, box, viewport)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    assert audit(page, page.url) == []


def test_a_rebuttal_opens_from_its_first_line_on_the_card(
    browser_page, live_server, log_in_as, brief
):
    owner, _, plan = brief
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    first = page.get_by_test_id("card-objection").first
    rest = first.get_by_text("Ask Pat Kim, who managed the migration", exact=False).last
    expect(rest).to_be_hidden()
    first.locator("summary").click()
    expect(rest).to_be_visible()


@pytest.mark.parametrize("start", ["job order", "plan", "dashboard"])
def test_record_a_reference_call_ends_on_a_call_page_with_the_jobs_details(
    browser_page, live_server, log_in_as, brief, start
):
    owner, job, plan = brief
    plan.objections.all().delete()  # nothing else matters here
    page = log_in_as(owner)
    url = {
        "job order": f"/joborders/{job.pk}/",
        "plan": f"/plans/{plan.pk}/",
        "dashboard": "/",
    }[start]
    page.goto(live_server.url + url)
    page.get_by_role("link", name="Record a reference call").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Record a reference call for {job.title}"
    )
    page.get_by_role("link", name="Call Pat Kim").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pat Kim")
    expect(page.locator("main")).to_contain_text("Releases take two days and one in five fails")
