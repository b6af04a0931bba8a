import pytest

from callplans.services import callplan_create, closingquestion_create
from joborders.models import Requirement
from tests.factories import (
    CandidateFactory,
    ClientContactFactory,
    JobOrderFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
)


@pytest.fixture
def job_order(owner):
    job = JobOrderFactory(owner=owner, project_goal="Move payments to Kubernetes", project_scope="")
    job.contact = ClientContactFactory(client=job.client, name="Dana Ruiz", phone="+1 512 555 0147")
    job.save()
    return job


@pytest.fixture
def plan(owner, job_order):
    submittal = SubmittalFactory(
        job_order=job_order,
        candidate=CandidateFactory(first_name="Alex", last_name="Morgan"),
        submitted_by=owner,
    )
    return callplan_create(submittal=submittal, author=owner)


@pytest.fixture
def kubernetes_gap(plan):
    return RequirementFactory(
        job_order=plan.submittal.job_order,
        kind=Requirement.Kind.SKILL,
        skill=SkillFactory(name="Kubernetes"),
        min_years=4,
        description="",
    )


@pytest.fixture
def closing_question(team):
    return closingquestion_create(team=team, text="Shall I extend an offer on your behalf?")
