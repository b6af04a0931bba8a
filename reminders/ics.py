"""iCalendar text for interviews and their feedback calls, written with `icalendar`.

Pure: no ORM. Every time is written as a UTC instant (`DTSTART:20260309T140000Z`), which every
calendar shows in its own zone, so daylight-saving changes between the firm's zone, the
client's and the reader's cannot shift an event; no VTIMEZONE is needed.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from reminders.interviews import Interview

PRODID = "-//DialReady//Interviews and feedback calls//EN"
UID_DOMAIN = "dialready"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    description: str = ""
    url: str = ""
    location: str = ""


def interview_events(
    interview: Interview, *, url: str = "", feedback_call: bool = True
) -> list[CalendarEvent]:
    """The interview, and (unless it is logged already) the feedback call an hour after its end."""
    submittal = interview.submittal
    candidate, job = submittal.candidate, submittal.job_order
    client = job.client
    contact = job.contact
    which = f"Interview, round {interview.round}" if interview.round > 1 else "Interview"
    where = interview.meeting_url or interview.location
    events = [
        CalendarEvent(
            uid=f"interview-{interview.key}@{UID_DOMAIN}",
            start=interview.start,
            end=interview.end,
            summary=f"{which}: {candidate.full_name} for {job.title} ({client})",
            description=f"{candidate.full_name} interviews with {client} for {job.title}"
            + (f" (round {interview.round})." if interview.round > 1 else "."),
            url=url,
            location=where,
        )
    ]
    if feedback_call:
        who = f"{contact.name} at {client}" if contact else str(client)
        phone = f" on {contact.phone}" if contact and contact.phone else ""
        events.append(
            CalendarEvent(
                uid=f"feedback-{interview.key}@{UID_DOMAIN}",
                start=interview.feedback_call_start,
                end=interview.feedback_call_end,
                summary=f"Feedback call: {client} about {candidate.full_name}",
                description=(
                    f"Call {who}{phone} for the feedback on {candidate.full_name}'s "
                    f"interview for {job.title}. Open the call plan first."
                ),
                url=url,
            )
        )
    return events


def calendar_bytes(
    events: Iterable[CalendarEvent], *, name: str, stamp: datetime.datetime
) -> bytes:
    """An iCalendar file of `events`; `stamp` (DTSTAMP) is when it was written."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Subscribed calendars ask again this often (Apple, Outlook and Google read one of the two).
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    utc_stamp = stamp.astimezone(datetime.UTC)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", utc_stamp)
        event.add("dtstart", item.start.astimezone(datetime.UTC))
        event.add("dtend", item.end.astimezone(datetime.UTC))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        if item.location:
            event.add("location", item.location)
        calendar.add_component(event)
    return calendar.to_ical()
