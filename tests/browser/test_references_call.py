"""Recording a reference call in a real browser: notes autosave as they are typed and are all
there after a reload; an invalid field never costs the others."""

import re
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from joborders.models import Requirement
from references.models import ReferenceCall
from tests.browser.audit import audit
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ReferenceFactory,
    ReferenceQuestionFactory,
    RequirementFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

CHALLENGE = "Stabilise a flaky release pipeline"
RESULT = "Releases in under an hour"
QUOTE = "Alex took our releases from two days to 25 minutes."


def a_call_to_make():
    sam = UserFactory(username="sam", first_name="Sam", team=TeamFactory(name="Northwind"))
    job = JobOrderFactory(owner=sam, title="Platform engineer")
    RequirementFactory(job_order=job, kind=Requirement.Kind.CHALLENGE, description=CHALLENGE)
    RequirementFactory(job_order=job, kind=Requirement.Kind.RESULT, description=RESULT)
    alex = CandidateFactory(owner=sam, first_name="Alex", last_name="Rivera")
    pat = ReferenceFactory(candidate=alex, name="Pat Kim")
    ReferenceQuestionFactory(team=sam.team, text="What would you not hand to Alex?")
    url = f"{reverse('references:call_new')}?reference={pat.pk}&joborder={job.pk}"
    return sam, url


def saving(name: str, value: str):
    """Matches the save whose posted form carries `value` in field `name`: typing autosaves
    after a pause, so waiting for that exact save is what proves it reached the server."""

    def matches(response) -> bool:
        request = response.request
        if request.method != "POST" or "/references/calls/" not in response.url:
            return False
        return parse_qs(request.post_data or "").get(name) == [value]

    return matches


def field(kind: str, part: str) -> str:
    return f"finding-{Requirement.objects.get(kind=kind).pk}-{part}"


def test_a_salesperson_records_findings_and_finds_them_after_a_reload(
    browser_page, live_server, log_in_as
):
    sam, path = a_call_to_make()
    page = log_in_as(sam)
    assert audit(page, f"{live_server.url}{path}") == []
    expect(page.get_by_text("What would you not hand to Alex?")).to_be_visible()
    challenge = page.get_by_role("group", name=re.compile(CHALLENGE))
    result = page.get_by_role("group", name=re.compile(RESULT))
    status = page.get_by_test_id("call-status")

    with page.expect_response(saving(field("challenge", "assessment"), "strong")):
        challenge.get_by_label("Strong").check()
    expect(status).to_contain_text("Draft saved")
    quote = challenge.get_by_label("What did the reference say? Their words")
    with page.expect_response(saving(field("challenge", "quote"), QUOTE)):
        quote.press_sequentially(QUOTE)
    with page.expect_response(saving(field("result", "assessment"), "concern")):
        result.get_by_label("Concern").check()
    summary = page.get_by_label("Summary you could read to the customer")
    with page.expect_response(saving("summary", "Would rehire tomorrow.")):
        summary.press_sequentially("Would rehire tomorrow.")
    expect(status).to_contain_text("Draft saved")

    page.reload()
    expect(page).to_have_url(re.compile(r"/references/calls/\d+/edit/$"))
    expect(challenge.get_by_label("Strong")).to_be_checked()
    expect(challenge.get_by_label("What did the reference say? Their words")).to_have_value(QUOTE)
    expect(result.get_by_label("Concern")).to_be_checked()
    expect(page.get_by_label("Summary you could read to the customer")).to_have_value(
        "Would rehire tomorrow."
    )
    assert ReferenceCall.objects.count() == 1
    assert audit(page, page.url) == []

    page.get_by_role("button", name="Finish call").click()
    expect(page).to_have_url(re.compile(r"/references/calls/\d+/$"))
    expect(page.get_by_text(QUOTE)).to_be_visible()
    expect(page.get_by_text("Reference call finished.")).to_be_visible()
    assert ReferenceCall.objects.get().status == "complete"
    assert audit(page, page.url) == []


def test_an_invalid_rating_is_flagged_next_to_it_and_the_quote_is_still_saved(
    browser_page, live_server, log_in_as
):
    sam, path = a_call_to_make()
    page = log_in_as(sam)
    page.goto(f"{live_server.url}{path}")
    rating = page.get_by_label("How strong is this reference, from 1 to 5?")

    with page.expect_response(saving("rating", "9")):
        rating.fill("9")
        rating.press("Tab")
    expect(page.locator("#errors-rating")).to_have_text("The rating must be between 1 and 5.")
    expect(rating).to_have_attribute("aria-invalid", "true")
    expect(rating).to_have_value("9")  # what was typed stays in place

    quote = page.get_by_role("group", name=re.compile(CHALLENGE)).get_by_label(
        "What did the reference say? Their words"
    )
    with page.expect_response(saving(field("challenge", "quote"), QUOTE)):
        quote.press_sequentially(QUOTE)
    expect(rating).to_have_value("9")

    page.reload()
    expect(quote).to_have_value(QUOTE)
    expect(rating).to_have_value("")
    call = ReferenceCall.objects.get()
    assert (call.rating, call.findings.get().quote) == (None, QUOTE)
