import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from joborders.models import JobOrder, Requirement
from joborders.selectors import (
    candidates_to_submit,
    get_pipeline_submittal_for_user,
    get_requirement_for_user,
    joborder_list,
    joborder_reference_calls,
    qualification_of,
    requirements_of,
)
from tests.factories import (
    CandidateFactory,
    ClientFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)

K = Requirement.Kind


def _qualified_job(owner, **kwargs):
    job = JobOrderFactory(owner=owner, **kwargs)
    RequirementFactory(job_order=job, kind=K.CHALLENGE)
    RequirementFactory(job_order=job, kind=K.RESULT, description="Release in 30 minutes")
    RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name="AWS"), min_years=3)
    RequirementFactory(job_order=job, kind=K.SKILL, skill=SkillFactory(name="Go"), must_have=False)
    return job


def test_the_list_counts_which_of_the_four_questions_are_answered(owner):
    _qualified_job(owner)
    job = joborder_list(owner).get()
    answers = (job.has_goal, job.has_challenge, job.has_deliverable, job.has_result)
    assert answers == (True, True, False, True)
    assert job.answered == 3


def test_a_job_order_without_a_goal_or_rows_answers_nothing(owner):
    JobOrderFactory(owner=owner, project_goal="")
    assert joborder_list(owner).get().answered == 0


def test_the_list_carries_only_must_have_skills(owner):
    _qualified_job(owner)
    job = joborder_list(owner).get()
    assert [r.skill.name for r in job.must_have_skills] == ["AWS"]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_costs_two_queries_whatever_its_size(owner, django_assert_num_queries, rows):
    for _ in range(rows):
        _qualified_job(owner)
    with django_assert_num_queries(2):
        jobs = list(joborder_list(owner))
        skills = [r.skill.name for job in jobs for r in job.must_have_skills]
        names = [(job.client.name, job.owner.username) for job in jobs]
    assert len(jobs) == rows
    assert len(skills) == len(names) == rows


def test_the_list_shows_only_the_users_team(owner, outsider, superuser):
    mine = JobOrderFactory(owner=owner)
    theirs = JobOrderFactory(owner=outsider)
    assert list(joborder_list(owner)) == [mine]
    assert list(joborder_list(outsider)) == [theirs]
    assert set(joborder_list(superuser)) == {mine, theirs}


def test_the_list_filters_by_status_owner_client_and_text(owner, teammate):
    contoso = ClientFactory(owner=owner, name="Contoso Bank")
    open_job = JobOrderFactory(owner=owner, client=contoso, title="DevOps engineer")
    held = JobOrderFactory(owner=owner, status=JobOrder.Status.ON_HOLD, title="DBA")
    theirs = JobOrderFactory(owner=teammate, title="Data engineer")
    assert list(joborder_list(owner, status="on_hold")) == [held]
    assert list(joborder_list(owner, owner=teammate)) == [theirs]
    assert list(joborder_list(owner, client=contoso)) == [open_job]
    assert list(joborder_list(owner, q="contoso")) == [open_job]
    assert set(joborder_list(owner, q="ENGINEER")) == {open_job, theirs}


def test_the_list_sorts_by_start_date_with_undated_jobs_last(owner):
    later = JobOrderFactory(owner=owner, start_date=datetime.date(2027, 3, 1))
    undated = JobOrderFactory(owner=owner, start_date=None)
    sooner = JobOrderFactory(owner=owner, start_date=datetime.date(2027, 1, 1))
    assert list(joborder_list(owner, sort="start")) == [sooner, later, undated]
    assert list(joborder_list(owner, sort="updated")) == [sooner, undated, later]


def test_qualification_of_a_detail_page_uses_the_loaded_rows(owner):
    job = _qualified_job(owner)
    qualification = qualification_of(job, list(requirements_of(job)))
    assert (qualification.goal, qualification.deliverables, qualification.answered) == (
        True,
        False,
        3,
    )


def test_candidate_search_needs_every_word_and_stops_at_ten(db):
    CandidateFactory(first_name="Alex", last_name="Kim", headline="Platform engineer")
    CandidateFactory(first_name="Alex", last_name="Stone", headline="Data analyst")
    for n in range(12):
        CandidateFactory(first_name=f"Sam{n}", last_name="Platform", headline="DevOps")
    user = CandidateFactory().owner
    assert [c.last_name for c in candidates_to_submit(user, "alex platform")] == ["Kim"]
    assert len(candidates_to_submit(user, "platform")) == 10
    assert candidates_to_submit(user, "   ") == []


def test_archived_candidates_cannot_be_found_to_submit(owner):
    CandidateFactory(first_name="Archie", archived=True)
    assert candidates_to_submit(owner, "archie") == []


def test_reference_calls_of_a_job_order_are_its_own(owner):
    job = JobOrderFactory(owner=owner)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    ReferenceCallFactory(called_by=owner, job_order=JobOrderFactory(owner=owner))
    assert list(joborder_reference_calls(job)) == [call]


def test_a_requirement_is_reached_through_its_job_order(owner, teammate, outsider):
    job = JobOrderFactory(owner=owner)
    row = RequirementFactory(job_order=job)
    other_job = JobOrderFactory(owner=owner)
    assert get_requirement_for_user(owner, job.pk, row.pk, write=True) == row
    assert get_requirement_for_user(teammate, job.pk, row.pk) == row
    with pytest.raises(PermissionDenied):
        get_requirement_for_user(teammate, job.pk, row.pk, write=True)
    with pytest.raises(Http404):
        get_requirement_for_user(outsider, job.pk, row.pk)
    with pytest.raises(Http404):
        get_requirement_for_user(owner, other_job.pk, row.pk)


def test_the_job_owner_may_move_a_submittal_a_manager_submitted(owner, manager, teammate):
    job = JobOrderFactory(owner=owner)
    submittal = SubmittalFactory(job_order=job, submitted_by=manager)
    assert get_pipeline_submittal_for_user(owner, job.pk, submittal.pk, write=True) == submittal
    with pytest.raises(PermissionDenied):
        get_pipeline_submittal_for_user(teammate, job.pk, submittal.pk, write=True)


def test_a_submittal_is_only_found_on_its_own_job_order(owner, outsider):
    job = JobOrderFactory(owner=owner)
    submittal = SubmittalFactory(job_order=job)
    with pytest.raises(Http404):
        get_pipeline_submittal_for_user(owner, JobOrderFactory(owner=owner).pk, submittal.pk)
    with pytest.raises(Http404):
        get_pipeline_submittal_for_user(outsider, job.pk, submittal.pk)
