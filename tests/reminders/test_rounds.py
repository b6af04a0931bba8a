"""The reminders and the calendar feed read the rounds: each round its own key, and a round
whose feedback call is logged is not reminded nor shown as due."""

import datetime

from django.utils import timezone

from callplans.models import FeedbackCall
from callplans.services import callplan_create
from joborders.services import interview_schedule, submittal_create
from reminders.selectors import feed_entries_for, feedback_calls_due, plans_not_ready
from tests.factories import CandidateFactory, JobOrderFactory

HOUR = datetime.timedelta(hours=1)


def two_rounds(owner, *, first_ago, second_in):
    now = timezone.now().replace(second=0, microsecond=0)
    job = JobOrderFactory(owner=owner, received_on=timezone.localdate() - datetime.timedelta(30))
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(),
        submitted_by=owner,
        submitted_at=now - datetime.timedelta(days=10),
    )
    first = interview_schedule(submittal=submittal, starts_at=now - first_ago, scheduled_by=owner)
    second = interview_schedule(submittal=submittal, starts_at=now + second_in, scheduled_by=owner)
    return submittal, first, second


def test_the_feed_shows_both_rounds_and_only_the_open_ones_feedback_call(owner):
    submittal, first, second = two_rounds(
        owner, first_ago=datetime.timedelta(days=2), second_in=datetime.timedelta(days=3)
    )
    plan = callplan_create(submittal=submittal, author=owner)
    FeedbackCall.objects.create(
        plan=plan,
        called_by=owner,
        called_at=first.ends_at + HOUR,
        outcome="next_round",
        interview=first,
    )
    entries = feed_entries_for(owner, now=timezone.now())
    assert [(e.interview.key, e.feedback_call_due) for e in entries] == [
        (f"submittal-{submittal.pk}", False),
        (f"submittal-{submittal.pk}-round-2", True),
    ]


def test_round_two_has_its_own_feedback_reminder_once_it_has_ended(owner):
    submittal, first, second = two_rounds(
        owner, first_ago=datetime.timedelta(days=2), second_in=HOUR
    )
    plan = callplan_create(submittal=submittal, author=owner)
    later = second.ends_at + datetime.timedelta(minutes=5)
    assert len(feedback_calls_due(later)) == 2  # round 1's call was never logged either
    FeedbackCall.objects.create(
        plan=plan,
        called_by=owner,
        called_at=first.ends_at + HOUR,
        outcome="next_round",
        interview=first,
    )
    keys = [r.key for r in feedback_calls_due(later)]
    stamp = second.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ")
    assert keys == [f"feedback-due:submittal-{submittal.pk}-round-2:{stamp}"]
    assert "(round 2)" in feedback_calls_due(later)[0].title


def test_a_plan_not_ready_is_reminded_for_the_round_starting_within_the_hour(owner):
    submittal, _, second = two_rounds(
        owner, first_ago=datetime.timedelta(days=2), second_in=datetime.timedelta(minutes=30)
    )
    keys = [r.key for r in plans_not_ready(timezone.now())]
    assert len(keys) == 1 and keys[0].startswith(
        f"plan-not-ready:submittal-{submittal.pk}-round-2:"
    )


def test_round_ones_call_is_still_due_when_round_two_was_booked_without_it(owner):
    # Round 2 booked on the submittal page (not through a "next round" call): the client still
    # has to be called about round 1, though the submittal's interview date is now round 2's.
    submittal, first, second = two_rounds(
        owner, first_ago=datetime.timedelta(hours=5), second_in=datetime.timedelta(days=2)
    )
    submittal.refresh_from_db()
    assert submittal.interview_at == second.starts_at
    due = feedback_calls_due(timezone.now())
    assert [r.key.split(":")[1] for r in due] == [f"submittal-{submittal.pk}"]
    plan = callplan_create(submittal=submittal, author=owner)
    FeedbackCall.objects.create(
        plan=plan,
        called_by=owner,
        called_at=first.ends_at + HOUR,
        outcome="no_decision",
        interview=first,
    )
    assert feedback_calls_due(timezone.now()) == []
