import datetime
import io

from django.core.management import call_command

from callplans.models import CallPlan
from callplans.selectors import plan_page_for
from callplans.services import callplan_update, objection_add, objectiontemplate_create
from joborders.models import Requirement
from references.services import finding_record
from tests.factories import (
    CandidateSkillFactory,
    EngagementFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
)


def suggestions(plan):
    return {(s.category, s.likelihood): s for s in plan_page_for(plan.pk).suggestions}


def test_a_missing_must_have_skill_suggests_a_likely_skill_gap(plan, kubernetes_gap):
    suggestion = suggestions(plan)[("skill_gap", "high")]
    assert suggestion.text == "We need 4 years of Kubernetes and I don't see it on Alex's résumé."
    assert suggestion.requirement_id == kubernetes_gap.pk


def test_fewer_years_suggest_a_medium_skill_gap(plan, kubernetes_gap):
    CandidateSkillFactory(candidate=plan.submittal.candidate, skill=kubernetes_gap.skill, years=2)
    assert ("skill_gap", "medium") in suggestions(plan)


def test_each_kind_of_need_maps_to_the_sources_objection_question(plan):
    job = plan.submittal.job_order
    for kind in ("experience", "challenge", "deliverable", "result"):
        RequirementFactory(job_order=job, kind=kind, description=f"A {kind}", must_have=False)
    categories = {s.requirement_id: s.category for s in plan_page_for(plan.pk).suggestions}
    kinds = dict(job.requirements.values_list("pk", "kind"))
    assert {kinds[pk]: c for pk, c in categories.items()} == {
        "experience": "experience_gap",
        "challenge": "not_solved_before",
        "deliverable": "not_delivered_before",
        "result": "not_delivered_before",
    }


def test_a_reference_concern_is_a_high_likelihood_objection(plan, owner):
    requirement = RequirementFactory(job_order=plan.submittal.job_order, description="Own on-call")
    reference = ReferenceFactory(candidate=plan.submittal.candidate)
    call = ReferenceCallFactory(
        reference=reference, called_by=owner, job_order=plan.submittal.job_order
    )
    finding_record(call=call, requirement=requirement, assessment="concern")
    suggestion = suggestions(plan)[("not_solved_before", "high")]
    # The client's words; the doubt is the salesperson's to know, beside it.
    assert suggestion.text == "Has Alex actually solved “Own on-call” before?"
    assert suggestion.note.startswith(f"For you: {reference.name} had doubts about this")
    assert "reference concern" in suggestion.reasons


def test_a_project_bigger_than_any_engagement_suggests_a_scope_objection(plan):
    job = plan.submittal.job_order
    job.project_scope = "Platform team of 12, six months"
    job.save()
    EngagementFactory(candidate=plan.submittal.candidate, team_size=5)
    suggestion = suggestions(plan)[("scope", "medium")]
    assert suggestion.text.startswith(
        "Our team is 12 people; Alex's biggest project was a team of 5"
    )


def test_no_scope_objection_when_the_candidate_worked_at_that_size(plan):
    job = plan.submittal.job_order
    job.project_scope = "Team of 8"
    job.save()
    EngagementFactory(candidate=plan.submittal.candidate, team_size=10)
    assert all(c != "scope" for c, _ in suggestions(plan))


def test_a_suggestion_is_prefilled_with_the_libraries_rebuttal_for_that_skill(
    plan, kubernetes_gap, team
):
    objectiontemplate_create(team=team, category="skill_gap", text="Generic", rebuttal="General")
    objectiontemplate_create(
        team=team,
        category="skill_gap",
        text="Kube",
        rebuttal="Ran EKS for years",
        skill=kubernetes_gap.skill,
    )
    suggestion = suggestions(plan)[("skill_gap", "high")]
    assert [t.rebuttal for t in suggestion.alternatives] == ["Ran EKS for years", "General"]
    assert suggestion.rebuttal.startswith("No evidence on record yet")  # the draft comes first


def test_without_evidence_the_draft_says_so_and_whom_to_ask(plan, kubernetes_gap):
    suggestion = suggestions(plan)[("skill_gap", "high")]
    assert suggestion.rebuttal == (
        "No evidence on record yet that Alex has used Kubernetes. Before the call, ask the "
        "candidate and a reference whether Alex has used Kubernetes, when and where."
    )
    assert suggestion.alternatives == ()
    assert "adjacent skill" in suggestion.prompt


def test_an_objection_already_in_the_plan_is_not_suggested_again(plan, kubernetes_gap):
    objection_add(plan=plan, category="skill_gap", text="Kube", requirement=kubernetes_gap)
    assert suggestions(plan) == {}


def test_the_four_most_likely_objections_are_marked(plan):
    made = [
        objection_add(plan=plan, category="other", text=f"O{n}", likelihood=likelihood)
        for n, likelihood in enumerate(["low", "high", "medium", "low", "high", "medium"])
    ]
    likely = plan_page_for(plan.pk).likely_ids
    assert {o.text for o in made if o.pk in likely} == {"O1", "O4", "O2", "O5"}


def skill_requirement(plan, name, must_have=True):
    return RequirementFactory(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name=name),
        min_years=1,
        must_have=must_have,
        description="",
    )


def checklist(plan):
    return {i.key: i.done for i in plan_page_for(plan.pk).checklist.items}


def test_the_checklist_starts_with_the_job_unqualified(plan):
    assert checklist(plan) == {
        "qualified": False,
        "reference": False,
        "rebuttals": True,
        "closing": False,
        "next_action": False,
        "rehearsed": False,
    }


def test_the_job_is_qualified_with_a_goal_and_each_of_the_three_answers(plan):
    job = plan.submittal.job_order
    for kind in ("challenge", "deliverable"):
        RequirementFactory(job_order=job, kind=kind)
    assert not checklist(plan)["qualified"]
    RequirementFactory(job_order=job, kind="result")
    assert checklist(plan)["qualified"]


def test_only_a_reference_call_about_this_job_counts(plan, owner):
    reference = ReferenceFactory(candidate=plan.submittal.candidate)
    ReferenceCallFactory(
        reference=reference, called_by=owner, called_at=datetime.datetime.now(datetime.UTC)
    )
    assert not checklist(plan)["reference"]
    ReferenceCallFactory(reference=reference, called_by=owner, job_order=plan.submittal.job_order)
    assert checklist(plan)["reference"]


def test_every_must_have_gap_needs_an_objection_with_a_rebuttal(plan):
    gap = skill_requirement(plan, "Go")
    skill_requirement(plan, "Rust", must_have=False)  # nice-to-haves do not block
    page = plan_page_for(plan.pk)
    assert not checklist(plan)["rebuttals"]
    assert "Go, 1+ years" in " ".join(page.checklist.missing)
    objection_add(plan=plan, category="skill_gap", text="No Go", requirement=gap)
    assert not checklist(plan)["rebuttals"]  # an objection without a rebuttal is not ready
    objection_add(plan=plan, category="skill_gap", text="No Go 2", requirement=gap, rebuttal="Ok")
    assert checklist(plan)["rebuttals"]


def test_closing_question_and_next_action_complete_their_items(plan, closing_question):
    callplan_update(
        plan=plan,
        version=plan.version,
        candidate_story="",
        next_action="Ask for the offer by Friday",
        closing_questions=[closing_question],
    )
    done = checklist(plan)
    assert done["closing"] and done["next_action"]


def test_every_demo_plan_with_three_or_more_objections_marks_three_or_four_most_likely(db):
    call_command("seed_demo", stdout=io.StringIO())
    checked = 0
    for plan in CallPlan.objects.all():
        page = plan_page_for(plan.pk)
        if len(page.objections) >= 3:
            assert 3 <= len(page.likely_ids) <= 4, plan
            checked += 1
    assert checked >= 1


def test_a_plan_with_nine_gaps_marks_exactly_four_with_must_haves_first(plan):
    for n in range(9):
        skill_requirement(plan, f"Skill {n}", must_have=n % 3 == 0)
    for suggestion in plan_page_for(plan.pk).suggestions:
        objection_add(
            plan=plan,
            category=suggestion.category,
            text=suggestion.text,
            likelihood=suggestion.likelihood,
            requirement=Requirement.objects.get(pk=suggestion.requirement_id),
        )
    page = plan_page_for(plan.pk)
    assert len(page.objections) == 9
    assert len(page.likely_ids) == 4
    assert all(o.requirement.must_have for o in page.most_likely[:3])
    assert all(page.ranks[o.pk].reason for o in page.objections)


def test_the_demo_plan_drafts_the_argo_cd_rebuttal_from_flux_and_pat_kims_words(db):
    # The README's tour walks through this draft: it must stay what the tour says.
    call_command("seed_demo", stdout=io.StringIO())
    plan = CallPlan.objects.get(submittal__candidate__first_name="Alex")
    page = plan_page_for(plan.pk)
    (argo,) = [s for s in page.suggestions if "Argo CD" in s.text]
    assert argo.text == "We need 2 years of Argo CD and I don't see it on Alex's résumé."
    assert "Pat Kim, Head of Platform, said: “Alex ran GitOps with Flux" in argo.rebuttal
    assert "3 years of Flux, a skill of the same family as Argo CD." in argo.rebuttal
    (result,) = [s for s in page.suggestions if "Change failure rate" in s.text]
    assert "Northwind Payments (its record mentions" in result.rebuttal
