"""Writes to the team library: objection templates (with their rebuttals) and closing questions.

A salesperson's entry is a proposal until a manager accepts it; a manager's lands active. Edits
are versioned (core/locking.py). Retiring keeps an entry, its history and its record; merging
moves the uses of one entry to another and retires the first, so the survivor's record counts
both."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import Team, User
from callplans.models import (
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    LibraryStatus,
    Objection,
    ObjectionTemplate,
)
from candidates.models import Skill
from core.locking import save_versioned

LibraryEntry = ObjectionTemplate | ClosingQuestion

ENTRY_STALE = (
    "Someone else saved this library entry while you were editing it. Nothing of theirs was "
    "overwritten: your text is below; reload to see theirs, then save yours again."
)

# The objection says the candidate has not done it: a rebuttal opening "Yes" contradicts it.
_CONTRADICTING_OPENING = {
    Objection.Category.NOT_SOLVED_BEFORE: re.compile(r"^\W*yes\b", re.IGNORECASE),
}


def may_manage_library(user: User | None) -> bool:
    return user is None or user.is_superuser or user.is_manager


def check_rebuttal_fits(*, category: str, rebuttal: str) -> None:
    pattern = _CONTRADICTING_OPENING.get(category)
    if pattern is not None and pattern.match(rebuttal):
        raise ValidationError(
            {
                "rebuttal": "This objection says the candidate has not solved it before: do not "
                "open the rebuttal with “Yes”. Start from the engagement that comes closest."
            }
        )


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _status_for(added_by: User | None) -> str:
    return LibraryStatus.ACTIVE if may_manage_library(added_by) else LibraryStatus.PROPOSED


@transaction.atomic
def objectiontemplate_create(
    *,
    team: Team,
    category: str,
    text: str,
    rebuttal: str,
    skill: Skill | None = None,
    added_by: User | None = None,
) -> ObjectionTemplate:
    """`added_by=None` is seeding or the system: the entry is active, as is a manager's."""
    check_rebuttal_fits(category=category, rebuttal=rebuttal)
    template = ObjectionTemplate(
        team=team,
        category=category,
        text=text,
        rebuttal=rebuttal,
        skill=skill,
        status=_status_for(added_by),
        proposed_by=added_by,
        position=_next_position(team.objection_templates.filter(category=category)),
    )
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def objectiontemplate_update(
    *,
    template: ObjectionTemplate,
    version: int,
    category: str,
    text: str,
    rebuttal: str,
    skill: Skill | None = None,
) -> ObjectionTemplate:
    check_rebuttal_fits(category=category, rebuttal=rebuttal)
    draft = ObjectionTemplate(
        pk=template.pk, team_id=template.team_id, category=category, text=text, rebuttal=rebuttal
    )
    draft.full_clean(exclude=["skill", "team"], validate_unique=False)
    return save_versioned(
        template,
        version=version,
        changes={"category": category, "text": text, "rebuttal": rebuttal, "skill": skill},
        stale=ENTRY_STALE,
        reason="Edited in the library",
    )


@transaction.atomic
def closingquestion_create(
    *, team: Team, text: str, added_by: User | None = None
) -> ClosingQuestion:
    question = ClosingQuestion(
        team=team,
        text=text,
        status=_status_for(added_by),
        proposed_by=added_by,
        position=_next_position(team.closing_questions.all()),
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def closingquestion_update(
    *, question: ClosingQuestion, version: int, text: str
) -> ClosingQuestion:
    ClosingQuestion(pk=question.pk, team_id=question.team_id, text=text).full_clean(
        exclude=["team"], validate_unique=False
    )
    return save_versioned(
        question,
        version=version,
        changes={"text": text},
        stale=ENTRY_STALE,
        reason="Edited in the library",
    )


def _set_status(entry: LibraryEntry, status: str, *, version: int | None, reason: str):
    return save_versioned(
        entry, version=version, changes={"status": status}, stale=ENTRY_STALE, reason=reason
    )


@transaction.atomic
def libraryentry_accept(*, entry: LibraryEntry, version: int | None = None) -> LibraryEntry:
    if entry.status != LibraryStatus.PROPOSED:
        raise ValidationError("Only a proposal can be accepted.")
    if isinstance(entry, ObjectionTemplate):
        check_rebuttal_fits(category=entry.category, rebuttal=entry.rebuttal)
    return _set_status(entry, LibraryStatus.ACTIVE, version=version, reason="Accepted")


@transaction.atomic
def libraryentry_decline(*, entry: LibraryEntry) -> None:
    """A declined proposal was never in the library: it goes."""
    if entry.status != LibraryStatus.PROPOSED:
        raise ValidationError("Only a proposal can be declined; retire an active entry instead.")
    if isinstance(entry, ObjectionTemplate):
        entry.uses.update(template=None)
    entry.delete()


@transaction.atomic
def libraryentry_retire(*, entry: LibraryEntry, version: int | None = None) -> LibraryEntry:
    if entry.status != LibraryStatus.ACTIVE:
        raise ValidationError("Only an active entry can be retired.")
    return _set_status(entry, LibraryStatus.RETIRED, version=version, reason="Retired")


@transaction.atomic
def libraryentry_restore(*, entry: LibraryEntry, version: int | None = None) -> LibraryEntry:
    if entry.status != LibraryStatus.RETIRED:
        raise ValidationError("Only a retired entry can be brought back.")
    return _set_status(entry, LibraryStatus.ACTIVE, version=version, reason="Brought back")


def _siblings(entry: LibraryEntry) -> list[LibraryEntry]:
    """The entries an entry is ordered among: its team's active ones (of its kind of objection)."""
    model = type(entry)
    queryset = model.objects.filter(team_id=entry.team_id, status=LibraryStatus.ACTIVE)
    if isinstance(entry, ObjectionTemplate):
        queryset = queryset.filter(category=entry.category)
    return list(queryset.select_for_update().order_by("position", "id"))


@transaction.atomic
def libraryentry_move(*, entry: LibraryEntry, step: int) -> None:
    """Up (step -1) or down (+1): the first active entry of a kind is the one plans are offered."""
    ordered = _siblings(entry)
    index = next((i for i, e in enumerate(ordered) if e.pk == entry.pk), None)
    if index is None:
        raise ValidationError("Only active entries are ordered.")
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            type(item).objects.filter(pk=item.pk).update(position=position)


def _check_merge(source: LibraryEntry, target: LibraryEntry | None) -> LibraryEntry:
    if target is None:
        raise ValidationError({"target": "Pick the entry to keep."})
    if target.pk == source.pk:
        raise ValidationError({"target": "An entry cannot be merged into itself."})
    if target.team_id != source.team_id:
        raise ValidationError({"target": "Pick an entry of your team's library."})
    if target.status != LibraryStatus.ACTIVE:
        raise ValidationError(
            {"target": "Merge into an active entry, not a proposal or a retired one."}
        )
    if source.status == LibraryStatus.PROPOSED:
        raise ValidationError({"target": "Accept or decline a proposal; it has nothing to merge."})
    return target


@transaction.atomic
def objectiontemplate_merge(
    *, source: ObjectionTemplate, target: ObjectionTemplate | None
) -> ObjectionTemplate:
    """Two entries become one: the plans that used `source` now count for `target`."""
    target = _check_merge(source, target)
    if target.category != source.category:
        raise ValidationError({"target": "Merge entries of the same kind of objection."})
    Objection.objects.filter(template=source).update(template=target)
    save_versioned(
        source,
        version=None,
        changes={"status": LibraryStatus.RETIRED, "merged_into": target},
        stale=ENTRY_STALE,
        reason=f"Merged into #{target.pk}",
    )
    return target


@transaction.atomic
def closingquestion_merge(
    *, source: ClosingQuestion, target: ClosingQuestion | None
) -> ClosingQuestion:
    """The calls that asked `source` and the plans that picked it now name `target`."""
    target = _check_merge(source, target)
    FeedbackCall.objects.filter(closing_question_asked=source).update(closing_question_asked=target)
    through = CallPlan.closing_questions.through
    has_target = through.objects.filter(closingquestion=target).values("callplan_id")
    through.objects.filter(closingquestion=source).exclude(callplan_id__in=has_target).update(
        closingquestion=target
    )
    through.objects.filter(closingquestion=source).delete()
    save_versioned(
        source,
        version=None,
        changes={"status": LibraryStatus.RETIRED, "merged_into": target},
        stale=ENTRY_STALE,
        reason=f"Merged into #{target.pk}",
    )
    return target


@transaction.atomic
def objection_save_to_library(*, objection: Objection, by: User | None = None) -> ObjectionTemplate:
    """Keep a good rebuttal for the whole team. A manager's save updates or adds the live entry;
    a salesperson's is a proposal a manager accepts. The same text twice is stored once."""
    if not objection.rebuttal.strip():
        raise ValidationError({"rebuttal": "Write the rebuttal before saving it to the library."})
    requirement = objection.requirement
    team = objection.plan.submittal.job_order.team
    status = _status_for(by)
    existing = ObjectionTemplate.objects.filter(
        team=team, category=objection.category, text=objection.text, status=status
    ).first()
    if existing is not None and (status == LibraryStatus.ACTIVE or existing.proposed_by == by):
        check_rebuttal_fits(category=existing.category, rebuttal=objection.rebuttal)
        return save_versioned(
            existing,
            version=None,
            changes={"rebuttal": objection.rebuttal},
            stale=ENTRY_STALE,
            reason="Rebuttal saved from a plan",
        )
    return objectiontemplate_create(
        team=team,
        category=objection.category,
        text=objection.text,
        rebuttal=objection.rebuttal,
        skill=requirement.skill if requirement is not None else None,
        added_by=by,
    )


def require_library_manager(user: User) -> None:
    if not may_manage_library(user):
        raise PermissionDenied("Only the team's managers change the library.")
