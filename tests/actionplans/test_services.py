import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans.models import ActionStep
from actionplans.rules import STARTER_TEMPLATE, next_step_due
from actionplans.selectors import open_step_count, steps_of
from actionplans.services import (
    actionplan_start_from_template,
    actionstep_add,
    actionstep_from_next_step,
    actionstep_move,
    actionstep_set_status,
    actionstep_update,
)
from tests.factories import ActionStepFactory, ClientContactFactory, SubmittalFactory

pytestmark = pytest.mark.django_db


def titles(submittal):
    return [s.title for s in steps_of(submittal)]


def test_the_template_starts_six_steps_dated_from_today_named_for_who_does_each(owner):
    submittal = SubmittalFactory(submitted_by=owner, job_order__owner=owner)
    contact = ClientContactFactory(client=submittal.job_order.client, name="Priya Shah")
    submittal.job_order.contact = contact
    submittal.job_order.save()
    steps = actionplan_start_from_template(submittal=submittal)
    today = timezone.localdate()
    assert [s.title for s in steps] == [
        "Feedback call",
        "Second interview",
        "Offer",
        "Acceptance",
        "Background check",
        "Start",
    ]
    assert [s.due_on for s in steps] == [
        today + datetime.timedelta(days=t.offset_days) for t in STARTER_TEMPLATE
    ]
    by_title = {s.title: s for s in steps}
    assert by_title["Feedback call"].person == str(owner)
    assert by_title["Offer"].person == "Priya Shah"
    assert by_title["Start"].person == submittal.candidate.first_name
    assert open_step_count(submittal) == 6


def test_the_template_counts_from_an_interview_still_ahead(owner):
    interview = timezone.now() + datetime.timedelta(days=5)
    submittal = SubmittalFactory(submitted_by=owner, job_order__owner=owner, interview_at=interview)
    first = actionplan_start_from_template(submittal=submittal)[0]
    assert first.due_on == timezone.localdate(interview) + datetime.timedelta(days=1)


def test_the_template_refuses_a_plan_that_already_has_steps(owner):
    step = ActionStepFactory(submittal__submitted_by=owner)
    with pytest.raises(ValidationError, match="already has steps"):
        actionplan_start_from_template(submittal=step.submittal)


def test_a_feedback_calls_next_step_becomes_our_step_two_days_later_off_the_weekend(owner):
    submittal = SubmittalFactory(submitted_by=owner)
    called = timezone.now()
    step = actionstep_from_next_step(
        submittal=submittal,
        next_step="  Book the  second interview ",
        called_at=called,
        called_by=owner,
    )
    assert step.title == "Book the second interview"
    assert step.side == "us" and step.person == str(owner)
    assert step.due_on == next_step_due(timezone.localdate(called))
    assert step.due_on.weekday() < 5


def test_a_friday_calls_next_step_is_due_on_monday():
    friday = datetime.date(2026, 12, 4)
    assert next_step_due(friday) == datetime.date(2026, 12, 7)
    assert next_step_due(datetime.date(2026, 12, 1)) == datetime.date(2026, 12, 3)


def test_a_blank_next_step_adds_nothing(owner):
    submittal = SubmittalFactory(submitted_by=owner)
    assert (
        actionstep_from_next_step(
            submittal=submittal, next_step="  ", called_at=timezone.now(), called_by=owner
        )
        is None
    )
    assert not ActionStep.objects.exists()


def test_done_sets_its_time_and_reopening_clears_it(owner):
    step = ActionStepFactory(submittal__submitted_by=owner)
    actionstep_set_status(step=step, status="done")
    assert step.done_at is not None and open_step_count(step.submittal) == 0
    actionstep_set_status(step=step, status="at_risk")
    step.refresh_from_db()
    assert step.status == "at_risk" and step.done_at is None
    with pytest.raises(ValidationError):
        actionstep_set_status(step=step, status="maybe")


def test_a_due_date_years_off_is_refused_with_the_date_named(owner):
    submittal = SubmittalFactory(submitted_by=owner)
    with pytest.raises(ValidationError) as error:
        actionstep_add(
            submittal=submittal,
            title="Offer",
            side="client",
            person="",
            due_on=datetime.date(2062, 1, 5),
        )
    assert "2062" in error.value.message_dict["due_on"][0]
    step = ActionStepFactory(submittal=submittal)
    with pytest.raises(ValidationError, match="more than a year ago"):
        actionstep_update(
            step=step,
            title="x",
            side="us",
            person="",
            due_on=datetime.date(2001, 1, 1),
            status="todo",
        )


def test_moving_a_step_swaps_it_with_its_neighbour_and_stops_at_the_ends(owner):
    submittal = SubmittalFactory(submitted_by=owner)
    a, b, c = (ActionStepFactory(submittal=submittal, title=t, position=0) for t in "abc")
    assert actionstep_move(step=c, direction="up") is True
    assert titles(submittal) == ["a", "c", "b"]
    assert actionstep_move(step=a, direction="up") is False
    assert actionstep_move(step=a, direction="down") is True
    assert titles(submittal) == ["c", "a", "b"]
    assert actionstep_move(step=b, direction="down") is False
    with pytest.raises(ValidationError):
        actionstep_move(step=b, direction="sideways")


def test_a_step_added_goes_to_the_end(owner):
    submittal = SubmittalFactory(submitted_by=owner)
    ActionStepFactory(submittal=submittal, title="first", position=7)
    actionstep_add(
        submittal=submittal,
        title="second",
        side="candidate",
        person="Ada",
        due_on=timezone.localdate(),
    )
    assert titles(submittal) == ["first", "second"]
