"""Optimistic locking for the versioned records (job orders, candidates, reference calls, call
plans): the one way a service saves an edit made from a copy on someone's screen.

An edit carries the version the editor opened. `save_versioned` claims the next version with one
conditional UPDATE (`... WHERE version = opened`), so of two concurrent saves exactly one wins on
PostgreSQL and SQLite alike; the other raises `StaleEdit`, which names what the newer version(s)
changed, and writes nothing. The winner's fields are then saved with `save()`, so the history row
(and a plan's closing questions) is written by django-simple-history like any other save.

A record saved field by field (a reference call's autosave) is checked field by field instead:
the page says, per field, a `fingerprint` of the value it last saw, and `unseen_changes` names
the fields someone else changed since, so edits of different fields never block each other.
"""

import hashlib
from collections.abc import Callable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db.models import F, Model

from core.dates import format_when


class StaleEdit(ValidationError):
    """Someone saved the record after this editor opened it: nothing of this save was written."""

    def __init__(self, message: str, *, newer: tuple[str, ...] = ()):
        super().__init__(message, code="stale")
        self.newer = newer


def save_versioned[M: Model](
    instance: M,
    *,
    version: int | None,
    changes: Mapping[str, object],
    stale: str,
    reason: str = "",
) -> M:
    """Write `changes` to `instance` if its stored version is still `version`, and move the
    version on. `version=None` is for writes that are not edits of a copy on screen (a status
    change, a review, seeding): they always apply and still move the version on, so a form
    opened before them cannot overwrite them. `stale` is the message a refused save shows.

    Call it inside the service's transaction: the claimed version and the fields commit together."""
    model = type(instance)
    rows = model._default_manager.filter(pk=instance.pk)
    if version is not None:
        if not rows.filter(version=version).update(version=F("version") + 1):
            raise StaleEdit(stale, newer=changes_since(instance, version))
    elif not rows.filter(version=instance.version).update(version=F("version") + 1):
        # The copy in hand is behind (someone saved since it was read): claim whatever is stored.
        # The row is ours until commit once updated, so the version read back is the claimed one.
        rows.update(version=F("version") + 1)
        instance.version = rows.values_list("version", flat=True).get() - 1
    version = instance.version if version is None else version
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.version = version + 1
    if reason:
        instance._change_reason = reason[:100]
    fields = ["version", *changes]
    if any(f.name == "updated_at" for f in model._meta.fields):
        fields.append("updated_at")
    try:
        instance.save(update_fields=fields)
    finally:
        # The reason belongs to this save's history row, not to later ones of the same object.
        instance.__dict__.pop("_change_reason", None)
    return instance


def changes_since(instance: Model, version: int) -> tuple[str, ...]:
    """What each version saved after `version` changed, and who saved it, newest last:
    "Sam Lee, 10:42: title, project goal"."""
    history = type(instance).history
    records = list(
        history.filter(id=instance.pk, version__gt=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    lines = []
    for record in records:
        previous = record.prev_record
        changed = []
        if previous is not None:
            changed = [
                str(type(instance)._meta.get_field(change.field).verbose_name)
                for change in record.diff_against(previous).changes
                if change.field != "version"
            ]
        who = editor_name(record)
        when = format_when(record.history_date)
        what = ", ".join(changed) or record.history_change_reason or "saved"
        lines.append(f"{who}, {when}: {what}")
    return tuple(lines)


def fingerprint(value: object) -> str:
    """A short digest of a field's value, so a page can say what it started from."""
    if value is None or value is False:
        text = ""
    elif value is True:
        text = "1"
    else:
        text = str(value)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def unseen_changes(
    *, stored: Mapping[str, object], seen: Mapping[str, str], mine: Mapping[str, object]
) -> list[str]:
    """The fields of `mine` that someone else changed after the editor last saw them: the stored
    value is neither what the editor saw (`seen`: fingerprints by field) nor what they now send.
    Saving your own text twice, or typing what is already stored, is never a conflict; a field
    `seen` does not name is not checked (a write not made from a copy on screen)."""
    unseen = []
    for name, value in mine.items():
        now = fingerprint(stored[name])
        if name in seen and now != seen[name] and now != fingerprint(value):
            unseen.append(name)
    return unseen


def who_set[R](records: Sequence[R], value: Callable[[R], object]) -> R | None:
    """Of history `records` (newest first), the one that gave the value the newest holds: the
    oldest of the leading run with that value (within the records given)."""
    if not records:
        return None
    setter = records[0]
    for record in records[1:]:
        if value(record) != value(setter):
            break
        setter = record
    return setter


def editor_name(record: Model) -> str:
    """Who saved a history record, as the pages name people."""
    user = getattr(record, "history_user", None)
    return (user.get_full_name() or user.get_username()) if user else "Someone"
