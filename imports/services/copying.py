"""New rows and their first history rows written fast: PostgreSQL's COPY, with the ids drawn
from the table's sequence first, so both tables get the same rows `bulk_create_with_history`
would write, without building a model instance per history row or an INSERT per batch. Other
databases (SQLite in development and tests) use `bulk_create_with_history` itself.

Only for rows nobody else can see yet (inside the import's transaction): no signals are sent,
as with bulk_create."""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User

_HISTORY_OWN = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}


def insert_with_history(
    model: type[Model], objs: Sequence[Model], *, user: User, reason: str, batch_size: int = 1000
) -> None:
    if not objs:
        return
    if connection.vendor != "postgresql":
        bulk_create_with_history(
            list(objs),
            model,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason,
        )
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        rows = []
        for obj, pk in zip(objs, ids, strict=True):
            obj.pk = pk
            values = [pk]
            for field in fields:
                value = field.pre_save(obj, add=True)  # auto_now(_add) and the like
                values.append(field.get_db_prep_save(value, connection))
            rows.append(values)
            obj._state.adding = False
            obj._state.db = connection.alias
        _copy(cursor, table, ["id", *(f.column for f in fields)], rows)
        history = model.history.model
        tracked = [f for f in history._meta.concrete_fields if f.name not in _HISTORY_OWN]
        now = timezone.now()
        history_rows = [
            [
                *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in tracked),
                now,
                reason[:100],
                "+",
                user.pk,
            ]
            for obj in objs
        ]
        columns = [
            *(f.column for f in tracked),
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user_id",
        ]
        _copy(cursor, history._meta.db_table, columns, history_rows)


def _copy(cursor, table: str, columns: list[str], rows: list[list]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    statement = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
