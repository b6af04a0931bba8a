"""Notifications and the calendar feed in a real browser: mark one read (the row says so, the
focus stays on it, the live region announces it, the navigation's count drops), mark all read;
make the feed (its address shown once), open it without login, revoke it and see a 404. Each
page passes the audit with items, with the secret shown and empty."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from reminders.models import CalendarFeed, Notification
from tests.browser.audit import WCAG_21_AA, audit

pytestmark = pytest.mark.browser


def notify(user, n: int) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user,
            kind=Notification.Kind.FEEDBACK_DUE,
            key=f"browser:{i}",
            title=f"Feedback call due: candidate {i}",
            detail="Call the client for the feedback and log it.",
            link="/",
            due_at=timezone.now(),
        )
        for i in range(n)
    ]


def test_notifications_are_marked_read_one_then_all(log_in_as, live_server, owner):
    first, *_ = notify(owner, 3)
    page = log_in_as(owner)
    url = f"{live_server.url}/notifications/"
    assert audit(page, url) == []
    count = page.get_by_test_id("nav-unread-count")
    expect(count).to_have_text("3")
    row = page.locator(f"#notification-{first.pk}")
    row.get_by_role("button", name="Mark as read").click()
    expect(row.get_by_test_id("read-state")).to_have_text("Read")
    expect(row).to_be_focused()
    expect(page.get_by_test_id("live-status")).to_have_text("Marked as read")
    expect(count).to_have_text("2")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("#notifications-heading")).to_be_focused()
    expect(page.get_by_test_id("live-status")).to_have_text("2 marked as read")
    expect(page.get_by_test_id("nav-unread-count")).to_have_count(0)
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert audit(page, url) == []


def test_the_calendar_feed_is_made_opened_without_login_and_revoked(
    log_in_as, live_server, owner, browser
):
    page = log_in_as(owner)
    url = f"{live_server.url}/calendar/"
    assert audit(page, url) == []
    page.get_by_role("button", name="Make my feed address").click()
    address = page.get_by_test_id("feed-url")
    expect(address).to_contain_text("/calendar/feed/cal_")
    feed_url = address.inner_text()
    shown = Axe().run(page, options=WCAG_21_AA)
    assert shown.violations_count == 0, shown.generate_report()
    assert CalendarFeed.objects.filter(user=owner, revoked_at__isnull=True).count() == 1

    stranger = browser.new_context()  # a calendar app: no session
    answer = stranger.request.get(feed_url)
    assert answer.status == 200 and answer.text().startswith("BEGIN:VCALENDAR")

    page.goto(url)
    expect(page.get_by_test_id("feed-url")).to_have_count(0)  # shown once
    page.get_by_role("button", name="Revoke the feed").click()
    expect(page.get_by_text("Calendar feed revoked")).to_be_visible()
    assert stranger.request.get(feed_url).status == 404
    stranger.close()
    assert audit(page, url) == []
