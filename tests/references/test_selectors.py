import pytest

from joborders.models import JobOrder, Requirement
from references.selectors import (
    findings_by_kind,
    joborders_to_discuss,
    referencecall_search,
    referencecalls_for_candidate,
    referencecalls_for_joborder,
    requirement_prompt,
    requirements_to_discuss,
)
from tests.factories import (
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)
from tests.references.conftest import requirement_of


def test_calls_for_a_job_order_are_the_teams_only(owner, teammate, outsider, job, reference):
    mine = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    ours = ReferenceCallFactory(called_by=teammate, reference=reference, job_order=job)
    ReferenceCallFactory(called_by=owner, reference=reference)  # no job
    assert set(referencecalls_for_joborder(teammate, job)) == {mine, ours}
    assert not referencecalls_for_joborder(outsider, job).exists()


def test_calls_for_a_candidate_are_the_ones_the_team_made(owner, outsider, candidate, reference):
    ours = ReferenceCallFactory(called_by=owner, reference=reference)
    theirs = ReferenceCallFactory(called_by=outsider, reference=reference)
    ReferenceCallFactory(called_by=owner)  # another candidate
    assert list(referencecalls_for_candidate(owner, candidate)) == [ours]
    assert list(referencecalls_for_candidate(outsider, candidate)) == [theirs]


@pytest.mark.parametrize("count", [3, 30])
def test_listing_calls_for_a_job_or_candidate_takes_one_query(
    owner, job, reference, django_assert_num_queries, count
):
    ReferenceCallFactory.create_batch(count, called_by=owner, reference=reference, job_order=job)
    with django_assert_num_queries(1):
        rows = [
            (c.reference.candidate.full_name, c.job_order.title, str(c.called_by))
            for c in referencecalls_for_joborder(owner, job)
        ]
    assert len(rows) == count
    with django_assert_num_queries(1):
        assert len(list(referencecalls_for_candidate(owner, reference.candidate))) == count


def test_search_needs_every_word_to_match_a_name(owner, reference):
    call = ReferenceCallFactory(called_by=owner, reference=reference)
    assert list(referencecall_search(owner, query="Alex Kim")) == [call]
    assert not referencecall_search(owner, query="Alex Nobody").exists()


def test_requirements_are_talked_through_challenges_first(job):
    kinds = [r.kind for r in requirements_to_discuss(job)]
    assert kinds == ["challenge", "deliverable", "result", "skill"]
    assert requirements_to_discuss(None) == []


def test_the_prompt_asks_for_a_time_the_candidate_did_it(job):
    challenge = requirement_of(job, "challenge")
    skill = requirement_of(job, "skill")
    assert requirement_prompt(challenge, "Alex") == (
        "Tell me about a time Alex solved a challenge like this: stabilise a flaky pipeline…"
    )
    assert requirement_prompt(skill, "Alex") == (
        "Tell me about a time Alex used Kubernetes. How deep did it go?"
    )


@pytest.mark.parametrize(
    ("description", "asked"),
    [
        ("CI/CD pipelines for 40 services", "CI/CD pipelines for 40 services"),
        ("AWS landing zone in Terraform", "AWS landing zone in Terraform"),
        ("iOS release train", "iOS release train"),
        ("Releases fail weekly", "releases fail weekly"),
    ],
)
def test_the_prompt_keeps_acronyms_and_names_as_written(job, description, asked):
    requirement = requirement_of(job, "deliverable")
    requirement.description = description
    assert requirement_prompt(requirement, "Alex") == (
        f"Tell me about a time Alex delivered something like this: {asked}…"
    )


def test_findings_group_by_requirement_kind_with_general_notes_last(owner, job):
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    ReferenceFindingFactory(call=call, requirement=None, quote="General.")
    ReferenceFindingFactory(call=call, requirement=requirement_of(job, "result"))
    ReferenceFindingFactory(call=call, requirement=requirement_of(job, "challenge"))
    headings = [g.heading for g in findings_by_kind(call.findings.select_related("requirement"))]
    assert headings == ["Challenges to solve", "Quantifiable results", "General"]


def test_the_job_picker_offers_submitted_jobs_first_and_only_open_team_jobs(
    owner, outsider, candidate
):
    submitted = JobOrderFactory(owner=owner, title="Submitted")
    SubmittalFactory(job_order=submitted, candidate=candidate)
    other = JobOrderFactory(owner=owner, title="Other")
    JobOrderFactory(owner=owner, status=JobOrder.Status.ON_HOLD)
    JobOrderFactory(owner=owner, archived=True)
    JobOrderFactory(owner=outsider)
    choices = joborders_to_discuss(owner, candidate)
    assert (choices.submitted, choices.others) == ([submitted], [other])


@pytest.mark.parametrize("count", [3, 30])
def test_the_job_picker_takes_one_query(owner, candidate, django_assert_num_queries, count):
    for job in JobOrderFactory.create_batch(count, owner=owner):
        if job.pk % 2:
            SubmittalFactory(job_order=job, candidate=candidate)
    with django_assert_num_queries(1):
        choices = joborders_to_discuss(owner, candidate)
        labels = [f"{j.title} {j.client.name}" for j in choices.submitted + choices.others]
    assert len(labels) == count


def test_a_skill_requirement_prompt_names_the_skill(owner):
    requirement = RequirementFactory(
        job_order=JobOrderFactory(owner=owner),
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Terraform"),
    )
    assert "used Terraform" in requirement_prompt(requirement, "")
    assert "the candidate" in requirement_prompt(requirement, "")


def test_references_of_a_candidate_are_firm_wide(outsider, reference):
    from references.selectors import references_for_candidate

    ReferenceFactory()  # someone else's reference
    assert list(references_for_candidate(reference.candidate_id)) == [reference]
