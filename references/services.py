import copy
import datetime
import uuid
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Team, User
from candidates.models import Candidate, Engagement
from core.locking import save_versioned
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
    draft_key: uuid.UUID | None = None,
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
    if draft_key is not None:
        call.draft_key = draft_key
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
        finding = call.findings.filter(requirement=requirement).first()
    finding = finding or ReferenceFinding(call=call, requirement=requirement)
    finding.assessment = assessment
    finding.quote = quote
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def referencequestion_create(*, team: Team, text: str, category: str = "") -> ReferenceQuestion:
    question = ReferenceQuestion(team=team, text=text.strip(), category=category.strip())
    question.full_clean()
    if team.reference_questions.filter(text__iexact=question.text).exists():
        raise ValidationError({"text": "That question is already in the team's bank."})
    question.save()
    return question


def referencequestion_remove(*, question: ReferenceQuestion) -> None:
    question.delete()


# What the call page may change; everything else (reference, job, team, caller) is fixed at start.
EDITABLE_CALL_FIELDS = frozenset(
    {"job_details_shared", "would_rehire", "rating", "strengths", "concerns", "summary"}
)
FINDING_FIELDS = frozenset({"assessment", "quote"})
STALE_CALL_MESSAGE = "Someone else changed this call since you opened it."

type FindingChanges = Mapping[Requirement, Mapping[str, str]]


def referencecall_start_draft(
    *,
    draft_key: uuid.UUID,
    reference: Reference,
    called_by: User,
    job_order: JobOrder | None = None,
) -> ReferenceCall:
    """The draft saved under `draft_key`: created by the first save, found by every later one.

    Two saves racing to create it (a double click, a retried request) end with one call."""
    existing = ReferenceCall.objects.filter(draft_key=draft_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return referencecall_create(
                reference=reference, called_by=called_by, job_order=job_order, draft_key=draft_key
            )
    except (IntegrityError, ValidationError) as error:
        existing = ReferenceCall.objects.filter(draft_key=draft_key).first()
        if existing is None:
            raise error
        return existing


@transaction.atomic
def referencecall_save_draft(
    *,
    call: ReferenceCall,
    changes: Mapping[str, object],
    findings: FindingChanges | None = None,
) -> ReferenceCall:
    """Write only the fields the salesperson changed; the others keep what is stored.

    Autosave never checks the version: two people on one call each keep their own edits, and
    on a field both edit the last save wins."""
    _write_fields(call, changes)
    _write_findings(call, findings or {})
    return call


@transaction.atomic
def referencecall_finish(
    *,
    call: ReferenceCall,
    version: int,
    changes: Mapping[str, object],
    findings: FindingChanges | None = None,
) -> ReferenceCall:
    """Mark the call complete, writing the last changes, only if nobody else finished or edited
    it since the page was opened (`version`); otherwise nothing is written."""
    _checked(call, changes)
    save_versioned(
        call,
        version=version,
        changes={**changes, "status": ReferenceCall.Status.COMPLETE},
        stale=STALE_CALL_MESSAGE,
    )
    _write_findings(call, findings or {})
    return call


@transaction.atomic
def finding_clear(*, call: ReferenceCall, requirement: Requirement) -> None:
    """Forget what was noted about one requirement (the salesperson emptied the row)."""
    call.findings.filter(requirement=requirement).delete()


def _write_fields(call: ReferenceCall, changes: Mapping[str, object]) -> None:
    if not changes:
        return
    _checked(call, changes)
    for name, value in changes.items():
        setattr(call, name, value)
    call.save(update_fields=[*changes, "updated_at"])


def _checked(call: ReferenceCall, changes: Mapping[str, object]) -> None:
    """Refuse `changes` (writing nothing) unless they are editable fields with valid values."""
    unknown = set(changes) - EDITABLE_CALL_FIELDS
    if unknown:
        raise ValueError(f"Not editable on a reference call: {sorted(unknown)}")
    draft = copy.copy(call)
    for name, value in changes.items():
        setattr(draft, name, value)
    untouched = [f.name for f in ReferenceCall._meta.concrete_fields if f.name not in changes]
    draft.full_clean(exclude=untouched)


def _write_findings(call: ReferenceCall, findings: FindingChanges) -> None:
    if not findings:
        return
    if any(set(change) - FINDING_FIELDS for change in findings.values()):
        raise ValueError("A finding change names only its assessment and quote.")
    stored = {f.requirement_id: f for f in call.findings.filter(requirement__in=list(findings))}
    for requirement, change in findings.items():
        current = stored.get(requirement.pk)
        assessment = change.get("assessment", current.assessment if current else "")
        quote = change.get("quote", current.quote if current else "")
        if not assessment and not quote:
            if current is not None:
                finding_clear(call=call, requirement=requirement)
            continue
        finding_record(call=call, requirement=requirement, assessment=assessment, quote=quote)
