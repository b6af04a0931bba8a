import datetime

import pytest

from callplans.selectors import gap_view_for
from callplans.services import planevidence_link
from joborders.models import Requirement
from references.services import finding_record
from tests.factories import (
    CallPlanFactory,
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)


@pytest.fixture
def submittal(owner):
    return SubmittalFactory(job_order=JobOrderFactory(owner=owner), submitted_by=owner)


def status_of(view, requirement):
    return next(r.status for r in view.rows if r.requirement_id == requirement.pk)


def test_it_shows_every_requirement_in_the_jobs_order(submittal):
    first = RequirementFactory(job_order=submittal.job_order, position=0, description="One")
    second = RequirementFactory(job_order=submittal.job_order, position=1, description="Two")
    view = gap_view_for(submittal)
    assert [r.requirement_id for r in view.rows] == [first.pk, second.pk]


def test_it_flags_a_missing_must_have_skill(submittal):
    kube = SkillFactory(name="Kubernetes")
    requirement = RequirementFactory(
        job_order=submittal.job_order, kind=Requirement.Kind.SKILL, skill=kube, min_years=3
    )
    view = gap_view_for(submittal)
    assert status_of(view, requirement) == "gap"
    assert view.weaknesses == ("Kubernetes, 3+ years: No evidence of this skill; needs 3 years.",)


def test_it_reads_years_through_the_shared_taxonomy(submittal):
    kube = SkillFactory(name="Kubernetes")
    CandidateSkillFactory(candidate=submittal.candidate, skill=kube, years=2)
    requirement = RequirementFactory(
        job_order=submittal.job_order, kind=Requirement.Kind.SKILL, skill=kube, min_years=3
    )
    row = gap_view_for(submittal).rows[0]
    assert status_of(gap_view_for(submittal), requirement) == "partial"
    assert row.skill_evidence.years == 2


def test_an_engagement_that_used_the_skill_is_shown_as_evidence(submittal):
    kube = SkillFactory(name="Kubernetes")
    engagement = EngagementFactory(candidate=submittal.candidate, skills=[kube])
    RequirementFactory(job_order=submittal.job_order, kind=Requirement.Kind.SKILL, skill=kube)
    row = gap_view_for(submittal).rows[0]
    assert [e.employer for e in row.engagements] == [engagement.employer]
    assert row.status == "partial"


def test_a_linked_engagement_makes_a_challenge_strong_and_keeps_the_note(submittal, owner):
    plan = CallPlanFactory(submittal=submittal, author=owner)
    engagement = EngagementFactory(candidate=submittal.candidate, employer="Northwind")
    challenge = RequirementFactory(job_order=submittal.job_order, description="Flaky releases")
    assert status_of(gap_view_for(submittal), challenge) == "gap"
    planevidence_link(
        plan=plan, requirement=challenge, engagement=engagement, similarity_note="Same bank size"
    )
    row = gap_view_for(submittal).rows[0]
    assert row.status == "strong"
    assert row.engagements[0].similarity_note == "Same bank size"


def test_it_suggests_engagements_with_shared_words_but_does_not_count_them(submittal):
    EngagementFactory(
        candidate=submittal.candidate,
        employer="Northwind",
        challenges_solved="Releases failed often and took two days",
    )
    EngagementFactory(
        candidate=submittal.candidate,
        employer="Unrelated",
        project_name="Data warehouse",
        summary="Reporting",
        challenges_solved="Slow dashboards",
        deliverables="Star schema",
        results="Reports in seconds",
    )
    RequirementFactory(
        job_order=submittal.job_order, description="Releases take two days and often fail"
    )
    row = gap_view_for(submittal).rows[0]
    assert [s.employer for s in row.suggestions] == ["Northwind"]
    assert row.status == "gap"


def test_a_reference_concern_from_this_job_marks_the_requirement(submittal, owner):
    requirement = RequirementFactory(job_order=submittal.job_order)
    reference = ReferenceFactory(candidate=submittal.candidate, name="Pat Kim")
    call = ReferenceCallFactory(reference=reference, called_by=owner, job_order=submittal.job_order)
    finding_record(call=call, requirement=requirement, assessment="concern", quote="Not yet.")
    row = gap_view_for(submittal).rows[0]
    assert row.status == "concern"
    assert (row.references[0].reference, row.references[0].quote) == ("Pat Kim", "Not yet.")


def test_another_candidates_reference_is_not_evidence(submittal, owner):
    requirement = RequirementFactory(job_order=submittal.job_order)
    call = ReferenceCallFactory(called_by=owner, job_order=submittal.job_order)  # other candidate
    finding_record(call=call, requirement=requirement, assessment="strong")
    assert gap_view_for(submittal).rows[0].references == ()


def build_job(submittal, count):
    for n in range(count):
        skill = SkillFactory(name=f"Skill {n}")
        RequirementFactory(
            job_order=submittal.job_order, kind=Requirement.Kind.SKILL, skill=skill, min_years=2
        )
        CandidateSkillFactory(candidate=submittal.candidate, skill=skill, years=n % 4)
        RequirementFactory(job_order=submittal.job_order, description=f"Challenge number {n}")
        EngagementFactory(
            candidate=submittal.candidate,
            start_date=datetime.date(2010 + n % 10, 1, 1),
            end_date=None,
            skills=[skill],
        )
        reference = ReferenceFactory(candidate=submittal.candidate)
        call = ReferenceCallFactory(
            reference=reference, called_by=submittal.submitted_by, job_order=submittal.job_order
        )
        finding_record(
            call=call, requirement=submittal.job_order.requirements.last(), assessment="strong"
        )


@pytest.mark.parametrize("size", [3, 30])
def test_the_gap_view_runs_the_same_queries_for_3_or_30_requirements(
    submittal, django_assert_num_queries, size
):
    build_job(submittal, size)
    # Requirements, candidate skills, engagements (their skills, the plan's evidence links to
    # them and, on PostgreSQL, their full-text words in the same row), reference findings.
    with django_assert_num_queries(4):
        view = gap_view_for(submittal)
    assert len(view.rows) == 2 * size
