"""The history timeline of one record: its versions and its child rows' changes, newest first.

A fixed number of queries whatever the length of the history: one per tracked table, and one
per kind of linked record whose name a change shows (a job order's client, a requirement's
skill). Consecutive versions are compared in memory with simple-history's `diff_against`."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import ForeignKey, Model

from core.dates import format_when
from history.kinds import ChildKind, Kind
from joborders.models import Requirement

# Linked records whose name needs another table: load it with them.
_NAME_RELATIONS = {Requirement: ("skill",)}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One saved row: "Changed summary" with its field changes, "Added requirement: …"."""

    summary: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """What one person saved at once: a service writes a record and its rows a few
    milliseconds apart, and they read (and restore) as one change."""

    ref: str  # what "Restore this version" posts: "<source>-<history id>" of the last row saved
    when: datetime.datetime
    who: str
    changes: tuple[Change, ...]
    restorable: bool = True


@dataclass(frozen=True)
class _Row:
    ref: str
    when: datetime.datetime
    user_id: int | None
    who: str
    change: Change


# Rows saved by one person this close together are one change.
SAME_CHANGE = datetime.timedelta(seconds=2)


def history_timeline(kind: Kind, obj: Model) -> list[HistoryEntry]:
    """Every change to `obj` and its child rows, newest first. The newest entry is the current
    state, so it is the one entry that offers no restore."""
    main = list(
        kind.model.history.filter(id=obj.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    children = {
        child.slug: list(
            child.model.history.filter(**{f"{child.parent_field}_id": obj.pk})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for child in kind.children
    }
    names = _linked_names(
        [(kind.model, kind.fields, main)]
        + [(child.model, child.fields, children[child.slug]) for child in kind.children]
    )
    rows = _main_rows(kind, main, names)
    for child in kind.children:
        rows += _child_rows(child, children[child.slug], names)
    rows.sort(key=lambda row: row.when)
    entries = _grouped(rows)
    entries.reverse()
    if entries:
        entries[0] = replace(entries[0], restorable=False)
    return entries


def _grouped(rows: list[_Row]) -> list[HistoryEntry]:
    groups: list[list[_Row]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if last and last.user_id == row.user_id and row.when - last.when <= SAME_CHANGE:
            groups[-1].append(row)
        else:
            groups.append([row])
    entries = []
    for group in groups:
        changes: list[Change] = []
        for row in group:
            # a plan notes "Added objection: X" as the objection row says it: say it once
            if not any(c.summary == row.change.summary and not c.fields for c in changes):
                changes.append(row.change)
        last = group[-1]
        entries.append(HistoryEntry(last.ref, last.when, last.who, tuple(changes)))
    return entries


def _main_rows(kind: Kind, records: list, names: dict) -> list[_Row]:
    rows = []
    previous = None
    for record in records:
        changes = _changes(kind.model, kind.fields, previous, record, names)
        if previous is None:
            summary = f"Created the {kind.noun}"
        elif record.history_change_reason:
            summary = record.history_change_reason
        elif changes:
            summary = "Changed " + ", ".join(change.field.lower() for change in changes)
        else:
            summary = kind.m2m_change or "Saved without changing what is shown here"
        rows.append(_row(f"main-{record.history_id}", record, summary, changes))
        previous = record
    return rows


def _child_rows(child: ChildKind, records: list, names: dict) -> list[_Row]:
    rows = []
    previous_of: dict[int, object] = {}
    for record in records:
        previous = previous_of.get(record.id)
        label = _child_label(child, record, names)
        if record.history_type == "-":
            summary, changes = f"Removed {child.noun}: {label}", ()
        elif previous is None or previous.history_type == "-":
            summary, changes = f"Added {child.noun}: {label}", ()
        else:
            changes = _changes(child.model, child.fields, previous, record, names)
            if not changes:
                previous_of[record.id] = record
                continue  # saved unchanged (a re-ordering of siblings, say): nothing to show
            summary = f"Changed {child.noun}: {label}"
        rows.append(_row(f"{child.slug}-{record.history_id}", record, summary, changes))
        previous_of[record.id] = record
    return rows


def _row(ref: str, record, summary: str, changes) -> _Row:
    user = record.history_user
    return _Row(
        ref=ref,
        when=record.history_date,
        user_id=record.history_user_id,
        who=str(user) if user is not None else "DialReady",
        change=Change(summary, tuple(changes)),
    )


def _changes(model, fields, previous, record, names) -> list[FieldChange]:
    if previous is None:
        return []
    delta = record.diff_against(previous, included_fields=fields)
    return [
        FieldChange(
            field=_label(model, change.field),
            old=_shown(model, change.field, change.old, names),
            new=_shown(model, change.field, change.new, names),
        )
        for change in sorted(delta.changes, key=lambda change: fields.index(change.field))
    ]


def _label(model: type[Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _shown(model: type[Model], name: str, value: object, names: dict) -> str:
    """A stored value as the pages show it: choice labels, names of linked records, Yes/No."""
    field = model._meta.get_field(name)
    if value is None or value == "":
        return "—"
    if isinstance(field, ForeignKey):
        return names.get((field.related_model, value), "(deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return format_when(value)
    return str(value)


def _child_label(child: ChildKind, record, names: dict) -> str:
    for name in child.label_fields:
        field = child.model._meta.get_field(name)
        value = getattr(record, field.attname)
        if value not in (None, ""):
            shown = _shown(child.model, name, value, names)
            return shown if len(shown) <= 80 else f"{shown[:79]}…"
    return f"#{record.id}"


def _linked_names(sources: Iterable[tuple[type[Model], tuple[str, ...], list]]) -> dict:
    """Names of every record a foreign key in these histories points at, one query per table."""
    wanted: dict[type[Model], set[int]] = defaultdict(set)
    for model, fields, records in sources:
        for name in fields:
            field = model._meta.get_field(name)
            if isinstance(field, ForeignKey):
                wanted[field.related_model].update(
                    value for r in records if (value := getattr(r, field.attname)) is not None
                )
    names = {}
    for related, ids in wanted.items():
        if not ids:
            continue
        queryset = related._base_manager.all()
        if related in _NAME_RELATIONS:
            queryset = queryset.select_related(*_NAME_RELATIONS[related])
        for pk, obj in queryset.in_bulk(ids).items():
            names[(related, pk)] = str(obj)
    return names
