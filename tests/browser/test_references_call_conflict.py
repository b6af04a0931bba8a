"""Two people typing in the same field of one reference call, each in their own browser: the
second is told, sees both versions beside the field, keeps theirs-replaced-by-mine, and the
first one's words are still there to recover (on the first one's page, and in the history)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from references.models import ReferenceCall
from tests.browser.audit import WCAG_21_AA
from tests.browser.conftest import session_cookie_for
from tests.browser.test_references_call import saving
from tests.factories import (
    CandidateFactory,
    ManagerFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

SUMMARY = "Summary you could read to the customer"
MIAS = "Pat calls Alex the calmest engineer in an outage."
SAMS = "Pat would rehire Alex tomorrow for platform work."
MERGED = f"{SAMS} {MIAS}"


@pytest.fixture
def one_call():
    team = TeamFactory(name="Northwind")
    sam = UserFactory(username="sam", first_name="Sam", last_name="Reed", team=team)
    mia = ManagerFactory(username="mia", first_name="Mia", last_name="Chen", team=team)
    alex = CandidateFactory(owner=sam, first_name="Alex", last_name="Rivera")
    call = ReferenceCallFactory(
        called_by=sam, reference=ReferenceFactory(candidate=alex, name="Pat Kim"), summary=""
    )
    return sam, mia, reverse("references:call_edit", args=[call.pk]), call


def test_the_second_writer_of_a_field_sees_both_versions_and_keeps_theirs_merged_into_mine(
    browser_page, live_server, log_in_as, browser, page_guard, one_call
):
    sam, mia, path, call = one_call
    mias_page = log_in_as(mia)
    mias_page.goto(f"{live_server.url}{path}")
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    phone.add_cookies([session_cookie_for(sam, live_server.url)])
    sams_page = phone.new_page()
    for event, handler in (
        ("console", page_guard.on_console),
        ("pageerror", page_guard.on_page_error),
        ("response", page_guard.on_response),
    ):
        sams_page.on(event, handler)
    sams_page.goto(f"{live_server.url}{path}")

    with mias_page.expect_response(saving("summary", MIAS)):
        mias_page.get_by_label(SUMMARY).press_sequentially(MIAS)
    expect(mias_page.get_by_test_id("call-status")).to_contain_text("Draft saved")

    sams_summary = sams_page.get_by_label(SUMMARY)
    with sams_page.expect_response(saving("summary", SAMS)) as answer:
        sams_summary.press_sequentially(SAMS)
    assert answer.value.status == 409
    alert = sams_page.get_by_role("alert")
    expect(alert).to_contain_text("Someone else changed what you were editing")
    expect(alert).to_contain_text("changed by Mia Chen")
    conflict = sams_page.get_by_test_id("conflict-summary")
    expect(conflict).to_contain_text("Mia Chen changed this")
    expect(sams_page.get_by_test_id("theirs-summary")).to_have_text(MIAS)
    expect(sams_page.get_by_test_id("mine-summary")).to_have_text(SAMS)
    expect(sams_summary).to_have_value(SAMS)  # nothing typed was replaced
    keep = conflict.get_by_role("button", name="Keep mine")
    expect(keep).to_be_visible()
    expect(conflict.get_by_role("button", name="Use theirs")).to_be_visible()
    assert sams_page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(sams_page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    sams_summary.focus()
    sams_page.keyboard.press("Tab")  # the choices come right after the field
    expect(keep).to_be_focused()
    assert ReferenceCall.objects.get().summary == MIAS

    # Sam merges both in the box, then keeps it
    sams_summary.fill(MERGED)
    with sams_page.expect_response(saving("resolve", "mine:summary")) as kept:
        keep.click()
    assert kept.value.status == 200
    expect(sams_page.get_by_test_id("conflict-summary")).to_have_count(0)
    expect(sams_page.get_by_role("alert")).to_have_count(0)
    expect(sams_summary).to_be_focused()
    call.refresh_from_db()
    assert call.summary == MERGED
    assert MIAS in call.history.values_list("summary", flat=True)

    # Mia's next keystroke in the field tells her too: Sam's version beside hers
    with mias_page.expect_response(saving("summary", f"{MIAS}!")) as told:
        mias_page.get_by_label(SUMMARY).press_sequentially("!")
    assert told.value.status == 409
    expect(mias_page.get_by_test_id("theirs-summary")).to_have_text(MERGED)
    expect(mias_page.get_by_test_id("conflict-summary")).to_contain_text("Sam Reed changed this")
    with mias_page.expect_response(saving("resolve", "theirs:summary")):
        mias_page.get_by_role("button", name="Use theirs").click()
    expect(mias_page.get_by_label(SUMMARY)).to_have_value(MERGED)
    expect(mias_page.get_by_test_id("conflict-summary")).to_have_count(0)
    call.refresh_from_db()
    assert call.summary == MERGED
    phone.close()
