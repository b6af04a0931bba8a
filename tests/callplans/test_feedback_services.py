"""feedbackcall_record: the call, the raised objections, the stage move and the library, at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from callplans.models import FeedbackCall, ObjectionTemplate, RaisedObjection
from callplans.services import NextRound, RaisedInput, feedbackcall_record, objection_add
from joborders.models import Submittal, SubmittalEvent
from joborders.services import submittal_change_status
from tests.factories import CallPlanFactory, ClosingQuestionFactory, TeamFactory

CALLED_AT = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=2)


def record(plan, user, **overrides):
    values = {
        "plan": plan,
        "called_by": user,
        "called_at": CALLED_AT,
        "outcome": FeedbackCall.Outcome.OFFER,
        "closing_question_asked": None,
        "commitment": "",
        "next_step": "",
        "notes": "",
        "raised": [],
    } | overrides
    if values["outcome"] == FeedbackCall.Outcome.NEXT_ROUND:
        values.setdefault("next_round", NextRound(starts_at=CALLED_AT + datetime.timedelta(days=3)))
    return feedbackcall_record(**values)


@pytest.fixture
def interviewed(plan, owner):
    submittal_change_status(
        submittal=plan.submittal, status=Submittal.Status.INTERVIEWED, changed_by=owner
    )
    return plan


def stage_events(plan):
    return list(
        SubmittalEvent.objects.filter(submittal=plan.submittal)
        .order_by("id")
        .values_list("from_status", "to_status")
    )


@pytest.mark.parametrize(
    ("outcome", "stage"),
    [
        ("offer", "offer"),
        ("rejected", "rejected"),
        ("next_round", "interview_scheduled"),
    ],
)
def test_the_outcome_moves_the_submittal_and_writes_the_stage_event(
    interviewed, owner, outcome, stage
):
    record(interviewed, owner, outcome=outcome)

    submittal = Submittal.objects.get(pk=interviewed.submittal_id)
    assert submittal.status == stage
    event = SubmittalEvent.objects.filter(submittal=submittal).latest("id")
    assert (event.from_status, event.to_status) == ("interviewed", stage)
    assert event.changed_by == owner
    assert event.changed_at == CALLED_AT  # the day the client decided, for the ratios


def test_no_decision_yet_leaves_the_stage_and_writes_no_event(interviewed, owner):
    before = stage_events(interviewed)
    record(interviewed, owner, outcome=FeedbackCall.Outcome.NO_DECISION)
    assert Submittal.objects.get(pk=interviewed.submittal_id).status == "interviewed"
    assert stage_events(interviewed) == before
    assert FeedbackCall.objects.get().outcome == "no_decision"


def test_a_next_round_for_a_submittal_already_scheduled_writes_no_event(plan, owner):
    submittal_change_status(
        submittal=plan.submittal, status=Submittal.Status.INTERVIEW_SCHEDULED, changed_by=owner
    )
    before = stage_events(plan)
    record(plan, owner, outcome=FeedbackCall.Outcome.NEXT_ROUND)
    assert stage_events(plan) == before


def test_a_call_typed_in_for_later_today_dates_the_stage_move_now(interviewed, owner):
    later = timezone.now() + datetime.timedelta(hours=3)
    record(interviewed, owner, called_at=later)
    event = SubmittalEvent.objects.filter(submittal=interviewed.submittal).latest("id")
    assert event.changed_at <= timezone.now()


def test_it_keeps_the_call_and_what_the_client_committed_to(interviewed, owner, closing_question):
    call = record(
        interviewed,
        owner,
        closing_question_asked=closing_question,
        commitment="Final round with the CTO on Thursday",
        next_step="Send the CTO Alex's Terraform work by Tuesday",
        notes="Budget is tight.",
    )
    call.refresh_from_db()
    assert call.called_by == owner and call.called_at == CALLED_AT
    assert call.closing_question_asked == closing_question
    assert call.commitment == "Final round with the CTO on Thursday"
    assert call.next_step.startswith("Send the CTO")


def test_an_anticipated_objection_copies_the_plans_text_and_category(interviewed, owner):
    objection = objection_add(
        plan=interviewed, category="skill_gap", text="Only two years of Kubernetes"
    )
    record(interviewed, owner, raised=[RaisedInput(objection=objection, handled="partly")])
    raised = RaisedObjection.objects.get()
    assert raised.objection == objection and raised.anticipated
    assert (raised.category, raised.text, raised.handled) == (
        "skill_gap",
        "Only two years of Kubernetes",
        "partly",
    )


def test_an_unanticipated_objection_keeps_the_category_picked_or_other(interviewed, owner):
    record(
        interviewed,
        owner,
        raised=[
            RaisedInput(text="  Rate is above budget ", handled="no"),
            RaisedInput(text="Never led a team", category="experience_gap"),
        ],
    )
    rows = list(RaisedObjection.objects.order_by("id").values_list("text", "category", "handled"))
    assert rows == [
        ("Rate is above budget", "other", "no"),
        ("Never led a team", "experience_gap", "yes"),
    ]
    assert not any(r.anticipated for r in RaisedObjection.objects.all())


def test_an_unanticipated_objection_goes_to_the_team_library_in_the_same_step(
    interviewed, owner, team
):
    rebuttal = "Her last two contracts came in under the client's budget."
    record(
        interviewed,
        owner,
        raised=[
            RaisedInput(text="Rate is above budget", rebuttal=rebuttal, add_to_library=True),
            RaisedInput(text="Not this one", rebuttal="", add_to_library=False),
        ],
    )
    template = ObjectionTemplate.objects.get()
    assert (template.team, template.category, template.text, template.rebuttal) == (
        team,
        "other",
        "Rate is above budget",
        rebuttal,
    )


def test_a_rebuttal_is_kept_with_the_call_without_going_to_the_library(interviewed, owner):
    record(interviewed, owner, raised=[RaisedInput(text="Rate", rebuttal="Under budget")])
    assert RaisedObjection.objects.get().rebuttal == "Under budget"
    assert not ObjectionTemplate.objects.exists()


def test_a_salespersons_library_tick_is_a_proposal_a_managers_accepts_it(
    interviewed, owner, manager
):
    item = RaisedInput(text="Rate", rebuttal="Under budget", add_to_library=True)
    record(interviewed, owner, raised=[item])
    assert ObjectionTemplate.objects.get().status == "proposed"
    record(interviewed, manager, raised=[item], outcome="no_decision")
    assert ObjectionTemplate.objects.get().status == "active"


def test_a_library_rebuttal_opening_with_yes_to_not_solved_before_is_refused(interviewed, owner):
    item = RaisedInput(
        text="Never solved it",
        category="not_solved_before",
        rebuttal="Yes, at Acme",
        add_to_library=True,
    )
    refused(interviewed, owner, "do not open the rebuttal with “Yes”", raised=[item])


def test_the_same_library_objection_twice_is_stored_once(interviewed, owner):
    item = RaisedInput(text="Rate is above budget", rebuttal="Under budget", add_to_library=True)
    record(interviewed, owner, raised=[item])
    record(interviewed, owner, raised=[item], outcome="no_decision")
    assert ObjectionTemplate.objects.count() == 1


def refused(plan, user, message, **overrides):
    events = stage_events(plan)
    with pytest.raises(ValidationError) as error:
        record(plan, user, **overrides)
    assert message in " ".join(error.value.messages)
    assert not FeedbackCall.objects.exists() and not RaisedObjection.objects.exists()
    assert not ObjectionTemplate.objects.exists()
    assert stage_events(plan) == events
    assert Submittal.objects.get(pk=plan.submittal_id).status == "interviewed"


def test_a_closing_question_of_another_team_is_refused(interviewed, owner):
    foreign = ClosingQuestionFactory(team=TeamFactory(name="Elsewhere"))
    refused(interviewed, owner, "your team's closing questions", closing_question_asked=foreign)


def test_an_objection_of_another_plan_is_refused(interviewed, owner):
    other_plan = CallPlanFactory()
    foreign = objection_add(plan=other_plan, category="other", text="Someone else's worry")
    refused(
        interviewed,
        owner,
        "is not an objection of this plan",
        raised=[RaisedInput(objection=foreign)],
    )


def test_an_anticipated_objection_ticked_twice_is_refused(interviewed, owner):
    objection = objection_add(plan=interviewed, category="other", text="Too junior")
    twice = [RaisedInput(objection=objection), RaisedInput(objection=objection)]
    refused(interviewed, owner, "ticked twice", raised=twice)


def test_a_call_more_than_a_day_ahead_is_refused(interviewed, owner):
    too_late = timezone.now() + datetime.timedelta(days=1, minutes=5)
    refused(interviewed, owner, "more than a day in the future", called_at=too_late)


def test_a_call_later_today_is_accepted(interviewed, owner):
    record(interviewed, owner, called_at=timezone.now() + datetime.timedelta(hours=23))
    assert FeedbackCall.objects.count() == 1


def test_a_library_objection_needs_a_rebuttal(interviewed, owner):
    refused(
        interviewed,
        owner,
        "Write the rebuttal",
        raised=[RaisedInput(text="Rate is above budget", add_to_library=True)],
    )


def test_a_new_objection_needs_its_words(interviewed, owner):
    refused(interviewed, owner, "Write what the client said", raised=[RaisedInput(text="  ")])


def test_a_bad_row_undoes_the_whole_call_and_its_stage_move(interviewed, owner):
    refused(
        interviewed,
        owner,
        "not a valid choice",
        raised=[
            RaisedInput(text="Rate is above budget", rebuttal="r", add_to_library=True),
            RaisedInput(text="Fine", category="not-a-category"),
        ],
    )


def test_an_unknown_outcome_is_refused(interviewed, owner):
    refused(interviewed, owner, "not a valid choice", outcome="maybe")
