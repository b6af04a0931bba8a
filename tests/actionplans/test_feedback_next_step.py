"""A feedback call's next step lands in the submittal's action plan as a dated step of ours."""

import datetime

import pytest
from django.utils import timezone

from actionplans.models import ActionStep
from actionplans.rules import next_step_due
from callplans.models import FeedbackCall
from callplans.services import feedbackcall_record

pytestmark = pytest.mark.django_db


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
