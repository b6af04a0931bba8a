import pytest
from django.core.exceptions import ValidationError

from callplans.models import ClosingQuestion, FeedbackCall, ObjectionTemplate
from callplans.services import (
    closingquestion_create,
    closingquestion_merge,
    libraryentry_accept,
    libraryentry_decline,
    libraryentry_move,
    libraryentry_retire,
    objection_add,
    objection_save_to_library,
    objectiontemplate_create,
    objectiontemplate_merge,
    objectiontemplate_update,
)
from core.locking import StaleEdit

pytestmark = pytest.mark.django_db


def test_a_salespersons_entry_is_a_proposal_and_a_managers_is_live(team, owner, manager):
    proposed = objectiontemplate_create(
        team=team, category="other", text="Rate", rebuttal="Value", added_by=owner
    )
    live = closingquestion_create(team=team, text="Offer by Friday?", added_by=manager)
    assert (proposed.status, proposed.proposed_by) == ("proposed", owner)
    assert live.status == "active"


def test_a_not_solved_before_rebuttal_never_opens_with_yes(team):
    with pytest.raises(ValidationError, match="do not open the rebuttal with “Yes”"):
        objectiontemplate_create(
            team=team, category="not_solved_before", text="Solved it?", rebuttal="Yes: at Acme"
        )
    template = objectiontemplate_create(
        team=team, category="not_solved_before", text="Solved it?", rebuttal="At Acme, 2023"
    )
    with pytest.raises(ValidationError, match="Yes"):
        objectiontemplate_update(
            template=template,
            version=1,
            category="not_solved_before",
            text="Solved it?",
            rebuttal="  yes, she did",
        )


def test_a_stale_edit_is_refused_and_writes_nothing(team):
    template = objectiontemplate_create(team=team, category="other", text="Rate", rebuttal="A")
    objectiontemplate_update(
        template=template, version=1, category="other", text="Rate", rebuttal="B"
    )
    stale = ObjectionTemplate.objects.get(pk=template.pk)
    with pytest.raises(StaleEdit):
        objectiontemplate_update(
            template=stale, version=1, category="other", text="Rate", rebuttal="C"
        )
    assert ObjectionTemplate.objects.get(pk=template.pk).rebuttal == "B"


def test_accepting_and_declining_only_apply_to_proposals(team, owner):
    proposal = objectiontemplate_create(
        team=team, category="other", text="Rate", rebuttal="Value", added_by=owner
    )
    libraryentry_accept(entry=proposal)
    assert ObjectionTemplate.objects.get().status == "active"
    with pytest.raises(ValidationError, match="Only a proposal"):
        libraryentry_decline(entry=proposal)
    other = closingquestion_create(team=team, text="Start Monday?", added_by=owner)
    libraryentry_decline(entry=other)
    assert not ClosingQuestion.objects.exists()


def test_moving_up_changes_which_entry_plans_are_offered_first(team):
    first = objectiontemplate_create(team=team, category="other", text="A", rebuttal="a")
    second = objectiontemplate_create(team=team, category="other", text="B", rebuttal="b")
    libraryentry_move(entry=second, step=-1)
    assert list(ObjectionTemplate.objects.values_list("text", flat=True)) == ["B", "A"]
    libraryentry_move(entry=first, step=1)  # already last: nothing moves
    assert list(ObjectionTemplate.objects.values_list("text", flat=True)) == ["B", "A"]


def test_a_merge_into_itself_a_retired_entry_or_another_kind_is_refused(team):
    a = objectiontemplate_create(team=team, category="other", text="A", rebuttal="a")
    b = objectiontemplate_create(team=team, category="other", text="B", rebuttal="b")
    c = objectiontemplate_create(team=team, category="scope", text="C", rebuttal="c")
    with pytest.raises(ValidationError, match="into itself"):
        objectiontemplate_merge(source=a, target=a)
    with pytest.raises(ValidationError, match="same kind"):
        objectiontemplate_merge(source=a, target=c)
    libraryentry_retire(entry=b)
    with pytest.raises(ValidationError, match="active entry"):
        objectiontemplate_merge(source=a, target=b)


def test_merging_closing_questions_moves_the_calls_and_the_plans(team, owner, plan):
    kept = closingquestion_create(team=team, text="Offer by Friday?")
    merged = closingquestion_create(team=team, text="Can we get an offer by Friday?")
    plan.closing_questions.set([merged])
    call = FeedbackCall.objects.create(
        plan=plan,
        called_by=owner,
        called_at=plan.created_at,
        outcome="offer",
        closing_question_asked=merged,
    )
    closingquestion_merge(source=merged, target=kept)
    call.refresh_from_db()
    assert call.closing_question_asked == kept
    assert list(plan.closing_questions.all()) == [kept]
    assert ClosingQuestion.objects.get(pk=merged.pk).status == "retired"


def test_saving_a_plan_rebuttal_is_a_proposal_for_a_salesperson(team, owner, manager, plan):
    objection = objection_add(plan=plan, category="other", text="Rate", rebuttal="Value")
    proposal = objection_save_to_library(objection=objection, by=owner)
    assert proposal.status == "proposed"
    live = objection_save_to_library(objection=objection, by=manager)
    assert live.status == "active" and live.pk != proposal.pk


def test_an_objection_remembers_the_library_entry_it_came_from(team, plan, other_team):
    template = objectiontemplate_create(team=team, category="other", text="Rate", rebuttal="V")
    objection = objection_add(plan=plan, category="other", text="Rate", template=template)
    assert objection.template == template
    foreign = objectiontemplate_create(team=other_team, category="other", text="R", rebuttal="V")
    with pytest.raises(ValidationError, match="not in your team's library"):
        objection_add(plan=plan, category="other", text="Rate", template=foreign)
