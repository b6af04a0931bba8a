import copy
import datetime
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import Team, User
from candidates.models import Candidate, Engagement
from core.locking import StaleEdit, editor_name, save_versioned, unseen_changes, who_set
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
    editor: User | None = None,
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
    with _edited_by(finding, editor):
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
FIELD_CONFLICT_MESSAGE = "Someone else changed what you were editing: choose what to keep."
# How far back the history is read to say who wrote a conflicting value (one query, any size).
SETTER_WINDOW = 50

type FindingChanges = Mapping[Requirement, Mapping[str, str]]
# Per field, the fingerprint (core.locking.fingerprint) of the value the editor last saw.
type Seen = Mapping[str, str]
type FindingSeen = Mapping[Requirement, Seen]


@dataclass(frozen=True)
class FieldConflict:
    """Someone else saved `field` (of the call, or `field` "assessment"/"quote" of the finding on
    `requirement`) after the editor last saw it. Their value stays stored; the editor's was not
    written and is handed back for them to choose."""

    field: str
    requirement: Requirement | None
    theirs: object
    mine: object
    by: str
    at: datetime.datetime | None


class EditConflict(StaleEdit):
    """A save refused because fields it changes were changed by someone else meanwhile."""

    def __init__(self, conflicts: tuple[FieldConflict, ...]):
        super().__init__(FIELD_CONFLICT_MESSAGE)
        self.conflicts = conflicts


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
    seen: Seen | None = None,
    findings_seen: FindingSeen | None = None,
    editor: User | None = None,
) -> tuple[FieldConflict, ...]:
    """Write only the fields the salesperson changed; the others keep what is stored.

    Autosave never checks the version: two people on one call each keep the fields they edit.
    A field both edit is checked instead: `seen` and `findings_seen` say what the editor last
    saw of each field, and a field someone else changed since is not written but returned as a
    FieldConflict carrying both values. The rest is written all the same. A value the `editor`
    wrote themselves is never theirs to resolve (a save whose answer was lost, a retry), so
    the history names the editor of every save."""
    _editable(changes, findings or {})
    stored = _lock(call, findings or {})
    conflicts = _conflicts(
        call, stored, changes, findings or {}, seen or {}, findings_seen or {}, editor
    )
    taken = {(c.requirement, c.field) for c in conflicts}
    _write_fields(call, {k: v for k, v in changes.items() if (None, k) not in taken}, editor)
    kept = {
        requirement: {part: v for part, v in change.items() if (requirement, part) not in taken}
        for requirement, change in (findings or {}).items()
    }
    _write_findings(call, {r: change for r, change in kept.items() if change}, stored, editor)
    return conflicts


@transaction.atomic
def referencecall_finish(
    *,
    call: ReferenceCall,
    version: int,
    changes: Mapping[str, object],
    findings: FindingChanges | None = None,
    seen: Seen | None = None,
    findings_seen: FindingSeen | None = None,
    editor: User | None = None,
) -> ReferenceCall:
    """Mark the call complete, writing the last changes, only if nobody else finished it since
    the page was opened (`version`) nor changed a field this save changes (`seen`, as for a
    draft: EditConflict); otherwise nothing is written."""
    _editable(changes, findings or {})
    _checked(call, changes)
    stored = _lock(call, findings or {})
    conflicts = _conflicts(
        call, stored, changes, findings or {}, seen or {}, findings_seen or {}, editor
    )
    if conflicts:
        raise EditConflict(conflicts)
    with _edited_by(call, editor):
        save_versioned(
            call,
            version=version,
            changes={**changes, "status": ReferenceCall.Status.COMPLETE},
            stale=STALE_CALL_MESSAGE,
        )
    _write_findings(call, findings or {}, stored, editor)
    return call


@transaction.atomic
def finding_clear(*, call: ReferenceCall, requirement: Requirement) -> None:
    """Forget what was noted about one requirement (the salesperson emptied the row)."""
    call.findings.filter(requirement=requirement).delete()


def _editable(changes: Mapping[str, object], findings: FindingChanges) -> None:
    unknown = set(changes) - EDITABLE_CALL_FIELDS
    if unknown:
        raise ValueError(f"Not editable on a reference call: {sorted(unknown)}")
    if any(set(change) - FINDING_FIELDS for change in findings.values()):
        raise ValueError("A finding change names only its assessment and quote.")


def _lock(call: ReferenceCall, findings: FindingChanges) -> dict[int, ReferenceFinding]:
    """Read the call afresh and hold it until commit, so that of two saves of one call the
    second compares against what the first wrote; and the stored findings the save changes."""
    call.refresh_from_db(from_queryset=ReferenceCall.objects.select_for_update())
    if not findings:
        return {}
    return {f.requirement_id: f for f in call.findings.filter(requirement__in=list(findings))}


def _conflicts(
    call: ReferenceCall,
    stored: Mapping[int, ReferenceFinding],
    changes: Mapping[str, object],
    findings: FindingChanges,
    seen: Seen,
    findings_seen: FindingSeen,
    editor: User | None,
) -> tuple[FieldConflict, ...]:
    found: list[tuple[Requirement | None, str, object, object]] = [
        (None, name, getattr(call, name), changes[name])
        for name in unseen_changes(
            stored={name: getattr(call, name) for name in changes}, seen=seen, mine=changes
        )
    ]
    for requirement, change in findings.items():
        current = stored.get(requirement.pk)
        theirs = {part: getattr(current, part) if current else "" for part in change}
        for part in unseen_changes(
            stored=theirs, seen=findings_seen.get(requirement, {}), mine=change
        ):
            found.append((requirement, part, theirs[part], change[part]))
    if not found:
        return ()
    setters = _setters(
        call, [r for r, _, _, _ in found if r is not None], [f for r, f, _, _ in found if r is None]
    )
    conflicts = []
    for requirement, field, theirs, mine in found:
        record = setters.get((requirement.pk if requirement else None, field))
        if record is not None and editor is not None and record.history_user_id == editor.pk:
            continue  # their own earlier save: the page just had not heard back yet
        conflicts.append(
            FieldConflict(
                field=field,
                requirement=requirement,
                theirs=theirs,
                mine=mine,
                by=editor_name(record) if record else "Someone",
                at=record.history_date if record else None,
            )
        )
    return tuple(conflicts)


def _setters(
    call: ReferenceCall, requirements: list[Requirement], fields: list[str]
) -> dict[tuple[int | None, str], Any]:
    """Who wrote each conflicting value: a query for the call's history and one for its
    findings', whatever the number of fields."""
    setters: dict[tuple[int | None, str], Any] = {}
    if fields:
        records = list(
            call.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :SETTER_WINDOW
            ]
        )
        for field in fields:
            setters[None, field] = who_set(records, lambda r, f=field: getattr(r, f))
    if requirements:
        rows = list(
            ReferenceFinding.history.filter(
                call_id=call.pk, requirement_id__in=[r.pk for r in requirements]
            )
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: SETTER_WINDOW * len(requirements)]
        )
        for requirement in requirements:
            mine = [r for r in rows if r.requirement_id == requirement.pk]
            for part in FINDING_FIELDS:
                # A removed finding's last row still holds its values: it set them to empty.
                setters[requirement.pk, part] = who_set(
                    mine, lambda r, p=part: "" if r.history_type == "-" else getattr(r, p)
                )
    return setters


@contextmanager
def _edited_by(instance: Model, editor: User | None) -> Iterator[None]:
    """Name `editor` on the history rows the saves inside write (not only inside a request)."""
    if editor is not None:
        instance._history_user = editor
    try:
        yield
    finally:
        instance.__dict__.pop("_history_user", None)


def _write_fields(
    call: ReferenceCall, changes: Mapping[str, object], editor: User | None = None
) -> None:
    changes = {k: v for k, v in changes.items() if getattr(call, k) != v}
    if not changes:
        return
    _checked(call, changes)
    for name, value in changes.items():
        setattr(call, name, value)
    with _edited_by(call, editor):
        call.save(update_fields=[*changes, "updated_at"])


def _checked(call: ReferenceCall, changes: Mapping[str, object]) -> None:
    """Refuse `changes` (writing nothing) unless they are editable fields with valid values."""
    _editable(changes, {})
    draft = copy.copy(call)
    for name, value in changes.items():
        setattr(draft, name, value)
    untouched = [f.name for f in ReferenceCall._meta.concrete_fields if f.name not in changes]
    draft.full_clean(exclude=untouched)


def _write_findings(
    call: ReferenceCall,
    findings: FindingChanges,
    stored: Mapping[int, ReferenceFinding],
    editor: User | None = None,
) -> None:
    if not findings:
        return
    for requirement, change in findings.items():
        current = stored.get(requirement.pk)
        assessment = change.get("assessment", current.assessment if current else "")
        quote = change.get("quote", current.quote if current else "")
        if current is not None and (current.assessment, current.quote) == (assessment, quote):
            continue
        if not assessment and not quote:
            if current is not None:
                finding_clear(call=call, requirement=requirement)
            continue
        finding_record(
            call=call, requirement=requirement, assessment=assessment, quote=quote, editor=editor
        )
