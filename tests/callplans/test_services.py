import pytest
from django.core.exceptions import ValidationError

from callplans.models import CallPlan, Objection, ObjectionTemplate
from callplans.services import (
    callplan_get_or_create,
    callplan_mark_ready,
    callplan_update,
    objection_add,
    objection_move,
    objection_remove,
    objection_save_to_library,
    objection_update,
    planevidence_link,
)
from core.locking import StaleEdit
from tests.factories import ClosingQuestionFactory, EngagementFactory, RequirementFactory


def add(plan, text, **kwargs):
    return objection_add(plan=plan, category="skill_gap", text=text, **kwargs)


def test_preparing_a_plan_twice_opens_the_same_plan(plan, owner):
    again, created = callplan_get_or_create(submittal=plan.submittal, author=owner)
    assert (again, created) == (plan, False)


def test_every_change_bumps_the_version_and_is_kept_in_history(plan):
    start = plan.version
    objection = add(plan, "Light on Kubernetes")
    objection_update(
        objection=objection,
        version=plan.version,
        category="skill_gap",
        text="Light on Kubernetes",
        rebuttal="Five years on EKS",
        likelihood="high",
    )
    plan.refresh_from_db()
    assert plan.version == start + 2
    reasons = [h.history_change_reason for h in plan.history.order_by("history_date")]
    assert reasons == [
        "Plan created",
        "Added objection: Light on Kubernetes",
        "Edited objection: Light on Kubernetes",
    ]


def test_a_save_from_a_stale_copy_is_refused_and_overwrites_nothing(plan):
    objection = add(plan, "Light on Kubernetes", rebuttal="First answer")
    stale = plan.version
    objection_update(
        objection=objection,
        version=stale,
        category="skill_gap",
        text="Light on Kubernetes",
        rebuttal="Colleague's better answer",
        likelihood="high",
    )
    with pytest.raises(StaleEdit, match="Someone else saved this plan"):
        objection_update(
            objection=Objection.objects.get(pk=objection.pk),
            version=stale,
            category="other",
            text="My stale edit",
            rebuttal="My stale rebuttal",
            likelihood="low",
        )
    objection.refresh_from_db()
    assert (objection.text, objection.rebuttal) == (
        "Light on Kubernetes",
        "Colleague's better answer",
    )


def test_objections_move_up_and_down_and_stay_numbered_after_a_removal(plan):
    first, second, third = (add(plan, t) for t in ("One", "Two", "Three"))
    plan.refresh_from_db()
    objection_move(objection=third, version=plan.version, step=-1)
    assert list(plan.objections.values_list("text", flat=True)) == ["One", "Three", "Two"]
    plan.refresh_from_db()
    objection_remove(objection=first, version=plan.version)
    assert list(plan.objections.values_list("text", "position")) == [("Three", 0), ("Two", 1)]


def test_moving_the_first_objection_up_changes_nothing(plan):
    first = add(plan, "One")
    add(plan, "Two")
    plan.refresh_from_db()
    version = plan.version
    objection_move(objection=first, version=version, step=-1)
    plan.refresh_from_db()
    assert plan.version == version
    assert list(plan.objections.values_list("text", flat=True)) == ["One", "Two"]


def test_a_good_rebuttal_goes_to_the_team_library_once(plan, team):
    objection = add(plan, "Light on Kubernetes", rebuttal="Five years on EKS")
    objection_save_to_library(objection=objection)
    objection.rebuttal = "Five years on EKS, 40 services"
    objection_save_to_library(objection=objection)
    library = ObjectionTemplate.objects.filter(team=team)
    assert [(t.text, t.rebuttal) for t in library] == [
        ("Light on Kubernetes", "Five years on EKS, 40 services")
    ]


def test_an_empty_rebuttal_cannot_go_to_the_library(plan):
    with pytest.raises(ValidationError, match="Write the rebuttal"):
        objection_save_to_library(objection=add(plan, "No answer yet"))


def test_evidence_must_be_the_candidates_own_engagement(plan):
    requirement = RequirementFactory(job_order=plan.submittal.job_order)
    with pytest.raises(ValidationError, match="another candidate's"):
        planevidence_link(plan=plan, requirement=requirement, engagement=EngagementFactory())


def test_evidence_from_another_job_is_refused(plan):
    engagement = EngagementFactory(candidate=plan.submittal.candidate)
    with pytest.raises(ValidationError, match="not part of this job"):
        planevidence_link(plan=plan, requirement=RequirementFactory(), engagement=engagement)


def test_closing_questions_come_from_the_team_library(plan, closing_question):
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="Did it before",
        next_action="Ask for an offer",
        closing_questions=[closing_question],
    )
    plan.refresh_from_db()
    assert list(plan.closing_questions.all()) == [closing_question]
    assert plan.next_action == "Ask for an offer"
    foreign = ClosingQuestionFactory()  # another team's library
    with pytest.raises(ValidationError, match="your team's library"):
        callplan_update(
            plan=plan,
            version=plan.version,
            candidate_story="",
            next_action="",
            closing_questions=[foreign],
        )


def test_a_plan_is_marked_ready_only_when_nothing_is_missing(plan):
    with pytest.raises(ValidationError, match="Next action set"):
        callplan_mark_ready(plan=plan, version=plan.version, missing=["Next action set — say"])
    assert CallPlan.objects.get(pk=plan.pk).status == "draft"
    callplan_mark_ready(plan=plan, version=plan.version, missing=[])
    assert CallPlan.objects.get(pk=plan.pk).status == "ready"
