"""With JavaScript off, the qualification form and the detail page still work: every htmx
interaction is a real form that posts and comes back (post/redirect/get)."""

import pytest
from playwright.sync_api import expect

from joborders.models import JobOrder, Requirement, Submittal
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    ClientFactory,
    JobOrderFactory,
    RequirementFactory,
    SubmittalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


@pytest.fixture
def owner(db):
    return UserFactory(username="sam", first_name="Sam", team=TeamFactory(name="Northwind"))


def test_without_javascript_a_job_order_is_created_with_a_picked_contact(
    browser_page, live_server, log_in_as, owner
):
    contoso = ClientFactory(owner=owner, name="Contoso Bank")
    ClientContactFactory(client=contoso, name="Dana Ruiz")
    ClientContactFactory(client=ClientFactory(owner=owner, name="Fabrikam"), name="Ann Lee")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/new/")
    page.get_by_label("Client", exact=True).select_option(label="Contoso Bank")
    page.get_by_label("Contact", exact=True).select_option(label="Dana Ruiz, VP Engineering")
    page.get_by_label("Job title").fill("Data engineer")
    page.get_by_label(
        "What deliverables or work artifacts does the customer need the candidate to produce?"
    ).fill("Airflow DAGs")
    page.get_by_role("button", name="Save and add skills").click()
    job = JobOrder.objects.get()
    expect(page).to_have_url(f"{live_server.url}/joborders/{job.pk}/edit/#section-skill")
    assert (job.client.name, job.contact.name) == ("Contoso Bank", "Dana Ruiz")
    expect(page.get_by_label("Deliverable 1", exact=True)).to_have_value("Airflow DAGs")


def test_without_javascript_a_contact_of_another_client_is_refused_by_a_message(
    browser_page, live_server, log_in_as, owner
):
    contoso = ClientFactory(owner=owner, name="Contoso Bank")
    ClientContactFactory(client=contoso, name="Dana Ruiz", title="CTO")
    fabrikam = ClientFactory(owner=owner, name="Fabrikam")
    ClientContactFactory(client=fabrikam, name="Ann Lee", title="")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/new/")
    page.get_by_label("Client", exact=True).select_option(label="Contoso Bank")
    page.get_by_label("Contact", exact=True).select_option(label="Ann Lee")  # Fabrikam's
    page.get_by_label("Job title").fill("Data engineer")
    page.get_by_role("button", name="Save and add skills").click()
    expect(page.get_by_text("Ann Lee works for Fabrikam, not Contoso Bank")).to_be_visible()
    expect(page.get_by_label("Job title")).to_have_value("Data engineer")
    contact = page.get_by_label("Contact", exact=True)
    expect(contact.locator("option")).to_have_text(["— Pick the contact —", "Dana Ruiz, CTO"])
    contact.select_option(label="Dana Ruiz, CTO")
    page.get_by_role("button", name="Save and add skills").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qualify: Data engineer")
    assert JobOrder.objects.get().contact.name == "Dana Ruiz"


def test_without_javascript_rows_are_added_moved_and_removed(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    RequirementFactory(job_order=job, kind=Requirement.Kind.RESULT, description="First result")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/edit/")
    page.get_by_label("New result").fill("Second result")
    page.get_by_role("button", name="Add a result").click()
    expect(page).to_have_url(f"{live_server.url}/joborders/{job.pk}/edit/#section-result")
    expect(page.get_by_label("Result 2", exact=True)).to_have_value("Second result")

    page.get_by_role("button", name="Move Result 2 up").click()
    expect(page.get_by_label("Result 1", exact=True)).to_have_value("Second result")
    page.get_by_role("button", name="Remove Result 2").click()
    expect(page.locator("#section-result li.req-row")).to_have_count(1)

    page.get_by_label("New skill").fill("Snowflake")
    page.get_by_role("button", name="Add a skill").click()
    expect(page.get_by_label("Skill 1", exact=True)).to_have_value("Snowflake")
    kinds = list(job.requirements.values_list("kind", "description", "position"))
    assert kinds == [("result", "Second result", 0), ("skill", "", 1)]


def test_without_javascript_the_stage_and_status_change(
    browser_page, live_server, log_in_as, owner
):
    job = JobOrderFactory(owner=owner)
    SubmittalFactory(
        job_order=job, candidate=CandidateFactory(owner=owner, first_name="Alex", last_name="Kim")
    )
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/joborders/{job.pk}/")
    page.get_by_role("link", name="Change stage of Alex Kim").click()
    page.get_by_label("Stage for Alex Kim").select_option("offer")
    page.get_by_role("button", name="Move Alex Kim to this stage").click()
    expect(page.get_by_role("alert")).to_contain_text("Alex Kim: stage is now Offer.")
    page.get_by_role("button", name="Mark filled").click()
    expect(page.get_by_role("alert")).to_contain_text("The job order is now Filled.")
    assert Submittal.objects.get().status == Submittal.Status.OFFER
    job.refresh_from_db()
    assert job.status == JobOrder.Status.FILLED
