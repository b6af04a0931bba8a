"""Notifications (/notifications/), the personal calendar feed (/calendar/) and the .ics of a
submittal's interview. The feed itself is the one address served without login."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.types import AuthedRequest
from core.htmx import done
from joborders.selectors import get_submittal_for_user
from reminders.forms import DigestForm
from reminders.ics import calendar_bytes, interview_events
from reminders.interviews import interviews_of
from reminders.selectors import (
    daily_digest_on,
    feed_entries_for,
    feed_for_secret,
    get_notification_of,
    live_feed_of,
    notifications_of,
    submittal_for_calendar,
)
from reminders.services import (
    calendarfeed_create,
    calendarfeed_mark_used,
    calendarfeed_revoke,
    notification_mark_all_read,
    notification_mark_read,
    remindersettings_set,
)

LIST_PAGE = "reminders/notifications.html"
CALENDAR_PAGE = "reminders/calendar.html"
LIST_LIMIT = 200
ICS = "text/calendar; charset=utf-8"


# --- Notifications --------------------------------------------------------------------------


def _list_context(request: AuthedRequest, **extra) -> dict:
    items = list(notifications_of(request.user)[: LIST_LIMIT + 1])
    return {
        "items": items[:LIST_LIMIT],
        "more": len(items) > LIST_LIMIT,
        "unread_here": sum(1 for n in items[:LIST_LIMIT] if n.read_at is None),
        **extra,
    }


@require_GET
def notification_list(request: AuthedRequest):
    form = DigestForm(initial={"daily_digest": daily_digest_on(request.user)})
    return render(request, LIST_PAGE, _list_context(request, digest_form=form))


@require_POST
def notification_read(request: AuthedRequest, pk: int):
    notification = notification_mark_read(notification=get_notification_of(request.user, pk))
    if not request.htmx:
        return redirect("notifications:list")
    response = render(request, f"{LIST_PAGE}#row", {"n": notification, "row_oob": True})
    return done(response, focus=f"#notification-{pk}", say="Marked as read")


@require_POST
def notification_read_all(request: AuthedRequest):
    count = notification_mark_all_read(user=request.user)
    said = f"{count} marked as read" if count else "Nothing was unread"
    if not request.htmx:
        messages.success(request, said + ".")
        return redirect("notifications:list")
    response = render(request, f"{LIST_PAGE}#list", _list_context(request, nav_oob=True))
    return done(response, focus="#notifications-heading", say=said)


@require_POST
def digest_choice(request: AuthedRequest):
    form = DigestForm(request.POST)
    if not form.is_valid():  # a checkbox cannot be wrong, but a forged post gets the page back
        return render(request, LIST_PAGE, _list_context(request, digest_form=form), status=422)
    on = form.cleaned_data["daily_digest"]
    remindersettings_set(user=request.user, daily_digest=on)
    messages.success(
        request,
        "The daily digest is on: it comes to "
        f"{request.user.email or 'your e-mail address (add one to your account first)'}."
        if on
        else "The daily digest is off: reminders show here only.",
    )
    return redirect("notifications:list")


# --- The calendar feed ----------------------------------------------------------------------


def _feed_url(request: HttpRequest, secret: str) -> str:
    return request.build_absolute_uri(reverse("calendars:feed", args=[secret]))


@require_http_methods(["GET", "POST"])
def calendar_page(request: AuthedRequest):
    """GET: the feed's state. POST: a new feed URL (the old one, if any, stops working)."""
    status, url = 200, None
    if request.method == "POST":
        try:
            created = calendarfeed_create(user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 422
        else:
            status, url = 201, _feed_url(request, created.secret)
    context = {"feed": live_feed_of(request.user), "url": url}
    if url:
        context["webcal"] = re.sub(r"^https?://", "webcal://", url)
    return render(request, CALENDAR_PAGE, context, status=status)


@require_POST
def calendar_revoke(request: AuthedRequest):
    if calendarfeed_revoke(user=request.user):
        messages.success(request, "Calendar feed revoked: its address no longer opens anything.")
    else:
        messages.info(request, "You had no calendar feed to revoke.")
    return redirect("calendars:page")


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str):
    """A person's interviews and feedback calls due, for their calendar app. An unknown,
    revoked or deactivated person's secret is a plain 404 that says nothing about why."""
    feed = feed_for_secret(token)
    if feed is None:
        raise Http404("No such calendar.")
    calendarfeed_mark_used(feed=feed)
    now = timezone.now()
    events = []
    for entry in feed_entries_for(feed.user, now=now):
        url = request.build_absolute_uri(
            reverse("submittals:detail", args=[entry.interview.submittal.pk])
        )
        events += interview_events(entry.interview, url=url, feedback_call=entry.feedback_call_due)
    body = calendar_bytes(events, name=f"DialReady: {feed.user}", stamp=now)
    return _private(HttpResponse(body, content_type=ICS))


@require_GET
def submittal_ics(request: AuthedRequest, pk: int):
    """The interview and its feedback call, as a file to open in any calendar."""
    submittal = submittal_for_calendar(get_submittal_for_user(request.user, pk))
    interviews = interviews_of(submittal)
    if not interviews:
        messages.info(request, "This submittal has no interview scheduled yet.")
        return redirect("submittals:detail", pk=submittal.pk)
    url = request.build_absolute_uri(reverse("submittals:detail", args=[submittal.pk]))
    events = [event for i in interviews for event in interview_events(i, url=url)]
    name = f"Interview: {submittal.candidate.full_name}"
    response = HttpResponse(calendar_bytes(events, name=name, stamp=timezone.now()), ICS)
    slug = re.sub(r"[^a-z0-9]+", "-", submittal.candidate.full_name.lower()).strip("-")
    response["Content-Disposition"] = f'attachment; filename="interview-{slug or pk}.ics"'
    return _private(response)
