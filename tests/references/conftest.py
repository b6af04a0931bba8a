"""Shared set-up for the reference call tests: a job with requirements of every kind, a
candidate submitted to it, and one of the candidate's references."""

import pytest

from joborders.models import Requirement
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)


@pytest.fixture
def job(owner):
    job = JobOrderFactory(owner=owner, title="Platform engineer")
    K = Requirement.Kind
    RequirementFactory(job_order=job, kind=K.CHALLENGE, description="Stabilise a flaky pipeline")
    RequirementFactory(job_order=job, kind=K.DELIVERABLE, description="Terraform modules")
    RequirementFactory(job_order=job, kind=K.RESULT, description="Releases in under an hour")
    RequirementFactory(
        job_order=job, kind=K.SKILL, description="", skill=SkillFactory(name="Kubernetes")
    )
    return job


@pytest.fixture
def candidate(owner):
    return CandidateFactory(owner=owner, first_name="Alex", last_name="Rivera")


@pytest.fixture
def reference(candidate):
    return ReferenceFactory(candidate=candidate, name="Pat Kim", company="Northwind")


@pytest.fixture
def submittal(job, candidate):
    return SubmittalFactory(job_order=job, candidate=candidate)


def requirement_of(job, kind: str):
    return job.requirements.get(kind=kind)
