"""The mutual action plan in a real browser: start it from the template, share it, open the
link in a fresh browser without login, mark the client's step done and comment, see both on
the salesperson's side; revoke the link and see a 404. The plan page and the client's page pass
the audit (axe), fit a phone (390 px) and are valid HTML (vnu), and so does the team's template
page, read-only and as its manager edits it."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import ActionStep
from tests.browser.audit import WCAG_21_AA, audit
from tests.browser.test_pages_phone_and_html import PHONE, check, html_problems
from tests.browser.vnu import require_vnu
from tests.factories import ClientContactFactory, SubmittalFactory

pytestmark = pytest.mark.browser


def test_a_shared_plan_is_done_by_the_client_and_seen_by_the_salesperson(
    log_in_as, live_server, owner, browser, page_guard
):
    submittal = SubmittalFactory(
        submitted_by=owner, job_order__owner=owner, job_order__title="Platform engineer"
    )
    ClientContactFactory(client=submittal.job_order.client, name="Priya Shah")
    page = log_in_as(owner)
    url = f"{live_server.url}/submittals/{submittal.pk}/action-plan/"
    assert audit(page, url) == []
    page.get_by_role("button", name="Start from the team's template").click()
    expect(page.get_by_test_id("step")).to_have_count(6)
    expect(page.get_by_test_id("open-steps")).to_have_text("6")
    assert audit(page, url) == []

    # Edit a step in place (htmx): a due date years off is refused with the typed title kept.
    background = page.get_by_test_id("step").filter(has_text="Background check")
    background.get_by_role("link", name="Edit “Background check”").click()
    form = page.get_by_role("form", name="Edit “Background check”")
    form.locator("[name=title]").fill("Background and reference check")
    form.locator("[name=due_on]").fill("2099-01-01")
    page.get_by_role("button", name="Save “Background check”").click()
    expect(page.get_by_text("more than two years ahead")).to_be_visible()
    expect(form.locator("[name=title]")).to_have_value("Background and reference check")
    form.locator("[name=due_on]").fill(f"{timezone.localdate() + datetime.timedelta(days=20)}")
    form.locator("[name=status]").select_option(label="At risk")
    page.get_by_role("button", name="Save “Background check”").click()
    row = page.get_by_test_id("step").filter(has_text="Background and reference check")
    expect(row.get_by_test_id("step-status")).to_have_text("At risk")
    expect(row).to_be_focused()

    page.get_by_label("Client contact").select_option(label="Priya Shah, VP Engineering")
    page.get_by_role("button", name="Make a link (replaces theirs)").click()
    shared_url = page.get_by_test_id("shared-url").inner_text()
    assert f"/shared/action-plans/{submittal.pk}/map_" in shared_url
    shown = Axe().run(page, options=WCAG_21_AA)
    assert shown.violations_count == 0, shown.generate_report()

    stranger = browser.new_context()  # the client: no session, no cookie of ours
    client_page = stranger.new_page()
    answer = client_page.goto(shared_url)
    assert answer.status == 200
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-robots-tag"] == "noindex"
    expect(client_page.get_by_role("heading", level=1)).to_have_text(
        "Next steps: Platform engineer"
    )
    assert client_page.locator("a").count() == 0
    offer = client_page.get_by_test_id("shared-step").filter(has_text="Offer")
    offer.get_by_role("button", name="Mark done").click()
    expect(
        client_page.get_by_test_id("shared-step")
        .filter(has_text="Offer")
        .get_by_test_id("step-status")
    ).to_have_text("Done")
    client_page.get_by_label("Your comment").fill("Offer approved by finance.")
    client_page.get_by_role("button", name="Send the comment").click()
    expect(client_page.get_by_text("your comment was sent")).to_be_visible()
    assert ActionStep.objects.get(submittal=submittal, title="Offer").status == "done"

    page.goto(url)
    offer_row = page.get_by_test_id("step").filter(has_text="Offer")
    expect(offer_row.get_by_test_id("step-status")).to_have_text("Done")
    actions = page.get_by_test_id("client-actions")
    expect(actions).to_contain_text("Priya Shah marked “Offer” done")
    expect(actions).to_contain_text("Priya Shah commented: “Offer approved by finance.”")
    expect(page.get_by_test_id("open-steps")).to_have_text("5")

    page.get_by_role("button", name="Revoke the link for Priya Shah").click()
    expect(page.get_by_text("revoked: it opens nothing now")).to_be_visible()
    assert client_page.goto(shared_url).status == 404
    stranger.close()
    assert page_guard.problems == []


def test_the_plan_the_template_and_the_client_page_fit_a_phone_and_are_valid_html(
    log_in_as, live_server, owner, manager, browser, tmp_path
):
    from actionplans.services import (
        actionplan_start_from_template,
        sharedlink_create,
        templatesteps_customize,
    )

    require_vnu()
    submittal = SubmittalFactory(submitted_by=owner, job_order__owner=owner)
    contact = ClientContactFactory(client=submittal.job_order.client)
    actionplan_start_from_template(submittal=submittal)
    secret = sharedlink_create(submittal=submittal, contact=contact, created_by=owner).secret
    page = log_in_as(owner)
    page.set_viewport_size(PHONE)
    plan_url = f"{live_server.url}/submittals/{submittal.pk}/action-plan/"
    shared_url = f"{live_server.url}/shared/action-plans/{submittal.pk}/{secret}/"
    step = ActionStep.objects.filter(submittal=submittal).first()
    edit_url = f"{plan_url}steps/{step.pk}/"
    pages, problems = {}, []
    for url in (plan_url, edit_url):
        check(page, url, pages, problems)
        problems += audit(page, url)
    template_url = f"{live_server.url}/submittals/action-plan-template/"
    check(page, template_url, pages, problems)  # the starter, read-only
    problems += audit(page, template_url)
    templatesteps_customize(team=manager.team)
    page = log_in_as(manager)
    managed = f"{template_url}?as=manager"
    check(page, managed, pages, problems)  # the team's own steps, editable
    problems += audit(page, managed)
    stranger = browser.new_context(viewport=PHONE)
    client_page = stranger.new_page()
    check(client_page, shared_url, pages, problems)
    problems += audit(client_page, shared_url)
    stranger.close()
    problems += html_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)
