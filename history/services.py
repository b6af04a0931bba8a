"""Restore a record to how it was right after one entry of its history.

The restore is a new version, never a rewrite of the past: the record's fields take the values
they had then (its version moves on, so an edit form opened before gets the usual "someone else
changed it" refusal), child rows changed since get their old values back and child rows removed
since come back. Rows added since stay: deleting them could take evidence out of other people's
plans, and nothing is ever deleted by a restore."""

import copy
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ForeignKey, Model

from accounts.models import User
from callplans.models import CallPlan, ClosingQuestion
from callplans.services import callplan_change
from core.dates import format_when
from core.ids import parse_id
from core.locking import save_versioned
from history.kinds import ChildKind, Kind


@dataclass(frozen=True)
class RestoreResult:
    at: datetime.datetime
    rows_back: int  # child rows brought back or put back as they were
    rows_skipped: int  # child rows that could not come back (what they pointed at is gone)


def history_entry_time(kind: Kind, obj: Model, ref: str) -> datetime.datetime:
    """When the timeline entry `ref` ("main-12", "requirement-40") happened, if it is one of
    this record's entries."""
    source, _, history_id = ref.partition("-")
    if parse_id(history_id) is None:
        raise ValidationError("Pick a version from the list.")
    if source == "main":
        records = kind.model.history.filter(id=obj.pk)
    else:
        child = next((c for c in kind.children if c.slug == source), None)
        if child is None:
            raise ValidationError("Pick a version from the list.")
        records = child.model.history.filter(**{f"{child.parent_field}_id": obj.pk})
    when = records.filter(history_id=int(history_id)).values_list("history_date", flat=True)
    if not when:
        raise ValidationError("That version is not in this record's history.")
    return when[0]


@transaction.atomic
def history_restore(*, kind: Kind, obj: Model, ref: str, user: User) -> RestoreResult:
    at = history_entry_time(kind, obj, ref)
    past = kind.model.history.filter(id=obj.pk, history_date__lte=at).order_by(
        "-history_date", "-history_id"
    )[0]
    reason = f"Restored the version of {format_when(at)}"
    values = {name: _past_value(kind.model, name, past) for name in kind.fields}
    if kind.model is CallPlan:
        _restore_plan(obj, past, values, reason)
    else:
        _restore_record(kind, obj, values, reason, user)
    back = skipped = 0
    for child in kind.children:
        child_back, child_skipped = _restore_children(child, obj, at, reason, user)
        back += child_back
        skipped += child_skipped
    return RestoreResult(at=at, rows_back=back, rows_skipped=skipped)


def _past_value(model: type[Model], name: str, record) -> object:
    """The value a field had in `record`; a link to a record deleted since becomes empty."""
    field = model._meta.get_field(name)
    value = getattr(record, field.attname)
    gone = (
        isinstance(field, ForeignKey)
        and field.null
        and value is not None
        and not field.related_model._base_manager.filter(pk=value).exists()
    )
    return None if gone else value


def _assign(obj: Model, values: dict[str, object]) -> None:
    for name, value in values.items():
        setattr(obj, obj._meta.get_field(name).attname, value)


def _restore_record(kind: Kind, obj: Model, values: dict, reason: str, user: User) -> None:
    draft = copy.copy(obj)
    _assign(draft, values)
    draft.full_clean()
    obj._history_user = user
    changes = {obj._meta.get_field(name).attname: value for name, value in values.items()}
    save_versioned(obj, version=None, changes=changes, stale="", reason=reason)


def _restore_plan(plan: CallPlan, past, values: dict, reason: str) -> None:
    """Plans change through their own writer, which moves the version on and notes why."""
    team_id = plan.submittal.job_order.team_id
    question_ids = past.closing_questions.values_list("closingquestion_id", flat=True)
    questions = ClosingQuestion.objects.filter(pk__in=list(question_ids), team_id=team_id)
    plan.closing_questions.set(questions)
    draft = CallPlan(pk=plan.pk, submittal_id=plan.submittal_id, author_id=plan.author_id)
    _assign(draft, values)
    draft.full_clean(exclude=["submittal"], validate_unique=False)
    callplan_change(plan, version=None, reason=reason, **values)


def _restore_children(
    child: ChildKind, parent: Model, at: datetime.datetime, reason: str, user: User
) -> tuple[int, int]:
    then = (
        child.model.history.filter(**{f"{child.parent_field}_id": parent.pk}, history_date__lte=at)
        .latest_of_each()
        .exclude(history_type="-")
    )
    current = child.model.objects.filter(**{child.parent_field: parent}).in_bulk()
    back = skipped = 0
    for record in then:
        values = {name: _past_value(child.model, name, record) for name in child.fields}
        row = current.get(record.id)
        if row is not None and all(
            getattr(row, row._meta.get_field(name).attname) == value
            for name, value in values.items()
        ):
            continue
        if row is None:
            row = child.model(pk=record.id, **{f"{child.parent_field}_id": parent.pk})
        _assign(row, values)
        try:
            with transaction.atomic():
                row.full_clean()
                row._change_reason = reason
                row._history_user = user
                row.save()
        except (ValidationError, IntegrityError):
            # e.g. the candidate has this skill again under a new row: keep that one
            skipped += 1
            continue
        back += 1
    return back, skipped
