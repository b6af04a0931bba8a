"""Job order pages in real Chromium: the audit, the qualification form with its htmx rows, and
the detail page's status, pipeline and "Submit a candidate"."""

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from candidates.services import skill_create
from joborders.models import JobOrder, Requirement, Submittal
from joborders.services import joborder_change_status
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser
K = Requirement.Kind


@contextmanager
def expected_refusal(page_guard, status: int):
    """The server answers a bad input with `status` and a message on the page (htmx swaps 409
    and 422). Chromium logs every 4xx as a console error; accept exactly the ones expected here."""
    before = len(page_guard.refused)
    yield
    assert status in page_guard.refused[before:], f"no {status} answer was seen"


@pytest.fixture
def owner(db):
    return UserFactory(username="sam", first_name="Sam", team=TeamFactory(name="Northwind"))


def _marked(page):
    """Mark the page: the mark survives htmx swaps and vanishes on a full reload."""
    page.evaluate("window.__still_the_same_page = true")


def _not_reloaded(page):
    assert page.evaluate("window.__still_the_same_page === true"), "the page was reloaded"


def test_the_job_order_pages_pass_the_audit(browser_page, live_server, log_in_as, owner):
    job = JobOrderFactory(owner=owner, contact=ClientContactFactory(client__owner=owner))
    job.client = job.contact.client
    job.save()
    RequirementFactory(job_order=job, kind=K.CHALLENGE)
    RequirementFactory(job_order=job, kind=K.RESULT, description="Deploy in 30 minutes")
    RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name="AWS"), min_years=3)
    RequirementFactory(job_order=job, kind=K.EXPERIENCE, description="PCI DSS", must_have=False)
    candidate = CandidateFactory(owner=owner, first_name="Alex")
    SubmittalFactory(job_order=job, candidate=candidate)
    ReferenceCallFactory(called_by=owner, job_order=job, reference__candidate=candidate)
    page = log_in_as(owner)
    base = live_server.url
    problems = []
    for path in (
        "/joborders/",
        "/joborders/?status=&owner=",
        "/joborders/new/",
        f"/joborders/{job.pk}/",
        f"/joborders/{job.pk}/?candidate_q=alex",
        f"/joborders/{job.pk}/edit/",
    ):
        problems += audit(page, f"{base}{path}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", ["manager", "superuser"])
def test_the_job_order_pages_pass_the_audit_for_managers_and_admins(
    browser_page, live_server, log_in_as, owner, role
):
    job = JobOrderFactory(owner=owner)
    RequirementFactory(job_order=job, kind=K.DELIVERABLE)
    if role == "manager":
        user = UserFactory(team=owner.team, role="manager")
    else:
        user = UserFactory(team=None, is_superuser=True, is_staff=True)
    page = log_in_as(user)
    problems = []
    for path in ("/joborders/?owner=", f"/joborders/{job.pk}/", f"/joborders/{job.pk}/edit/"):
        problems += audit(page, f"{live_server.url}{path}")
    assert problems == [], "\n".join(problems)


def test_a_salesperson_qualifies_a_new_job_order_on_one_page(
    browser_page, live_server, log_in_as, owner
):
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/")
    page.get_by_role("link", name="New job order").click()
    page.get_by_label("…or a new client").fill("Contoso Bank")
    page.get_by_label("…or a new contact: name").fill("Dana Ruiz")
    page.get_by_label("New contact's phone").fill("+1 512 555 0147")
    page.get_by_label("Job title").fill("Senior DevOps Engineer")
    page.get_by_label("What is the goal of the project?").fill("Kubernetes before the Q3 peak.")
    page.get_by_label(
        "What project challenges does the customer need the candidate to solve?"
    ).fill("Releases take two days\nStaging cannot be trusted")
    page.get_by_label("What specific, quantifiable results is the customer seeking?").fill(
        "Release time under 30 minutes"
    )
    page.get_by_role("button", name="Save and add skills").click()

    job = JobOrder.objects.get()
    expect(page).to_have_url(f"{live_server.url}/joborders/{job.pk}/edit/#section-skill")
    expect(page.get_by_role("alert")).to_contain_text("Job order saved")
    expect(page.get_by_label("Challenge 2", exact=True)).to_have_value("Staging cannot be trusted")
    expect(page.get_by_label("Result 1", exact=True)).to_have_value("Release time under 30 minutes")
    assert (job.client.name, job.contact.name) == ("Contoso Bank", "Dana Ruiz")


def test_changing_the_client_reloads_its_contacts_and_offers_click_to_call(
    browser_page, live_server, log_in_as, owner
):
    contoso = ClientFactory(owner=owner, name="Contoso Bank")
    ClientContactFactory(client=contoso, name="Dana Ruiz", phone="+1 512 555 0147")
    ClientContactFactory(client=ClientFactory(owner=owner, name="Fabrikam"), name="Ann Lee")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/new/")
    contact = page.get_by_label("Contact", exact=True)
    expect(contact.locator("option")).to_have_count(3)  # everyone, before a client is picked
    _marked(page)
    page.get_by_label("Client", exact=True).select_option(label="Contoso Bank")
    expect(contact.locator("option")).to_have_count(2)
    expect(contact).to_contain_text("Dana Ruiz")
    page.get_by_label("Contact", exact=True).select_option(label="Dana Ruiz, VP Engineering")
    expect(page.get_by_role("link", name="+1 512 555 0147")).to_have_attribute(
        "href", "tel:+15125550147"
    )
    _not_reloaded(page)


def test_rows_are_added_corrected_moved_and_removed_in_place(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    _marked(page)
    section = page.locator("#section-challenge")

    new_challenge = page.get_by_label("New challenge")
    new_challenge.fill("Releases take two days")
    new_challenge.press("Enter")
    expect(page.get_by_label("Challenge 1", exact=True)).to_have_value("Releases take two days")
    expect(page.get_by_label("New challenge")).to_be_focused()
    page.get_by_label("New challenge").fill("Staging cannot be trusted")
    page.get_by_label("New challenge").press("Enter")
    expect(page.get_by_label("Challenge 2", exact=True)).to_have_value("Staging cannot be trusted")

    page.get_by_label("Challenge 1", exact=True).fill("Releases take two days; one in five fails")
    section.get_by_role("button", name="Save Challenge 1").click()
    expect(section.get_by_role("status")).to_have_text("Saved")

    section.get_by_role("button", name="Move Challenge 2 up").click()
    expect(page.get_by_label("Challenge 1", exact=True)).to_have_value("Staging cannot be trusted")
    section.get_by_role("button", name="Remove Challenge 2").click()
    expect(section.locator("li.req-row")).to_have_count(1)
    _not_reloaded(page)
    rows = list(job.requirements.values_list("description", "position"))
    assert rows == [("Staging cannot be trusted", 0)]


def test_a_skill_alias_is_suggested_and_resolved_and_a_repeat_is_explained(
    browser_page, page_guard, live_server, log_in_as, owner
):
    skill_create(name="Kubernetes", aliases="k8s, kube")
    job = JobOrderFactory(owner=owner)
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    _marked(page)
    skill = page.get_by_label("New skill")
    skill.press_sequentially("k8")
    expect(page.locator("#skill-options option[value='Kubernetes']")).to_have_count(1)
    skill.fill("k8s")
    page.locator("#section-skill").get_by_label("Minimum years").fill("3")
    page.get_by_role("button", name="Add a skill").click()
    expect(page.get_by_label("Skill 1", exact=True)).to_have_value("Kubernetes")

    page.get_by_label("New skill").fill("KUBE")
    with expected_refusal(page_guard, 422):
        page.get_by_role("button", name="Add a skill").click()
        expect(page.locator("#section-skill")).to_contain_text(
            "Kubernetes is already on this job order."
        )
    expect(page.get_by_label("New skill")).to_have_value("KUBE")
    _not_reloaded(page)
    assert job.requirements.get().min_years == 3


def test_an_experience_requirement_can_be_a_nice_to_have(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    experience = page.locator("#section-experience")
    experience.get_by_label("New experience").fill("Delivered in a PCI DSS regulated environment")
    experience.get_by_label("Must-have").uncheck()
    experience.get_by_role("button", name="Add experience").click()
    expect(experience.get_by_label("Experience 1", exact=True)).to_have_value(
        "Delivered in a PCI DSS regulated environment"
    )
    expect(experience.get_by_label("Must-have").first).not_to_be_checked()


def test_a_stale_save_keeps_the_input_and_says_why(
    browser_page, page_guard, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner, title="Original title")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    joborder_change_status(job_order=job, status=JobOrder.Status.ON_HOLD)  # someone else
    page.get_by_label("Job title").fill("My careful rewrite")
    with expected_refusal(page_guard, 409):
        page.get_by_role("button", name="Save details").click()
        expect(page.get_by_role("alert")).to_contain_text("Someone else changed this job order")
    expect(page.get_by_label("Job title")).to_have_value("My careful rewrite")
    job.refresh_from_db()
    assert job.title == "Original title"


def test_the_status_and_a_submittals_stage_change_in_place(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    SubmittalFactory(
        job_order=job, candidate=CandidateFactory(owner=owner, first_name="Alex", last_name="Kim")
    )
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    _marked(page)
    page.get_by_role("button", name="Put on hold").click()
    expect(page.locator("#status-heading")).to_contain_text("On hold")
    expect(page.get_by_role("button", name="Reopen")).to_be_visible()

    # The row's form comes when asked for, and Cancel puts the read-only row back.
    expect(page.get_by_label("Stage for Alex Kim")).to_have_count(0)
    page.get_by_role("link", name="Change stage of Alex Kim").click()
    page.get_by_role("link", name="Cancel the stage change of Alex Kim").click()
    expect(page.get_by_label("Stage for Alex Kim")).to_have_count(0)
    page.get_by_role("link", name="Change stage of Alex Kim").click()
    page.get_by_label("Stage for Alex Kim").select_option("interview_scheduled")
    page.get_by_label("Interview date and time for Alex Kim").fill("2027-03-04T15:00")
    page.get_by_role("button", name="Move Alex Kim to this stage").click()
    row = page.locator("#pipeline tbody tr").first
    expect(row).to_contain_text("Interview scheduled")
    expect(row).to_contain_text("Thu 4 Mar 2027, 15:00")
    expect(row.get_by_role("status")).to_have_text("Saved")
    _not_reloaded(page)
    submittal = Submittal.objects.get()
    assert submittal.status == Submittal.Status.INTERVIEW_SCHEDULED
    assert submittal.events.count() == 1  # the factory made none; the move made one


def test_a_candidate_is_found_and_submitted_from_the_detail_page(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    CandidateFactory(owner=owner, first_name="Alex", last_name="Kim", headline="DevOps lead")
    CandidateFactory(owner=owner, first_name="Blair", last_name="Stone", headline="Designer")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    page.get_by_label("Find a candidate").press_sequentially("devops")
    results = page.locator("#candidate-results")
    expect(results).to_contain_text("Alex Kim")
    expect(results).not_to_contain_text("Blair Stone")
    results.get_by_role("button", name="Submit Alex Kim").click()
    expect(page.get_by_role("alert")).to_contain_text("Alex Kim is submitted")
    expect(page.locator("#pipeline")).to_contain_text("Alex Kim")
    expect(page).to_have_url(re.compile(r"#pipeline$"))


def test_a_teammate_reads_the_job_order_without_change_buttons(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner, title="Payments platform")
    teammate = UserFactory(team=owner.team)
    page = log_in_as(teammate)
    page.goto(f"{live_server.url}/joborders/?owner=")
    page.get_by_role("link", name="Payments platform").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Payments platform")
    expect(page.get_by_role("link", name="Edit the qualification")).to_have_count(0)
    expect(page.get_by_role("button", name="Put on hold")).to_have_count(0)
    assert job.status == JobOrder.Status.OPEN
