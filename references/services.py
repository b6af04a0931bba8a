import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from candidates.models import Candidate, Engagement
from joborders.models import JobOrder, Requirement
from references.models import Reference, ReferenceCall, ReferenceFinding, ReferenceQuestion


@transaction.atomic
def reference_create(
    *,
    candidate: Candidate,
    name: str,
    engagement: Engagement | None = None,
    title: str = "",
    company: str = "",
    relationship: str = Reference.Relationship.MANAGER,
    email: str = "",
    phone: str = "",
) -> Reference:
    if engagement is not None and engagement.candidate_id != candidate.pk:
        raise ValidationError({"engagement": "That engagement belongs to another candidate."})
    reference = Reference(
        candidate=candidate,
        engagement=engagement,
        name=name,
        title=title,
        company=company or (engagement.employer if engagement else ""),
        relationship=relationship,
        email=email,
        phone=phone,
    )
    reference.full_clean()
    reference.save()
    return reference


@transaction.atomic
def referencecall_create(
    *,
    reference: Reference,
    called_by: User,
    job_order: JobOrder | None = None,
    called_at: datetime.datetime | None = None,
    job_details_shared: bool = False,
    would_rehire: str = ReferenceCall.Rehire.UNSURE,
    rating: int | None = None,
    summary: str = "",
    strengths: str = "",
    concerns: str = "",
    status: str = ReferenceCall.Status.DRAFT,
) -> ReferenceCall:
    if called_by.team_id is None:
        raise ValidationError("Only a member of a team can record reference calls.")
    if job_order is not None and job_order.team_id != called_by.team_id:
        raise ValidationError({"job_order": "That job order belongs to another team."})
    call = ReferenceCall(
        reference=reference,
        called_by=called_by,
        team_id=called_by.team_id,
        job_order=job_order,
        called_at=called_at or timezone.now(),
        job_details_shared=job_details_shared,
        would_rehire=would_rehire,
        rating=rating,
        summary=summary,
        strengths=strengths,
        concerns=concerns,
        status=status,
    )
    call.full_clean()
    call.save()
    return call


@transaction.atomic
def finding_record(
    *,
    call: ReferenceCall,
    assessment: str,
    requirement: Requirement | None = None,
    quote: str = "",
) -> ReferenceFinding:
    """What the reference said about one requirement; saying it again replaces the earlier note."""
    if requirement is not None and requirement.job_order_id != call.job_order_id:
        raise ValidationError({"requirement": "That requirement is not part of the call's job."})
    finding = None
    if requirement is not None:
        finding = ReferenceFinding.objects.filter(call=call, requirement=requirement).first()
    finding = finding or ReferenceFinding(call=call, requirement=requirement)
    finding.assessment = assessment
    finding.quote = quote
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def referencequestion_create(*, team: Team, text: str, category: str = "") -> ReferenceQuestion:
    question = ReferenceQuestion(team=team, text=text, category=category)
    question.full_clean()
    question.save()
    return question
