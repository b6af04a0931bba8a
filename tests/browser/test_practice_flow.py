"""The closing role-play in a real browser: three rounds with a co-worker playing the client —
"not yet" over one of the plan's objections, "not yet" over a new one saved to the plan, then
"ready" — stored as one practice session, and the plan gains the new objection."""

import pytest
from playwright.sync_api import expect

from callplans.models import PracticeSession
from callplans.services import (
    callplan_create,
    callplan_update,
    closingquestion_create,
    objection_add,
)
from tests.browser.audit import audit
from tests.factories import (
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

QUESTION = "Shall I extend an offer on your behalf?"


@pytest.fixture
def plan(db):
    sam = UserFactory(username="sam")
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=sam), submitted_by=sam)
    plan = callplan_create(submittal=submittal, author=sam)
    question = closingquestion_create(team=sam.team, text=QUESTION)
    plan = callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Offer by Friday",
        closing_questions=[question],
    )
    objection_add(plan=plan, category="other", text="Rate is above budget", rebuttal="Value")
    return sam, plan


def test_a_closing_role_play_is_stored_round_by_round(browser_page, live_server, log_in_as, plan):
    sam, plan = plan
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Role-play the close").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Role-play the closing question")
    assert audit(page, page.url) == []
    expect(page.get_by_label("The closing question you ask")).to_have_value(
        str(plan.closing_questions.get().pk)
    )
    page.get_by_label("Who played the client?").fill("Dana Ruiz")

    first = page.get_by_role("group", name="Round 1")
    first.get_by_label("Not yet").check()
    first.get_by_label("Which objection holds them back? (round 1)").select_option(
        label="Rate is above budget"
    )
    first.get_by_label("Shaky").check()

    second = page.get_by_role("group", name="Round 2")
    second.get_by_label("Not yet").check()
    second.get_by_label("Or a new one, in the client's words (round 2)").fill(
        "Her start date is too late"
    )
    # Not ticked yet, then a "not yet" round without its result: refused, all kept.
    page.get_by_role("button", name="Finish the role-play").click()
    expect(second.get_by_text("Mark how your answer went.")).to_be_visible()
    expect(second.get_by_label("Or a new one, in the client's words (round 2)")).to_have_value(
        "Her start date is too late"
    )
    second = page.get_by_role("group", name="Round 2")
    second.get_by_label("Add this new objection to the plan (round 2)").check()
    second.get_by_label("Nailed it").check()

    third = page.get_by_role("group", name="Round 3")
    third.get_by_label("Ready", exact=True).check()
    third.get_by_label("Nailed it").check()
    page.get_by_role("button", name="Finish the role-play").click()

    expect(page.get_by_role("alert").first).to_contain_text(
        "3 rounds, 2 nailed, 1 shaky, 0 missed. 1 new objection added to the plan."
    )
    expect(
        page.get_by_test_id("objection").filter(has_text="Her start date is too late")
    ).to_be_visible()
    session = PracticeSession.objects.get(plan=plan)
    assert (session.kind, session.partner) == ("closing", "Dana Ruiz")
    rounds = [(i.answer, i.prompt, i.result) for i in session.items.all()]
    assert rounds == [
        ("not_yet", "Rate is above budget", "shaky"),
        ("not_yet", "Her start date is too late", "nailed"),
        ("ready", "", "nailed"),
    ]
    page.get_by_role("link", name="Role-play the close").click()
    expect(page.get_by_test_id("practice-sessions")).to_contain_text("with Dana Ruiz")
    # The objection cards' page, with the sessions listed, passes the audit as well.
    assert audit(page, f"{live_server.url}/plans/{plan.pk}/practice/") == []


def test_a_reference_call_role_play_is_recorded_from_the_reference_call(
    browser_page, live_server, log_in_as, plan
):
    sam, plan = plan
    submittal = plan.submittal
    RequirementFactory(job_order=submittal.job_order, description="Releases take two days")
    call = ReferenceCallFactory(
        reference=ReferenceFactory(candidate=submittal.candidate),
        called_by=sam,
        job_order=submittal.job_order,
    )
    page = log_in_as(sam)
    page.goto(f"{live_server.url}/references/calls/{call.pk}/")
    page.get_by_role("link", name="Role-play this call with a co-worker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Role-play the reference call")
    assert audit(page, page.url) == []
    page.get_by_label("Who played the client?").fill("Dana Ruiz")
    question = page.get_by_role("group", name="Question 1:")
    question.get_by_label("What the reference said (question 1)").fill(
        "Cut the release from two days to forty minutes at Northwind, 2024."
    )
    # The marks are buttons (labels of hidden radios): clicked as a person does.
    question.get_by_text("Specific: when, where, what result").click()
    expect(question.get_by_label("Specific: when, where, what result")).to_be_checked()
    page.get_by_role("group", name="Did I ask the tough, pointed questions?").get_by_text(
        "Partly"
    ).click()
    page.get_by_role("group", name="Did I get specifics").get_by_text("Yes").click()
    page.get_by_role("button", name="Finish the role-play").click()
    expect(page.get_by_role("alert").first).to_contain_text("1 of 1 answers specific")
    expect(page.get_by_test_id("practice-sessions")).to_contain_text("forty minutes")
