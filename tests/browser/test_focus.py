"""Focus follows the work: after each htmx save on the plan, job order and candidate pages the
keyboard focus is on the element that changed and the live region says what happened."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import CallPlan
from callplans.services import (
    callplan_create,
    callplan_update,
    closingquestion_create,
    objection_add,
)
from candidates.models import CandidateSkill, Engagement
from joborders.models import Requirement
from tests.factories import (
    CandidateFactory,
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    ManagerFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

K = Requirement.Kind


def expect_focus(page, element_id: str):
    expect(page.locator(f"[id='{element_id}']")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == element_id


def expect_said(page, words: str):
    expect(page.get_by_test_id("live-status")).to_have_text(words)


def row_of_focus(page) -> str:
    """The id of the objection (or requirement) row holding the focused element."""
    return page.evaluate("document.activeElement.closest('li[id]')?.id || ''")


@pytest.fixture
def owner(db):
    return UserFactory(username="sam")


@pytest.fixture
def plan(owner):
    """A plan one click from ready: every checklist item done, three objections to work on."""
    job = JobOrderFactory(owner=owner, title="Senior DevOps Engineer")
    for kind, text in [
        (K.CHALLENGE, "Releases take two days and often fail"),
        (K.DELIVERABLE, "Terraform modules"),
        (K.RESULT, "Deploys under an hour"),
    ]:
        RequirementFactory(job_order=job, kind=kind, description=text, must_have=False)
    candidate = CandidateFactory(first_name="Alex", last_name="Morgan")
    EngagementFactory(
        candidate=candidate,
        employer="Northwind",
        challenges_solved="Releases failed often and took two days",
    )
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=candidate), called_by=owner, job_order=job
    )
    question = closingquestion_create(team=owner.team, text="Shall I extend an offer?")
    plan = callplan_create(submittal=submittal, author=owner)
    plan = callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Extend an offer by Friday",
        closing_questions=[question],
    )
    CallPlan.objects.filter(pk=plan.pk).update(rehearsed_at=timezone.now())
    plan.refresh_from_db()
    for text, rebuttal, draft in [
        ("Rate too high", "Same rate as the last contractor", False),
        ("No banking experience", "Two years at Northwind, a bank", True),
        ("Notice period too long", "Free in two weeks", False),
    ]:
        objection_add(plan=plan, category="other", text=text, rebuttal=rebuttal)
        if draft:
            plan.objections.filter(text=text).update(rebuttal_draft=True)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan_page(plan, live_server, log_in_as):
    page = log_in_as(plan.author)
    page.on("dialog", lambda dialog: dialog.accept())  # "Remove this objection from the plan?"
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    return page


def objection_ids(plan) -> dict[str, str]:
    return {o.text: f"objection-{o.pk}" for o in plan.objections.all()}


def test_editing_an_objection_focuses_its_form_then_the_saved_row(plan, plan_page):
    page, rate = plan_page, objection_ids(plan)["Rate too high"]
    row = page.locator(f"#{rate}")
    row.get_by_role("link", name="Edit").click()
    expect_focus(page, f"id_o{rate.removeprefix('objection-')}-text")

    page.get_by_test_id("objection-form").get_by_role("link", name="Cancel").click()
    expect_focus(page, rate)

    row.get_by_role("link", name="Edit").click()
    form = page.get_by_test_id("objection-form")
    form.get_by_label("My credible rebuttal").fill("Ten percent under the market rate")
    form.get_by_role("button", name="Save objection").click()
    expect(row).to_contain_text("Ten percent under the market rate")
    expect_focus(page, rate)
    expect_said(page, "Objection saved")


def test_down_and_up_keep_the_focus_on_the_moved_row_and_tab_continues_inside_it(plan, plan_page):
    page, ids = plan_page, objection_ids(plan)
    rate = ids["Rate too high"]
    page.get_by_role("button", name="Move “Rate too high” down").click()
    expect(page.locator("[data-testid=objection]").nth(1)).to_have_id(rate)
    expect_focus(page, rate)
    expect_said(page, "Moved down")

    page.keyboard.press("Tab")
    assert row_of_focus(page) == rate  # not <body>, not the top of the page
    assert page.evaluate("document.activeElement.textContent").strip() == "Edit"

    page.get_by_role("button", name="Move “Rate too high” up").click()
    expect(page.locator("[data-testid=objection]").first).to_have_id(rate)
    expect_focus(page, rate)
    expect_said(page, "Moved up")


def test_accepting_a_draft_and_saving_to_the_library_focus_the_row(plan, plan_page):
    page, banking = plan_page, objection_ids(plan)["No banking experience"]
    row = page.locator(f"#{banking}")
    row.get_by_role("button", name="Accept the draft").click()
    expect(row.get_by_test_id("draft-badge")).to_have_count(0)
    expect_focus(page, banking)
    expect_said(page, "Draft accepted")

    row.get_by_role("button", name="Save rebuttal to team library").click()
    expect(page.get_by_test_id("live-status")).to_contain_text("Sent to your team's library")
    expect_focus(page, banking)


def test_removing_an_objection_focuses_the_next_row_or_the_one_before_the_end(plan, plan_page):
    page, ids = plan_page, objection_ids(plan)
    page.locator(f"#{ids['No banking experience']}").get_by_role("button", name="Remove").click()
    expect(page.locator(f"#{ids['No banking experience']}")).to_have_count(0)
    expect_focus(page, ids["Notice period too long"])
    expect_said(page, "Objection removed")

    page.locator(f"#{ids['Notice period too long']}").get_by_role("button", name="Remove").click()
    expect_focus(page, ids["Rate too high"])

    page.locator(f"#{ids['Rate too high']}").get_by_role("button", name="Remove").click()
    expect_focus(page, "objections-h")


def test_adding_an_objection_focuses_the_new_row(plan, plan_page):
    page = plan_page
    page.get_by_text("Write an objection of your own").click()
    page.get_by_label("What will the client say?").last.fill("Too senior for the team")
    page.get_by_role("button", name="Add objection").click()
    expect(page.get_by_test_id("objection").filter(has_text="Too senior")).to_be_visible()
    added = plan.objections.get(text="Too senior for the team")
    expect_focus(page, f"objection-{added.pk}")
    expect_said(page, "Objection added")


def test_confirming_and_unlinking_evidence_focuses_the_need(plan, plan_page):
    page = plan_page
    need = plan.submittal.job_order.requirements.get(kind=K.CHALLENGE)
    row = page.locator(f"#need-{need.pk}")
    row.get_by_text("1 suggested engagement").click()
    row.get_by_label("How was Northwind's project like the customer's?").fill("Same bank rules")
    row.get_by_role("button", name="Confirm evidence").click()
    expect(row.get_by_role("button", name="Unlink Northwind")).to_be_visible()
    expect_focus(page, f"need-{need.pk}")
    expect_said(page, "Evidence confirmed: Northwind")

    row.get_by_role("button", name="Unlink Northwind").click()
    expect(row.get_by_role("button", name="Unlink Northwind")).to_have_count(0)
    expect_focus(page, f"need-{need.pk}")
    expect_said(page, "Evidence removed")


def test_saving_the_plan_and_marking_it_ready_focus_the_status(plan_page):
    page = plan_page
    page.get_by_label("What action will I ask the client to take next?").fill("Book the final")
    page.get_by_role("button", name="Save plan").click()
    expect_focus(page, "story-saved")
    expect(page.locator("#story-saved")).to_have_text("Saved.")
    expect_said(page, "Plan saved")

    page.get_by_role("button", name="Mark ready to dial").click()
    expect_focus(page, "plan-ready")
    expect(page.locator("#plan-ready")).to_have_text("Status: Ready to dial")
    expect(page.get_by_test_id("plan-status")).to_have_text("Ready to dial")
    expect_said(page, "Ready to dial")
    page.reload()  # the news was given once, in the live region: no stale banner on the next page
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_refused_save_focuses_the_message(plan, plan_page, page_guard):
    page = plan_page
    objection_add(plan=plan, category="other", text="Added by a manager meanwhile")
    page.get_by_role("button", name="Move “Rate too high” down").click()
    alert = page.locator("#objections [role=alert]")
    expect(alert).to_contain_text("Someone else saved this plan")
    expect(alert).to_be_focused()
    page_guard.refused.clear()


# --- Job order edit page: the requirement rows ------------------------------------------------


@pytest.fixture
def job_page(owner, live_server, log_in_as):
    job = JobOrderFactory(owner=owner)
    rows = [
        RequirementFactory(job_order=job, kind=K.CHALLENGE, description=text)
        for text in ("Releases take two days", "One release in five fails", "No rollback")
    ]
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    return page, job, [f"req-{r.pk}" for r in rows]


def test_requirement_rows_keep_the_focus_where_the_work_is(job_page):
    page, job, (first, second, third) = job_page
    page.get_by_label("Challenge 2", exact=True).fill("One release in four fails")
    page.get_by_role("button", name="Save Challenge 2").click()
    expect(page.locator(f"#{second}").get_by_role("status")).to_have_text("Saved")
    expect_focus(page, second)
    expect_said(page, "Challenge 2 saved")

    page.get_by_role("button", name="Move Challenge 1 down").click()
    expect(page.locator("#section-challenge li").nth(1)).to_have_id(first)
    expect_focus(page, first)
    expect_said(page, "Moved down")
    page.keyboard.press("Tab")
    assert row_of_focus(page) == first

    page.get_by_role("button", name="Move Challenge 2 up").click()
    expect(page.locator("#section-challenge li").first).to_have_id(first)
    expect_focus(page, first)
    expect_said(page, "Moved up")

    page.get_by_role("button", name="Remove Challenge 2").click()
    expect(page.locator(f"#{second}")).to_have_count(0)
    expect_focus(page, third)
    expect_said(page, "Challenge removed")

    page.get_by_label("New challenge").fill("Deploys need a war room")
    page.get_by_role("button", name="Add a challenge").click()
    expect(page.locator("#section-challenge li")).to_have_count(3)
    expect_focus(page, "new-challenge-description")
    expect_said(page, "Challenge added")
    assert job.requirements.filter(description="Deploys need a war room").exists()


def test_removing_the_last_requirement_focuses_the_section_heading(job_page):
    page, job, rows = job_page
    for _ in rows:
        page.get_by_role("button", name="Remove Challenge 1").click()
        expect(page.get_by_test_id("live-status")).to_have_text("Challenge removed")
        page.evaluate("document.getElementById('dr-status').textContent = ''")
    expect_focus(page, "heading-challenge")


# --- Candidate page: skill rows and engagement cards -------------------------------------------


@pytest.fixture
def profile(owner, live_server, log_in_as):
    candidate = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva")
    for name, years in (("Go", 6), ("Rust", 4), ("Python", 2)):
        CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name=name), years=years)
    for employer, start in (("Harbor Bank", 2024), ("Contoso", 2022)):
        EngagementFactory(
            candidate=candidate, employer=employer, start_date=datetime.date(start, 1, 1)
        )
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/candidates/{candidate.pk}/")
    return page, candidate


def test_skill_rows_focus_the_saved_row_and_the_next_one_after_a_removal(profile):
    page, candidate = profile
    skill = {row.skill.name: f"skill-{row.pk}" for row in CandidateSkill.objects.all()}
    page.get_by_label("Years with Python").fill("7")
    page.get_by_role("button", name="Save Python").click()
    expect(page.locator("#skills tbody tr").first).to_have_id(skill["Python"])  # most years
    expect_focus(page, skill["Python"])
    expect_said(page, "Python saved")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('tr').id") == skill["Python"]

    page.get_by_role("button", name="Remove Go").click()
    expect(page.locator(f"#{skill['Go']}")).to_have_count(0)
    expect_focus(page, skill["Rust"])
    expect_said(page, "Go removed")

    page.get_by_label("Skill to add").fill("Terraform")
    page.get_by_label("Years with the new skill").fill("3")
    page.get_by_role("button", name="Add skill").click()
    expect(page.get_by_role("rowheader", name="Terraform")).to_be_visible()
    expect_focus(page, "id_add_skill_skill")
    expect_said(page, "Skill added")


def test_engagement_cards_focus_the_card_after_cancel_save_add_and_delete(profile):
    page, candidate = profile
    card = {e.employer: f"engagement-{e.pk}" for e in Engagement.objects.all()}
    harbor = page.locator(f"#{card['Harbor Bank']}")
    harbor.get_by_role("link", name="Edit").click()
    expect(harbor.get_by_label("Employer (where)")).to_be_focused()
    harbor.get_by_role("link", name="Cancel").click()
    expect_focus(page, card["Harbor Bank"])

    harbor.get_by_role("link", name="Edit").click()
    # As a person does: the form is there when its first field has the focus, then type.
    expect(harbor.get_by_label("Employer (where)")).to_be_focused()
    harbor.get_by_label("Role").fill("Platform lead")
    harbor.get_by_role("button", name="Save engagement").click()
    expect(harbor).to_contain_text("Platform lead at Harbor Bank")
    expect_focus(page, card["Harbor Bank"])
    expect_said(page, "Engagement saved")

    harbor.get_by_role("link", name="Delete").click()
    harbor.get_by_role("button", name="Yes, delete this engagement").click()
    expect(page.locator(f"#{card['Harbor Bank']}")).to_have_count(0)
    expect_focus(page, card["Contoso"])
    expect_said(page, "Engagement deleted")

    page.get_by_text("Add an engagement").click()
    page.get_by_label("Employer (where)").fill("Fabrikam")
    page.get_by_label("Start date (when)").fill("2025-02-01")
    page.get_by_role("button", name="Add engagement").click()
    expect(page.get_by_role("heading", name="Work at Fabrikam")).to_be_visible()
    added = Engagement.objects.get(employer="Fabrikam")
    expect_focus(page, f"engagement-{added.pk}")
    expect_said(page, "Engagement added")
    assert candidate.engagements.count() == 2


# --- Job order detail page: status and pipeline stage ------------------------------------------


def test_the_status_and_a_stage_change_focus_what_changed(owner, live_server, log_in_as):
    job = JobOrderFactory(owner=owner)
    submittal = SubmittalFactory(
        job_order=job, candidate=CandidateFactory(owner=owner, first_name="Alex", last_name="Kim")
    )
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    page.get_by_role("button", name="Put on hold").click()
    expect(page.locator("#status-heading")).to_contain_text("On hold")
    expect_focus(page, "status-heading")
    expect_said(page, "Status: On hold")

    page.get_by_role("link", name="Change stage of Alex Kim").click()
    expect_focus(page, f"submittal-{submittal.pk}-status")
    page.get_by_label("Stage for Alex Kim").select_option("interview_scheduled")
    page.get_by_label("Interview date and time for Alex Kim").fill("2027-03-04T15:00")
    page.get_by_role("button", name="Move Alex Kim to this stage").click()
    expect(page.locator(f"#submittal-{submittal.pk}")).to_contain_text("Interview scheduled")
    expect_focus(page, f"submittal-{submittal.pk}")
    expect_said(page, "Alex Kim: Interview scheduled")


def test_an_answer_never_takes_the_focus_from_a_field_someone_is_typing_in(
    owner, live_server, log_in_as
):
    # The server's answer can arrive after the user clicked into another field: what they type
    # next must not land in the field the answer names.
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/")
    field = page.locator("#id_q")
    field.focus()
    done = 'document.dispatchEvent(new CustomEvent("dr:done", {detail: {focus: "#main"}}))'
    page.evaluate(done)
    expect(field).to_be_focused()
    page.get_by_role("button", name="Filter").focus()  # a button is not typing: focus follows
    page.evaluate(done)
    expect(page.locator("#main")).to_be_focused()


def test_adding_an_unanticipated_objection_row_focuses_its_first_field(plan_page, plan):
    plan_page.goto(plan_page.url.split("#")[0] + "feedback/")
    rows = plan_page.get_by_test_id("new-objection")
    before = rows.count()
    plan_page.get_by_role("button", name="Add another objection row").click()
    expect(rows).to_have_count(before + 1)
    expect_focus(plan_page, f"id_new-{before}-text")
    expect_said(plan_page, f"Row added for objection {before + 1} nobody anticipated")


def test_a_managers_review_saved_focuses_the_review_heading_and_says_so(
    plan, live_server, log_in_as
):
    manager = ManagerFactory(team=plan.author.team, first_name="Maria", last_name="Lopez")
    page = log_in_as(manager)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_label("Approved: ready to dial").check()
    page.get_by_role("button", name="Save review").click()
    expect_focus(page, "reviews-h")
    expect_said(page, "Review saved: Approved.")


def test_saving_a_reference_call_draft_says_so_and_keeps_the_focus_on_the_button(
    owner, live_server, log_in_as
):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Flaky releases")
    reference = ReferenceFactory(candidate=CandidateFactory(owner=owner))
    page = log_in_as(owner)
    page.goto(
        f"{live_server.url}{reverse('references:call_new')}"
        f"?reference={reference.pk}&joborder={job.pk}"
    )
    page.get_by_label("Summary you could read to the customer").fill("Would rehire.")
    save = page.get_by_role("button", name="Save draft")
    save.click()
    expect_said(page, "Draft saved")
    expect(save).to_be_focused()
