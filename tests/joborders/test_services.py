import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from joborders.models import JobOrder, Requirement, Submittal
from joborders.services import (
    client_contact_create,
    client_create,
    joborder_create,
    requirement_add,
    submittal_change_status,
    submittal_create,
)
from tests.factories import CandidateFactory, ClientFactory, JobOrderFactory, SkillFactory


def test_a_job_order_belongs_to_its_owners_team(owner):
    client = client_create(owner=owner, name="Contoso Bank")
    contact = client_contact_create(client=client, name="Dana Ruiz", phone="+1 555 0123")
    job = joborder_create(owner=owner, client=client, contact=contact, title="DevOps engineer")
    assert job.team == owner.team
    assert job.status == JobOrder.Status.OPEN


def test_a_job_order_cannot_use_another_teams_client(owner, outsider):
    foreign_client = ClientFactory(owner=outsider)
    with pytest.raises(ValidationError, match="belongs to another team"):
        joborder_create(owner=owner, client=foreign_client, title="Data engineer")


def test_requirements_keep_the_order_they_were_added_in(owner):
    job = JobOrderFactory(owner=owner)
    first = requirement_add(job_order=job, kind=Requirement.Kind.CHALLENGE, description="A")
    second = requirement_add(
        job_order=job, kind=Requirement.Kind.SKILL, skill=SkillFactory(name="AWS"), min_years=3
    )
    assert list(job.requirements.all()) == [first, second]


def test_a_skill_requirement_must_name_its_skill(owner):
    job = JobOrderFactory(owner=owner)
    with pytest.raises(ValidationError, match="must name the skill"):
        requirement_add(job_order=job, kind=Requirement.Kind.SKILL, description="Cloud")


def test_submitting_a_candidate_twice_says_so_and_keeps_the_first(owner):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory()
    first = submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    with pytest.raises(ValidationError, match="already submitted to this job order"):
        submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    assert list(Submittal.objects.all()) == [first]


def test_the_database_refuses_a_duplicate_submittal(owner):
    job = JobOrderFactory(owner=owner)
    candidate = CandidateFactory()
    submittal_create(job_order=job, candidate=candidate, submitted_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submittal.objects.create(
            job_order=job, candidate=candidate, submitted_by=owner, submitted_at=job.created_at
        )


def test_every_stage_change_is_recorded(owner, manager):
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=owner), candidate=CandidateFactory(), submitted_by=owner
    )
    submittal_change_status(
        submittal=submittal, status=Submittal.Status.INTERVIEW_SCHEDULED, changed_by=owner
    )
    submittal_change_status(submittal=submittal, status=Submittal.Status.OFFER, changed_by=manager)
    steps = [(e.from_status, e.to_status, e.changed_by) for e in submittal.events.all()]
    assert steps == [
        ("", "submitted", owner),
        ("submitted", "interview_scheduled", owner),
        ("interview_scheduled", "offer", manager),
    ]


def test_an_unknown_stage_is_refused(owner):
    submittal = submittal_create(
        job_order=JobOrderFactory(owner=owner), candidate=CandidateFactory(), submitted_by=owner
    )
    with pytest.raises(ValidationError, match="not a submittal stage"):
        submittal_change_status(submittal=submittal, status="hired", changed_by=owner)
    assert submittal.events.count() == 1


def test_a_job_order_with_submittals_cannot_be_deleted(owner):
    job = JobOrderFactory(owner=owner)
    submittal_create(job_order=job, candidate=CandidateFactory(), submitted_by=owner)
    with pytest.raises(ProtectedError):
        job.delete()


def test_a_salesperson_who_owns_job_orders_cannot_be_deleted(owner):
    JobOrderFactory(owner=owner)
    with pytest.raises(ProtectedError):
        owner.delete()
