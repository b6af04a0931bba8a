import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from references.models import ReferenceCall, ReferenceFinding
from references.services import finding_record, reference_create, referencecall_create
from tests.factories import (
    CandidateFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    RequirementFactory,
)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_one_to_five_is_refused_with_a_clear_message(owner, rating):
    reference = reference_create(candidate=CandidateFactory(), name="Lee Park")
    with pytest.raises(ValidationError, match="The rating must be between 1 and 5"):
        referencecall_create(reference=reference, called_by=owner, rating=rating)
    assert not ReferenceCall.objects.exists()


def test_the_database_refuses_a_rating_outside_one_to_five(owner):
    call = ReferenceCallFactory(called_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceCall.objects.filter(pk=call.pk).update(rating=9)


def test_a_reference_from_an_engagement_takes_the_employer_as_company(db):
    engagement = EngagementFactory(employer="Globex")
    reference = reference_create(
        candidate=engagement.candidate, engagement=engagement, name="Kim Lee"
    )
    assert reference.company == "Globex"


def test_a_reference_cannot_point_at_another_candidates_engagement(db):
    with pytest.raises(ValidationError, match="another candidate"):
        reference_create(candidate=CandidateFactory(), engagement=EngagementFactory(), name="X")


def test_a_call_cannot_be_filed_against_another_teams_job(owner, outsider):
    reference = reference_create(candidate=CandidateFactory(), name="Lee Park")
    with pytest.raises(ValidationError, match="another team"):
        referencecall_create(
            reference=reference, called_by=owner, job_order=JobOrderFactory(owner=outsider)
        )


def test_a_second_finding_on_a_requirement_replaces_the_first(owner):
    job = JobOrderFactory(owner=owner)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    finding_record(call=call, requirement=requirement, assessment="adequate", quote="Fine.")
    finding_record(call=call, requirement=requirement, assessment="strong", quote="Superb.")
    assert [(f.assessment, f.quote) for f in call.findings.all()] == [("strong", "Superb.")]


def test_a_finding_must_be_about_the_calls_job(owner):
    call = ReferenceCallFactory(called_by=owner, job_order=JobOrderFactory(owner=owner))
    other_requirement = RequirementFactory(job_order=JobOrderFactory(owner=owner))
    with pytest.raises(ValidationError, match="not part of the call's job"):
        finding_record(call=call, requirement=other_requirement, assessment="strong")
    assert not ReferenceFinding.objects.exists()
