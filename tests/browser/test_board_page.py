"""The money board in a browser: a phone (390 px) sees cards and never scrolls sideways, the
filters refresh the results in place (htmx) and keep the address, and the page passes axe."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from callplans.models import CallPlan
from joborders.models import Submittal
from tests.browser.audit import audit
from tests.factories import CallPlanFactory, JobOrderFactory, ObjectionFactory, SubmittalFactory

pytestmark = pytest.mark.browser
S = Submittal.Status
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def board_data(owner):
    now = timezone.now()
    long_title = "Principal Site Reliability Engineer — payments-platform-modernisation-programme"
    job = JobOrderFactory(
        owner=owner, title=long_title, bill_rate=Decimal("125"), expected_hours=2080, openings=3
    )
    offer = SubmittalFactory(
        job_order=job, status=S.OFFER, interview_at=now - datetime.timedelta(days=3)
    )
    plan = CallPlanFactory(submittal=offer, status=CallPlan.Status.READY)
    ObjectionFactory(plan=plan, text="Only two years of Kubernetes; we asked for five " * 3)
    ObjectionFactory(plan=plan, text="The rate is above our band", rebuttal="")
    SubmittalFactory(job_order=job, submitted_at=now - datetime.timedelta(days=10))
    other = JobOrderFactory(owner=owner, title="Data engineer", employment_type="permanent")
    SubmittalFactory(job_order=other, status=S.INTERVIEW_SCHEDULED, interview_at=now)
    return job


def test_the_board_fits_a_phone_and_filters_in_place(
    browser_page, live_server, log_in_as, owner, board_data
):
    page = log_in_as(owner)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/board/")
    expect(page.get_by_test_id("board-job")).to_have_count(2)
    expect(page.get_by_test_id("coverage")).to_contain_text("0 of 2 open job orders")
    expect(page.get_by_test_id("stall-quiet")).to_have_count(1)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    assert audit(page, page.url) == []

    page.get_by_label("Stage").select_option("offer")
    expect(page.get_by_test_id("board-job")).to_have_count(1)
    expect(page.get_by_test_id("stage")).to_have_text(["Offer pending"])
    expect(page).to_have_url(f"{live_server.url}/board/?scope=mine&client=&stage=offer&sort=money")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
