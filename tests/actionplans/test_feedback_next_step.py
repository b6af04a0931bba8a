"""A feedback call's next step lands in the submittal's action plan as a dated step of ours."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStep
from actionplans.rules import next_step_due
from callplans.models import FeedbackCall
from callplans.services import NextRound, callplan_create, feedbackcall_record
from joborders.services import interview_schedule, submittal_change_status, submittal_create
from tests.callplans.test_feedback_rounds import feedback_post, whole_hour
from tests.factories import CandidateFactory, JobOrderFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def record(plan, user, next_step):
    called_at = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    feedbackcall_record(
        plan=plan,
        called_by=user,
        called_at=called_at,
        outcome=FeedbackCall.Outcome.NEXT_ROUND,
        closing_question_asked=None,
        commitment="",
        next_step=next_step,
        notes="",
        raised=[],
        # "Next round" schedules the round it names (interview rounds, #18 item 3).
        next_round=NextRound(starts_at=called_at + datetime.timedelta(days=3)),
    )
    return called_at


def test_recording_a_call_with_a_next_step_adds_it_to_the_action_plan(plan, owner):
    called_at = record(plan, owner, "Send Priya two slots for the on-site")
    step = ActionStep.objects.get(submittal=plan.submittal)
    assert step.title == "Send Priya two slots for the on-site"
    assert step.side == ActionStep.Side.US
    assert step.due_on == next_step_due(timezone.localdate(called_at))


def test_a_call_without_a_next_step_leaves_the_plan_alone(plan, owner):
    record(plan, owner, "")
    assert not ActionStep.objects.filter(submittal=plan.submittal).exists()


# --- The feedback form's "By when?" -----------------------------------------------------------


@pytest.fixture
def rounds_plan(owner):
    """Interviewed two days ago (round 1), with a plan: the feedback form's case."""
    job = JobOrderFactory(owner=owner, received_on=timezone.localdate() - 30 * DAY)
    submittal = submittal_create(
        job_order=job,
        candidate=CandidateFactory(first_name="Alex"),
        submitted_by=owner,
        submitted_at=timezone.now() - 10 * DAY,
    )
    interview_schedule(submittal=submittal, starts_at=whole_hour(-2), scheduled_by=owner)
    submittal_change_status(submittal=submittal, status="interviewed", changed_by=owner)
    return callplan_create(submittal=submittal, author=owner)


def test_the_next_step_is_due_when_the_form_says_and_the_plan_page_says_by_when(
    client, owner, rounds_plan
):
    due = timezone.localdate() + datetime.timedelta(days=5)
    client.force_login(owner)
    response = client.post(
        reverse("callplans:feedback_new", args=[rounds_plan.pk]),
        feedback_post(next_step="Send the client two start dates", next_step_due=due.isoformat()),
    )
    assert response.status_code == 302
    step = ActionStep.objects.get(submittal=rounds_plan.submittal)
    assert step.title == "Send the client two start dates" and step.due_on == due
    call = FeedbackCall.objects.get(plan=rounds_plan)
    assert call.next_step_due == due
    # The call card after the call: the step and its date, as every page writes a day.
    page = client.get(reverse("callplans:detail", args=[rounds_plan.pk])).content.decode()
    assert f"Send the client two start dates · by {due:%a} {due.day} {due:%b %Y}" in page


def test_a_due_date_before_the_call_is_refused_naming_both_with_everything_kept(
    client, owner, rounds_plan
):
    called = timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).date()
    due = called - datetime.timedelta(days=3)
    client.force_login(owner)
    response = client.post(
        reverse("callplans:feedback_new", args=[rounds_plan.pk]),
        feedback_post(next_step="Call back the CTO", next_step_due=due.isoformat()),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f"The next step is due {due:%a} {due.day} {due:%b %Y}, before the call on" in page
    assert 'value="Call back the CTO"' in page and "Liked the Terraform story" in page
    assert not FeedbackCall.objects.filter(plan=rounds_plan).exists()
    assert not ActionStep.objects.filter(submittal=rounds_plan.submittal).exists()


def test_a_date_without_a_next_step_asks_what_the_step_is(client, owner, rounds_plan):
    client.force_login(owner)
    due = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        reverse("callplans:feedback_new", args=[rounds_plan.pk]),
        feedback_post(next_step="", next_step_due=due.isoformat()),
    )
    assert response.status_code == 422
    assert "Say what the next step is, or clear its date." in response.content.decode()
