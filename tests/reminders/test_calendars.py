"""The .ics of an interview and the personal calendar feed, parsed back with icalendar."""

import datetime
import io
import logging
import runpy
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from gunicorn.config import Config
from icalendar import Calendar

from callplans.services import callplan_create
from reminders.interviews import interviews_of
from reminders.logredact import redact
from reminders.models import CalendarFeed
from reminders.selectors import secret_hash
from reminders.services import calendarfeed_create, calendarfeed_revoke
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    FeedbackCallFactory,
    JobOrderFactory,
    SubmittalFactory,
)

NEW_YORK = ZoneInfo("America/New_York")
UTC = datetime.UTC


def events_of(body: bytes) -> dict[str, dict]:
    calendar = Calendar.from_ical(body)
    return {
        str(event["summary"]).split(":")[0] + " " + str(event["uid"]): {
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "summary": str(event["summary"]),
            "uid": str(event["uid"]),
        }
        for event in calendar.walk("VEVENT")
    }


def by_kind(body: bytes) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {"Interview": [], "Feedback call": []}
    for event in events_of(body).values():
        found[event["summary"].split(":")[0]].append(event)
    return found


@pytest.fixture
def job(owner):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    job.contact = ClientContactFactory(client=job.client, name="Dana Ruiz", phone="+1 512 555 0147")
    job.save()
    return job


def interview(owner, job, when, **kwargs):
    return SubmittalFactory(
        job_order=job,
        candidate=CandidateFactory(first_name="Ada", last_name="Lovegood"),
        submitted_by=owner,
        submitted_at=when - datetime.timedelta(days=5),
        interview_at=when,
        status="interview_scheduled",
        **kwargs,
    )


def test_the_interview_and_its_feedback_call_keep_their_utc_instants_across_the_dst_change(
    client, owner, job
):
    # New York springs forward at 02:00 on Sunday 8 March 2026. An interview at 00:30 EST ends
    # at 01:30 EST; its feedback call, an hour later, is 03:30 EDT (07:30 UTC), not "02:30".
    submittal = interview(owner, job, datetime.datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK))
    client.force_login(owner)
    response = client.get(reverse("calendars:submittal_ics", args=[submittal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="interview-ada-lovegood.ics"'
    assert "no-store" in response["Cache-Control"]
    found = by_kind(response.content)
    [meeting], [call] = found["Interview"], found["Feedback call"]
    assert meeting["start"] == datetime.datetime(2026, 3, 8, 5, 30, tzinfo=UTC)
    assert meeting["end"] == datetime.datetime(2026, 3, 8, 6, 30, tzinfo=UTC)  # 60 min
    assert call["start"] == datetime.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert call["start"].astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"
    assert meeting["summary"] == f"Interview: Ada Lovegood for Platform engineer ({job.client})"
    assert b"Dana Ruiz" in response.content and b"+1 512 555 0147" in response.content


def test_the_same_new_york_morning_is_a_different_utc_hour_either_side_of_the_change(owner, job):
    before = interview(owner, job, datetime.datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK))
    after = SubmittalFactory(
        job_order=job,
        submitted_by=owner,
        interview_at=datetime.datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK),
        status="interview_scheduled",
    )
    # In memory the times are still New York's: the arithmetic must happen in UTC anyway.
    [first], [second] = interviews_of(before), interviews_of(after)
    assert first.start == datetime.datetime(2026, 3, 6, 15, 0, tzinfo=UTC)  # EST, UTC-5
    assert second.start == datetime.datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # EDT, UTC-4
    assert second.feedback_call_start == datetime.datetime(2026, 3, 9, 16, 0, tzinfo=UTC)


def test_the_feed_holds_my_interviews_and_the_feedback_calls_still_due(
    client, owner, teammate, job
):
    now = datetime.datetime.now(UTC).replace(microsecond=0)
    due = interview(owner, job, now - datetime.timedelta(hours=3))
    called = SubmittalFactory(
        job_order=job,
        submitted_by=owner,
        interview_at=now - datetime.timedelta(days=1),
        status="interviewed",
    )
    FeedbackCallFactory(
        plan=callplan_create(submittal=called, author=owner),
        called_by=owner,
        called_at=now - datetime.timedelta(hours=20),
    )
    upcoming = SubmittalFactory(
        job_order=job,
        submitted_by=owner,
        interview_at=now + datetime.timedelta(days=2),
        status="interview_scheduled",
    )
    SubmittalFactory(  # a teammate's: not in my calendar
        job_order=job, submitted_by=teammate, interview_at=now, status="interview_scheduled"
    )
    SubmittalFactory(  # rejected before the interview: not in the calendar
        job_order=job, submitted_by=owner, interview_at=now, status="rejected"
    )
    secret = calendarfeed_create(user=owner).secret
    client.logout()
    response = client.get(reverse("calendars:feed", args=[secret]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    uids = {event["uid"] for event in events_of(response.content).values()}
    assert uids == {
        f"interview-submittal-{due.pk}@dialready",
        f"feedback-submittal-{due.pk}@dialready",  # no call logged yet
        f"interview-submittal-{called.pk}@dialready",  # called: no feedback event
        f"interview-submittal-{upcoming.pk}@dialready",
        f"feedback-submittal-{upcoming.pk}@dialready",
    }
    assert CalendarFeed.objects.get(user=owner).last_used_at is not None


def test_a_feed_secret_is_shown_once_and_stored_only_as_its_hash(client, owner):
    client.force_login(owner)
    response = client.post(reverse("calendars:page"))
    assert response.status_code == 201
    url = response.context["url"]
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert secret.startswith("cal_") and len(secret) > 40
    assert url in response.text
    feed = CalendarFeed.objects.get(user=owner)
    assert feed.key_hash == secret_hash(secret) and secret not in feed.prefix + feed.key_hash
    again = client.get(reverse("calendars:page"))
    assert secret not in again.text and feed.prefix in again.text


def test_regenerating_and_revoking_from_the_page_close_the_old_address_at_once(client, owner):
    client.force_login(owner)
    first = client.post(reverse("calendars:page")).context["url"]
    second = client.post(reverse("calendars:page")).context["url"]
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.force_login(owner)
    response = client.post(reverse("calendars:revoke"), follow=True)
    assert "Calendar feed revoked" in response.text
    assert "You have no calendar feed" in response.text
    client.logout()
    assert client.get(second).status_code == 404


def test_a_wrong_feed_secret_is_a_404_whose_log_line_hides_the_secret(client, owner):
    secret = calendarfeed_create(user=owner).secret
    calendarfeed_revoke(user=owner)
    # The console handler every Django logger writes through (config/settings.py LOGGING).
    [console] = [h for h in logging.getLogger("django").handlers if h.name == "console"]
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        response = client.get(reverse("calendars:feed", args=[secret]))
    finally:
        console.setStream(previous)
    assert response.status_code == 404
    assert b"cal_" not in response.content
    assert "Not Found: /calendar/feed/…" in written.getvalue()
    assert secret not in written.getvalue()


def test_gunicorns_access_log_line_carries_no_feed_secret():
    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    access = conf["logger_class"](Config())
    path = "/calendar/feed/cal_AbC-123_xyz.ics"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[])
    atoms = access.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(0))
    line = access.cfg.access_log_format % atoms
    assert '"GET /calendar/feed/… HTTP/1.1" 200' in line and "cal_" not in line
    assert redact(f"Not Found: {path}") == "Not Found: /calendar/feed/…"


def test_a_submittal_without_an_interview_sends_me_back_to_it(client, owner, job):
    submittal = SubmittalFactory(job_order=job, submitted_by=owner)
    client.force_login(owner)
    response = client.get(reverse("calendars:submittal_ics", args=[submittal.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("submittals:detail", args=[submittal.pk])
    assert "no interview scheduled yet" in response.text


def test_the_submittal_page_and_the_plan_page_link_the_interview_ics(client, owner, job):
    submittal = interview(owner, job, datetime.datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK))
    plan = callplan_create(submittal=submittal, author=owner)
    ics = reverse("calendars:submittal_ics", args=[submittal.pk])
    client.force_login(owner)
    assert ics in client.get(reverse("submittals:detail", args=[submittal.pk])).text
    assert ics in client.get(reverse("callplans:detail", args=[plan.pk])).text


def test_another_teams_interview_ics_is_a_404(client, outsider, owner, job):
    submittal = interview(owner, job, datetime.datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK))
    client.force_login(outsider)
    assert client.get(reverse("calendars:submittal_ics", args=[submittal.pk])).status_code == 404
