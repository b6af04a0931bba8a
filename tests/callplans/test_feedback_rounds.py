"""Each interview round has its feedback call: "Next round" schedules the next round, the plan
page and the dashboard show the current round, and the calendar has every round with its call."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from callplans.models import FeedbackCall
from callplans.services import NextRound, callplan_create, feedbackcall_record
from joborders.models import Interview, Submittal
from joborders.services import interview_schedule, submittal_change_status, submittal_create
from reminders.interviews import interviews_of
from tests.factories import CandidateFactory, JobOrderFactory

DAY = datetime.timedelta(days=1)


def local(when: datetime.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def whole_hour(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def plan(owner):
    """Alex, interviewed (round 1) two days ago, with a plan."""
    job = JobOrderFactory(owner=owner, received_on=timezone.localdate() - 30 * DAY)
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=owner,
        submitted_at=timezone.now() - 10 * DAY,
    )
    interview_schedule(submittal=submittal, starts_at=whole_hour(-2), scheduled_by=owner)
    submittal_change_status(submittal=submittal, status="interviewed", changed_by=owner)
    return callplan_create(submittal=submittal, author=owner)


def record(plan, owner, outcome, **extra):
    return feedbackcall_record(
        plan=plan,
        called_by=owner,
        called_at=timezone.now() - datetime.timedelta(hours=2),
        outcome=outcome,
        closing_question_asked=None,
        commitment="",
        next_step="",
        notes="",
        raised=[],
        **extra,
    )


def feedback_post(**overrides) -> dict:
    return {
        "called_at": local(timezone.now() - datetime.timedelta(hours=1)),
        "outcome": "next_round",
        "next_starts_at": local(whole_hour(3)),
        "next_kind": "on_site",
        "closing_question_asked": "",
        "commitment": "Final round with the CTO",
        "next_step": "",
        "notes": "Liked the Terraform story",
        "new_rows": "0",
    } | overrides


def test_next_round_schedules_round_two_and_the_call_is_round_ones(plan, owner):
    call = record(
        plan,
        owner,
        FeedbackCall.Outcome.NEXT_ROUND,
        next_round=NextRound(starts_at=whole_hour(3), kind=Interview.Kind.ON_SITE),
    )
    rounds = list(plan.submittal.interviews.order_by("round"))
    assert [(r.round, r.kind) for r in rounds] == [(1, "video"), (2, "on_site")]
    assert call.interview == rounds[0]
    submittal = Submittal.objects.get(pk=plan.submittal_id)
    assert submittal.status == Submittal.Status.INTERVIEW_SCHEDULED
    assert submittal.interview_at == whole_hour(3)


def test_the_form_logs_next_round_and_says_the_stage_moved(client, owner, plan):
    client.force_login(owner)
    response = client.post(reverse("callplans:feedback_new", args=[plan.pk]), feedback_post())
    assert response.status_code == 302
    round_two = plan.submittal.interviews.get(round=2)
    assert (round_two.kind, round_two.starts_at) == ("on_site", whole_hour(3))


def test_next_round_without_its_date_is_refused_with_everything_typed_kept(client, owner, plan):
    client.force_login(owner)
    response = client.post(
        reverse("callplans:feedback_new", args=[plan.pk]), feedback_post(next_starts_at="")
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "“Next round”: when is it? Enter the next interview&#x27;s date and time." in body
    assert "Final round with the CTO" in body and "Liked the Terraform story" in body
    assert "The feedback on <strong>round 1</strong> (video, " in body
    assert "“Next round” schedules round 2." in body
    assert not FeedbackCall.objects.exists()
    assert plan.submittal.interviews.count() == 1


def test_a_next_round_before_round_one_is_refused_naming_both(client, owner, plan):
    client.force_login(owner)
    typed = local(whole_hour(-3))
    response = client.post(
        reverse("callplans:feedback_new", args=[plan.pk]), feedback_post(next_starts_at=typed)
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Round 2 on " in body and "is before round 1 ends on" in body
    assert f'value="{typed}"' in body
    assert not FeedbackCall.objects.exists()


def test_the_plan_page_shows_round_two_and_is_prepared_again_until_its_call(client, owner, plan):
    record(
        plan,
        owner,
        FeedbackCall.Outcome.NEXT_ROUND,
        next_round=NextRound(starts_at=whole_hour(3), kind=Interview.Kind.ON_SITE),
    )
    client.force_login(owner)
    url = reverse("callplans:detail", args=[plan.pk])
    body = client.get(url).content.decode()
    card = body[body.index('data-testid="interview-at"') :]
    assert "round 2 (on-site)" in card[:600]
    status = body[body.index('data-testid="plan-status"') :][:120]
    assert "Called" not in status  # round 2's call is still to make

    second = plan.submittal.interviews.get(round=2)
    FeedbackCall.objects.create(
        plan=plan,
        called_by=owner,
        called_at=second.ends_at + DAY,
        outcome="offer",
        interview=second,
    )
    body = client.get(url).content.decode()
    assert "Called" in body[body.index('data-testid="plan-status"') :][:120]


def test_the_dashboard_shows_the_round_of_an_upcoming_interview(client, owner, plan):
    record(
        plan,
        owner,
        FeedbackCall.Outcome.NEXT_ROUND,
        next_round=NextRound(starts_at=whole_hour(3)),
    )
    client.force_login(owner)
    body = client.get(reverse("dashboard")).content.decode()
    row = body[body.index('data-testid="upcoming-row"') :]
    assert '<div class="small" data-testid="interview-round">Round 2</div>' in row[:1500]


def test_two_rounds_are_two_calendar_events_each_with_its_feedback_call(client, owner, plan):
    interview_schedule(
        submittal=plan.submittal,
        starts_at=whole_hour(3),
        ends_at=whole_hour(3) + datetime.timedelta(minutes=90),
        kind=Interview.Kind.ON_SITE,
        location="12 Main St",
        scheduled_by=owner,
    )
    pk = plan.submittal_id
    interviews = interviews_of(Submittal.objects.get(pk=pk))
    assert [(i.key, i.round) for i in interviews] == [
        (f"submittal-{pk}", 1),  # round 1 keeps the key of the one interview date
        (f"submittal-{pk}-round-2", 2),
    ]
    client.force_login(owner)
    response = client.get(reverse("calendars:submittal_ics", args=[pk]))
    events = {
        str(e["uid"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e.get("location", "")))
        for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    utc = datetime.UTC
    assert events == {
        f"interview-submittal-{pk}@dialready": (
            whole_hour(-2).astimezone(utc),
            (whole_hour(-2) + datetime.timedelta(hours=1)).astimezone(utc),
            "",
        ),
        f"feedback-submittal-{pk}@dialready": (
            (whole_hour(-2) + datetime.timedelta(hours=2)).astimezone(utc),
            (whole_hour(-2) + datetime.timedelta(hours=2, minutes=30)).astimezone(utc),
            "",
        ),
        f"interview-submittal-{pk}-round-2@dialready": (
            whole_hour(3).astimezone(utc),
            (whole_hour(3) + datetime.timedelta(minutes=90)).astimezone(utc),
            "12 Main St",
        ),
        f"feedback-submittal-{pk}-round-2@dialready": (
            (whole_hour(3) + datetime.timedelta(minutes=150)).astimezone(utc),
            (whole_hour(3) + datetime.timedelta(minutes=180)).astimezone(utc),
            "",
        ),
    }
