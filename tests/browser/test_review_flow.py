"""The manager's review in a real browser: open the team's plans, approve one with a comment,
then print two plans as one PDF while the page shows the export's progress.

The live server shares the test's in-memory SQLite database, which a separate worker process
cannot open: the export task runs with the immediate backend here. The real database worker is
tested in tests/callplans/test_review_services.py."""

import io
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from pypdf import PdfReader

from reviews.services import bulkexport_create
from reviews.tasks import export_plans_pdf
from tests.browser.audit import audit
from tests.factories import ManagerFactory, TeamFactory, UserFactory
from tests.reviews.support import bare_plan, in_days, ready_plan

pytestmark = pytest.mark.browser


@pytest.fixture
def review_team(db):
    cache.clear()  # PDFs are cached per plan id and version; ids repeat across tests
    team = TeamFactory(name="Review browser team")
    manager = ManagerFactory(username="maria", team=team, first_name="Maria", last_name="Lopez")
    sam = UserFactory(username="sam", team=team, first_name="Sam", last_name="Reed")
    plans = [
        bare_plan(sam, interview_at=in_days(1), first_name="Alex"),
        ready_plan(sam, interview_at=in_days(2), first_name="Jordan"),
        bare_plan(sam, interview_at=in_days(3), first_name="Riley"),
    ]
    return manager, plans


def test_a_manager_approves_a_plan_and_exports_two_as_one_pdf(
    browser_page, live_server, log_in_as, review_team, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    manager, plans = review_team
    page = log_in_as(manager)
    list_url = f"{live_server.url}/team/plans/"
    assert audit(page, list_url) == []
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the team's call plans")
    expect(page.get_by_test_id("review-row")).to_have_count(3)

    page.get_by_role("link", name="Jordan Tester").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jordan Tester")
    assert audit(page, page.url.split("#")[0]) == []  # the plan page with the review form
    page.get_by_label("Approved: ready to dial").check()
    page.get_by_label("Comment for Sam Reed").fill("Strong rebuttals. Lead with the EKS story.")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Approved")
    review = page.get_by_test_id("review")
    expect(review).to_contain_text("Approved")
    expect(review).to_contain_text("by Maria Lopez")
    expect(review).to_contain_text("Strong rebuttals. Lead with the EKS story.")

    page.goto(list_url)
    jordan = page.get_by_test_id("review-row").filter(has_text="Jordan Tester")
    expect(jordan).to_contain_text("Approved")
    expect(jordan.get_by_test_id("readiness")).to_have_text("100%")
    page.get_by_label("Select Alex Tester for").check()
    page.get_by_label("Select Riley Tester for").check()
    expect(page.locator("#export-count")).to_have_text("2 selected (up to 50).")
    page.get_by_role("button", name="Export selected as one PDF").click()

    status = page.get_by_test_id("export-status")
    expect(status).to_contain_text("PDF of 2 plans")
    with page.expect_download() as download:
        status.get_by_role("link", name="Download the PDF").click()
    document = download.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages)
    assert "Alex Tester" in text and "Riley Tester" in text and "Jordan Tester" not in text


def test_a_queued_export_shows_a_progress_bar_that_polls_every_second(
    browser_page, live_server, log_in_as, review_team, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    manager, plans = review_team
    export = bulkexport_create(
        enqueue=export_plans_pdf.enqueue, requested_by=manager, plans=plans[:2], paper="letter"
    )
    page = log_in_as(manager)
    url = f"{live_server.url}/team/plans/?export={export.pk}"
    assert audit(page, url) == []
    expect(page.get_by_label("Waiting for the worker: 0 of 2 plans rendered")).to_be_visible()
    with page.expect_request(re.compile(rf"/team/plans/exports/{export.pk}/$")):
        pass  # htmx asks for the progress again within a second
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
