"""The API's interactive docs in a real browser: Swagger UI from the app's own static files runs
under the strict CSP (a violation is a console error, which fails the page guard), and "Try it
out" calls the API with the signed-in session."""

import pytest
from playwright.sync_api import expect

from tests.factories import JobOrderFactory

pytestmark = pytest.mark.browser


def test_the_docs_render_and_try_it_out_lists_the_teams_job_orders(log_in_as, live_server, owner):
    JobOrderFactory(owner=owner, title="Release engineer for Northwind")
    page = log_in_as(owner)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_role("heading", name="DialReady API")).to_be_visible()
    operation = page.locator("#operations-Job_orders-api_routes_joborders_list_joborders")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    body = operation.locator(".responses-wrapper .live-responses-table .microlight").first
    expect(body).to_contain_text("Release engineer for Northwind")
