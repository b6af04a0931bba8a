"""Reads for reminders and calendars: the reminders due now (one query per kind), a person's
notifications and unread count, their calendar feed's interviews, and a feed by its secret.

The reminders come from `SOURCES`, each a function of the time that returns `Reminder`s with a
key naming what they are about. An action-plan step due today or overdue (and not done) is one
for the submittal's salesperson, keyed `action-step:<pk>:<due date>`: once per step and date.
"""

import datetime
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from actionplans.selectors import steps_due
from callplans.models import CallPlan, FeedbackCall, PlanReview
from core.dates import format_day
from joborders.models import Interview as Round
from joborders.models import Submittal
from reminders.interviews import DEFAULT_LENGTH, Interview, interviews_of, with_rounds
from reminders.models import CalendarFeed, Notification, ReminderSettings

FEED_PREFIX = "cal_"
# Feedback calls due are reminded for interviews that ended at most this long ago (a first run
# of send_reminders does not remind anyone of last year's interviews); reviews likewise.
LOOKBACK = datetime.timedelta(days=3)
PLAN_READY_BEFORE = datetime.timedelta(hours=1)
READY_STATUSES = (CallPlan.Status.READY, CallPlan.Status.APPROVED)
INTERVIEW_STAGES = (Submittal.Status.INTERVIEW_SCHEDULED, Submittal.Status.INTERVIEWED)
# A feed shows past interviews for a while and the year ahead; decided ones stay (they happened).
FEED_STAGES = (*INTERVIEW_STAGES, Submittal.Status.OFFER, Submittal.Status.PLACED)
FEED_PAST = datetime.timedelta(days=60)
FEED_AHEAD = datetime.timedelta(days=366)
FEED_LIMIT = 500
# Overdue action-plan steps are reminded at most this long after their due date (a first run
# does not remind anyone of a plan abandoned last year).
STEP_LOOKBACK = datetime.timedelta(days=14)


def secret_hash(secret: str) -> str:
    """As api.services.token_hash: a random 256-bit secret needs no slow hash."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


# --- Notifications --------------------------------------------------------------------------


def notifications_of(user: User) -> QuerySet[Notification]:
    """The person's notifications, unread first, newest first (one query, no joins)."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_of(user: User, pk: int) -> Notification:
    """One of the person's own notifications: anyone else's is a 404."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def daily_digest_on(user: User) -> bool:
    return ReminderSettings.objects.filter(user=user, daily_digest=True).exists()


# --- Calendar feeds -------------------------------------------------------------------------


def live_feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The live feed this secret opens, with its user, in one query; None for anything else
    (unknown, revoked, its user deactivated). Found by the secret's hash, so no stored secret
    is compared with the one sent, byte by byte or otherwise."""
    if not secret.startswith(FEED_PREFIX) or len(secret) > 100:
        return None
    wanted = secret_hash(secret)
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(key_hash=wanted, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.key_hash, wanted):
        return None
    return feed


@dataclass(frozen=True)
class FeedEntry:
    interview: Interview
    feedback_call_due: bool  # no feedback call logged since the interview


def feed_entries_for(user: User, *, now: datetime.datetime) -> list[FeedEntry]:
    """The person's own interviews (their submittals) from two months back to a year ahead,
    each with whether its feedback call is still to log. One query. A manager's feed holds
    their own submittals too: the team's are on the dashboard, not in a personal calendar."""
    submittals = with_rounds(
        Submittal.objects.filter(
            submitted_by=user,
            status__in=FEED_STAGES,
            interview_at__gte=now - FEED_PAST,
            interview_at__lt=now + FEED_AHEAD,
        )
        .annotate(call_logged=Exists(_calls_since_interview()))
        .select_related("job_order__client", "job_order__contact", "candidate")
        .order_by("interview_at", "pk")[:FEED_LIMIT]
    )
    entries = []
    for s in submittals:
        interviews = interviews_of(s)
        for interview in interviews:
            # A call since the current round began is that round's, linked or not.
            logged = interview.feedback_logged or (interview is interviews[-1] and s.call_logged)
            entries.append(
                FeedEntry(
                    interview=interview,
                    feedback_call_due=s.status in INTERVIEW_STAGES and not logged,
                )
            )
    return entries


def submittal_for_calendar(submittal: Submittal) -> Submittal:
    """The submittal with what its calendar events name (the client's contact too)."""
    return Submittal.objects.select_related(
        "job_order__client", "job_order__contact", "candidate"
    ).get(pk=submittal.pk)


def _calls_since_interview() -> QuerySet[FeedbackCall]:
    return FeedbackCall.objects.filter(
        plan__submittal=OuterRef("pk"), called_at__gte=OuterRef("interview_at")
    )


# --- The reminders due ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    recipient_id: int
    kind: str
    key: str
    title: str
    detail: str
    link: str
    due_at: datetime.datetime


def _page_of(submittal: Submittal) -> str:
    if submittal.plan_pk is not None:
        return reverse("callplans:detail", args=[submittal.plan_pk])
    return reverse("submittals:detail", args=[submittal.pk])


def _interview_submittals(condition: Q) -> QuerySet[Submittal]:
    return with_rounds(
        Submittal.objects.filter(condition, submitted_by__is_active=True)
        .annotate(plan_pk=F("plan__id"), plan_status=F("plan__status"))
        .select_related("job_order__client", "candidate")
        .order_by("interview_at", "pk")
    )


def _round_suffix(interview: Interview) -> str:
    return f" (round {interview.round})" if interview.round > 1 else ""


def feedback_calls_due(now: datetime.datetime) -> list[Reminder]:
    """Rounds that ended (within LOOKBACK) with no feedback call logged for them — any round,
    not only the latest: round 1's call is still due when round 2 was booked without it."""
    ended_round = Round.objects.filter(
        submittal=OuterRef("pk"), starts_at__gte=now - LOOKBACK, ends_at__lte=now
    )
    # A submittal with an interview date but no rounds (none are written so any more): its one
    # interview, with no call logged since it began.
    dated_only = Q(
        interview_at__gte=now - LOOKBACK, interview_at__lte=now - DEFAULT_LENGTH
    ) & ~Exists(_calls_since_interview())
    submittals = _interview_submittals(
        Q(status__in=INTERVIEW_STAGES) & (Exists(ended_round) | dated_only)
    )
    reminders = []
    for s in submittals:
        for interview in interviews_of(s):
            if interview.end > now or interview.start < now - LOOKBACK:
                continue
            if interview.feedback_logged:
                continue
            reminders.append(
                Reminder(
                    recipient_id=s.submitted_by_id,
                    kind=Notification.Kind.FEEDBACK_DUE,
                    key=f"feedback-due:{interview.key}:{interview.stamp}",
                    title=f"Feedback call due: {s.candidate.full_name} for {s.job_order.title}"
                    + _round_suffix(interview),
                    detail=f"{s.job_order.client} interviewed {s.candidate.full_name}; "
                    "call for the feedback and log it.",
                    link=_page_of(s),
                    due_at=interview.feedback_call_start,
                )
            )
    return reminders


def plans_not_ready(now: datetime.datetime) -> list[Reminder]:
    """Interviews starting within the hour whose plan is missing or not marked ready."""
    submittals = _interview_submittals(
        Q(
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            interview_at__gt=now,
            interview_at__lte=now + PLAN_READY_BEFORE,
        )
    ).exclude(plan__status__in=READY_STATUSES)
    reminders = []
    for s in submittals:
        for interview in interviews_of(s):
            if not now < interview.start <= now + PLAN_READY_BEFORE:
                continue
            state = "has no call plan" if s.plan_pk is None else "has a plan not marked ready"
            reminders.append(
                Reminder(
                    recipient_id=s.submitted_by_id,
                    kind=Notification.Kind.PLAN_NOT_READY,
                    key=f"plan-not-ready:{interview.key}:{interview.stamp}",
                    title=f"Plan not ready: {s.candidate.full_name} interviews within the hour",
                    detail=f"The interview for {s.job_order.title} ({s.job_order.client}) {state}.",
                    link=_page_of(s),
                    due_at=interview.start,
                )
            )
    return reminders


def plan_reviews(now: datetime.datetime) -> list[Reminder]:
    """Managers' reviews of a person's plan (within LOOKBACK), for the plan's author."""
    reviews = (
        PlanReview.objects.filter(created_at__gte=now - LOOKBACK, plan__author__is_active=True)
        .exclude(reviewer=F("plan__author"))
        .select_related("reviewer", "plan__submittal__candidate", "plan__submittal__job_order")
        .order_by("created_at", "pk")
    )
    reminders = []
    for review in reviews:
        submittal = review.plan.submittal
        comment = " ".join(review.comment.split())
        reminders.append(
            Reminder(
                recipient_id=review.plan.author_id,
                kind=Notification.Kind.PLAN_REVIEWED,
                key=f"review:{review.pk}",
                title=f"{review.reviewer} reviewed your plan: {review.get_decision_display()}",
                detail=(
                    f"{submittal.candidate.full_name} for {submittal.job_order.title}"
                    + (f": “{comment[:200]}”" if comment else "")
                ),
                link=reverse("callplans:detail", args=[review.plan_id]),
                due_at=review.created_at,
            )
        )
    return reminders


def action_steps_due(now: datetime.datetime) -> list[Reminder]:
    """Action-plan steps not done, due today or overdue (by at most STEP_LOOKBACK), for the
    submittal's salesperson. A moved due date is a new reminder; marking it done stops it."""
    today = timezone.localdate(now)
    reminders = []
    for step in steps_due(today=today, since=today - STEP_LOOKBACK):
        s = step.submittal
        when = "today" if step.due_on == today else f"since {format_day(step.due_on)}"
        reminders.append(
            Reminder(
                recipient_id=s.submitted_by_id,
                kind=Notification.Kind.ACTION_STEP_DUE,
                key=f"action-step:{step.pk}:{step.due_on.isoformat()}",
                title=f"Action-plan step due {when}: {step.title}",
                detail=f"{s.candidate.full_name} for {s.job_order.title}"
                + (f" ({step.person})" if step.person else ""),
                link=reverse("actionplans:page", args=[s.pk]) + f"#step-{step.pk}",
                due_at=timezone.make_aware(
                    datetime.datetime.combine(step.due_on, datetime.time(9))
                ),
            )
        )
    return reminders


SOURCES: tuple[Callable[[datetime.datetime], list[Reminder]], ...] = (
    feedback_calls_due,
    plans_not_ready,
    plan_reviews,
    action_steps_due,
)


def reminders_due(now: datetime.datetime) -> list[Reminder]:
    return [reminder for source in SOURCES for reminder in source(now)]


def digest_recipients(day: datetime.date) -> QuerySet[User]:
    """Active people with the daily digest on, an e-mail address and no digest sent that day."""
    return (
        User.objects.filter(is_active=True, reminder_settings__daily_digest=True)
        .exclude(email="")
        .exclude(digests_sent__day=day)
        .order_by("pk")
    )


def undigested_of(user: User) -> list[Notification]:
    """The person's unread notifications not yet in a digest, oldest first."""
    return list(
        Notification.objects.filter(
            recipient=user, read_at__isnull=True, emailed_at__isnull=True
        ).order_by("due_at", "id")
    )
