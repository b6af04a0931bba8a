import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from callplans.models import CallPlan
from callplans.selectors import plan_page_for, with_readiness
from callplans.selectors.readiness import CHECKS, SubmittalReadiness
from joborders.models import Requirement, Submittal
from references.models import ReferenceFinding
from reviews.selectors import ReviewFilters, review_plans_for, reviews_for_author
from tests.factories import (
    CandidateSkillFactory,
    ClientFactory,
    EngagementFactory,
    ObjectionFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)
from tests.reviews.support import (
    bare_plan,
    in_days,
    ready_plan,
    reviewed,
)


def sql_readiness(plan):
    return with_readiness(CallPlan.objects.filter(pk=plan.pk)).get()


def compiled_readiness(plan):
    """The compiled SQL (`SubmittalReadiness`) read in the plan's submittal row."""
    submittals = Submittal.objects.annotate(readiness=SubmittalReadiness())
    return submittals.values_list("readiness", flat=True).get(pk=plan.submittal_id)


def assert_sql_matches_plan_page(plan):
    annotated, checklist = sql_readiness(plan), plan_page_for(plan.pk).checklist
    assert [getattr(annotated, name) for name in CHECKS] == [i.done for i in checklist.items]
    assert annotated.readiness == checklist.score
    assert compiled_readiness(plan) == checklist.score
    return annotated.readiness


def skill_requirement(plan, name="Kubernetes", *, must_have=True, min_years=4):
    return RequirementFactory(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name=name),
        min_years=min_years,
        description="",
        must_have=must_have,
    )


def finding(plan, requirement, assessment):
    call = ReferenceCallFactory(
        reference=ReferenceFactory(candidate=plan.submittal.candidate), called_by=plan.author
    )
    return ReferenceFindingFactory(call=call, requirement=requirement, assessment=assessment)


# --- Readiness in SQL against the plan page's checklist -------------------------------------


def test_a_bare_plan_scores_a_third_in_sql_and_on_the_plan_page(owner):
    assert assert_sql_matches_plan_page(bare_plan(owner)) == 33


def test_a_plan_with_every_item_done_scores_100_in_sql(owner):
    assert assert_sql_matches_plan_page(ready_plan(owner)) == 100


def test_a_must_have_skill_gap_without_a_rebuttal_fails_the_rebuttal_item(owner):
    plan = ready_plan(owner)
    skill_requirement(plan)
    assert assert_sql_matches_plan_page(plan) == 83
    assert sql_readiness(plan).check_rebuttals is False


def test_a_rebuttal_on_the_gap_passes_the_rebuttal_item(owner):
    plan = ready_plan(owner)
    ObjectionFactory(plan=plan, requirement=skill_requirement(plan), rebuttal="Ran EKS for 2 years")
    assert assert_sql_matches_plan_page(plan) == 100


def test_an_objection_without_a_rebuttal_does_not_answer_the_gap(owner):
    plan = ready_plan(owner)
    ObjectionFactory(plan=plan, requirement=skill_requirement(plan), rebuttal="")
    assert assert_sql_matches_plan_page(plan) == 83


@pytest.mark.parametrize(
    "evidence",
    ["fewer_years", "used_on_a_project", "reference_vouched", "nice_to_have"],
)
def test_a_partly_met_or_optional_skill_needs_no_rebuttal(owner, evidence):
    plan = ready_plan(owner)
    requirement = skill_requirement(plan, must_have=evidence != "nice_to_have")
    skill, candidate = requirement.skill, plan.submittal.candidate
    if evidence == "fewer_years":
        CandidateSkillFactory(candidate=candidate, skill=skill, years=Decimal("1.0"))
    elif evidence == "used_on_a_project":
        EngagementFactory(candidate=candidate, skills=[skill])
    elif evidence == "reference_vouched":
        finding(plan, requirement, ReferenceFinding.Assessment.STRONG)
    assert assert_sql_matches_plan_page(plan) == 100


def test_a_reference_concern_outranks_strong_years_and_needs_a_rebuttal(owner):
    plan = ready_plan(owner)
    requirement = skill_requirement(plan)
    CandidateSkillFactory(candidate=plan.submittal.candidate, skill=requirement.skill, years=9)
    finding(plan, requirement, ReferenceFinding.Assessment.CONCERN)
    assert assert_sql_matches_plan_page(plan) == 83


def test_an_outcome_with_only_an_adequate_reference_is_partial_not_a_gap(owner):
    plan = ready_plan(owner)
    requirement = RequirementFactory(job_order=plan.submittal.job_order, kind="experience")
    assert assert_sql_matches_plan_page(plan) == 83  # no evidence yet: a gap
    finding(plan, requirement, ReferenceFinding.Assessment.ADEQUATE)
    assert assert_sql_matches_plan_page(plan) == 100


def test_another_teams_reference_call_does_not_count(owner, outsider):
    plan = bare_plan(owner)
    ReferenceCallFactory(
        reference=ReferenceFactory(candidate=plan.submittal.candidate),
        job_order=plan.submittal.job_order,
        called_by=outsider,
    )
    assert assert_sql_matches_plan_page(plan) == 33


def test_a_blank_goal_or_next_action_fails_those_items(owner):
    plan = ready_plan(owner, next_action="   ")
    job = plan.submittal.job_order
    job.project_goal = "  "
    job.save()
    assert assert_sql_matches_plan_page(plan) == 67


def test_the_documented_difference_a_whitespace_only_rebuttal_counts_only_in_sql(owner):
    """SQL TRIM removes spaces only; the plan page strips tabs and line breaks too."""
    plan = ready_plan(owner)
    ObjectionFactory(plan=plan, requirement=skill_requirement(plan), rebuttal="\n\t")
    assert sql_readiness(plan).readiness == compiled_readiness(plan) == 100
    assert plan_page_for(plan.pk).checklist.score == 83


def test_readiness_of_many_plans_is_one_query(owner, django_assert_num_queries):
    for _ in range(4):
        ready_plan(owner)
        bare_plan(owner)
    with django_assert_num_queries(1):
        scores = sorted(p.readiness for p in with_readiness(CallPlan.objects.all()))
    assert scores == [33] * 4 + [100] * 4


def test_compiled_readiness_is_none_without_a_plan_and_one_query_for_many(
    owner, django_assert_num_queries
):
    plans = [ready_plan(owner), bare_plan(owner), ready_plan(owner)]
    lone = SubmittalFactory(submitted_by=owner)
    submittals = Submittal.objects.annotate(readiness=SubmittalReadiness()).order_by("pk")
    with django_assert_num_queries(1):
        scores = {s.pk: s.readiness for s in submittals}
    assert scores == {
        plans[0].submittal_id: 100,
        plans[1].submittal_id: 33,
        plans[2].submittal_id: 100,
        lone.pk: None,
    }


def test_compiled_readiness_correlates_through_another_column(owner):
    """The outer column may be a submittal id of another model's row (a plan's)."""
    plans = [ready_plan(owner), bare_plan(owner)]
    annotated = CallPlan.objects.annotate(score=SubmittalReadiness("submittal_id")).order_by("pk")
    assert [p.score for p in annotated] == [100, 33]
    assert [p.pk for p in annotated] == [p.pk for p in plans]


def test_compiled_readiness_refuses_to_run_inside_a_subquery(owner):
    ready_plan(owner)
    inner = Submittal.objects.annotate(readiness=SubmittalReadiness()).filter(readiness=100)
    with pytest.raises(ValueError, match="top-level"):
        list(Submittal.objects.filter(pk__in=inner.values("pk")))


# --- The review list: filters and sorts ------------------------------------------------------


@pytest.fixture
def team_plans(owner, teammate, manager, outsider):
    """Four plans of the team and one of another team."""
    acme = ClientFactory(owner=owner, name="Acme Bank")
    plans = {
        "soon": bare_plan(owner, client=acme, interview_at=in_days(1), first_name="Sol"),
        "later": ready_plan(teammate, interview_at=in_days(5), first_name="Lena", status="ready"),
        "unscheduled": ready_plan(owner, client=acme, first_name="Uma", status="approved"),
        "past": bare_plan(
            teammate, interview_at=in_days(-3), first_name="Pia", status="needs_work"
        ),
    }
    plans["outside"] = bare_plan(outsider, interview_at=in_days(2), first_name="Otto")
    reviewed(plans["unscheduled"], manager)
    return plans


def listed(user, **filters):
    return [p.pk for p in review_plans_for(user, ReviewFilters(**filters))]


def pks(plans, *names):
    return [plans[n].pk for n in names]


def test_a_manager_sees_the_teams_plans_by_interview_date_unscheduled_last(manager, team_plans):
    assert listed(manager) == pks(team_plans, "past", "soon", "later", "unscheduled")


def test_a_superuser_sees_every_teams_plans(superuser, team_plans):
    assert len(listed(superuser)) == 5


def test_latest_interview_first_still_puts_unscheduled_last(manager, team_plans):
    assert listed(manager, sort="-interview") == pks(
        team_plans, "later", "soon", "past", "unscheduled"
    )


def test_sorting_by_readiness_puts_the_least_ready_first(manager, team_plans):
    assert listed(manager, sort="readiness") == pks(
        team_plans, "past", "soon", "later", "unscheduled"
    )
    assert listed(manager, sort="-readiness") == pks(
        team_plans, "later", "unscheduled", "past", "soon"
    )


def test_filters_by_salesperson_status_readiness_and_client(manager, teammate, team_plans):
    acme = team_plans["soon"].submittal.job_order.client
    assert listed(manager, salesperson=teammate) == pks(team_plans, "past", "later")
    assert listed(manager, status="approved") == pks(team_plans, "unscheduled")
    assert listed(manager, readiness="ready") == pks(team_plans, "later", "unscheduled")
    assert listed(manager, readiness="below") == pks(team_plans, "past", "soon")
    assert listed(manager, client=acme) == pks(team_plans, "soon", "unscheduled")


def test_filters_by_interview_dates_inclusive(manager, team_plans):
    today = timezone.localdate()
    assert listed(manager, interview_from=today) == pks(team_plans, "soon", "later")
    assert listed(manager, interview_to=today + datetime.timedelta(days=1)) == pks(
        team_plans, "past", "soon"
    )
    assert listed(
        manager,
        interview_from=today + datetime.timedelta(days=1),
        interview_to=today + datetime.timedelta(days=1),
    ) == pks(team_plans, "soon")


def test_each_row_carries_its_newest_review_only(manager, team_plans):
    plan = team_plans["unscheduled"]
    reviewed(plan, manager, decision="needs_work", comment="Add a closing question")
    row = next(p for p in review_plans_for(manager, ReviewFilters()) if p.pk == plan.pk)
    assert [r.comment for r in row.latest_reviews] == ["Add a closing question"]


def test_the_author_gets_the_newest_reviews_of_their_plans(owner, manager, team_plans):
    reviewed(team_plans["soon"], manager, decision="needs_work", comment="Rebuttals, please")
    assert [r.comment for r in reviews_for_author(owner)] == [
        "Rebuttals, please",
        "Good rebuttals.",
    ]


def test_objections_of_another_plan_do_not_answer_this_plans_gap(owner):
    plan, other = ready_plan(owner), ready_plan(owner)
    requirement = skill_requirement(plan)
    ObjectionFactory(plan=other, requirement=requirement)
    assert assert_sql_matches_plan_page(plan) == 83
