"""Writing a unit's rows: one transaction per unit, COPY on PostgreSQL, bulk_create on SQLite.

This is the one documented exception to "writes go through services": it loads benchmark data,
so it skips the services' per-row validation and auditing (no history rows, as before) and
relies on the generator for the invariants.

Before loading, every table of the unit gets as many primary keys as it has rows: on PostgreSQL
from the table's own sequence (`nextval` over `generate_series`, safe with other processes
loading at the same time), on SQLite, loaded by one process only, counting on from the highest
id. The unit-local ids of the rows and of the foreign keys between them are swapped for those,
so every row is written in one pass without reading anything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from candidates.models import Skill
from candidates.selectors import skill_lookup_keys, skill_normalise
from demo.scale.rows import Row, SkillRef, Skills, UnitRows
from demo.scale.vocabulary import SKILL_TAXONOMY

SQLITE_BATCH_SIZE = 2000


@dataclass(frozen=True)
class _Table:
    """How a model's rows become value tuples in `concrete_fields` order."""

    model: type[Model]
    attnames: tuple[str, ...]
    columns: tuple[str, ...]
    pk_index: int
    defaults: dict[str, Any]  # for the columns a row leaves out
    made_per_row: tuple[tuple[str, Callable[[], Any]], ...]  # callable defaults (a UUID, now)
    stamped: tuple[str, ...]  # auto_now and auto_now_add: the loading time
    links: tuple[tuple[int, type[Model]], ...]  # foreign key column index → the model it targets


@cache
def _table(model: type[Model]) -> _Table:
    fields = model._meta.concrete_fields
    defaults: dict[str, Any] = {}
    made: list[tuple[str, Callable[[], Any]]] = []
    for f in fields:
        if f.has_default() and callable(f.default):
            made.append((f.attname, f.default))
        else:
            defaults[f.attname] = f.get_default()
    return _Table(
        model=model,
        attnames=tuple(f.attname for f in fields),
        columns=tuple(f.column for f in fields),
        pk_index=[f.primary_key for f in fields].index(True),
        defaults=defaults,
        made_per_row=tuple(made),
        stamped=tuple(
            f.attname
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ),
        links=tuple((i, f.related_model) for i, f in enumerate(fields) if f.is_relation),
    )


def _values(
    table: _Table, rows: list[Row], ids: dict[type[Model], Sequence[int]], now: datetime
) -> Iterator[list[Any]]:
    """Each row's values in column order, its id and its links to the unit's rows made real."""
    defaults = {**table.defaults, **dict.fromkeys(table.stamped, now)}
    getter = itemgetter(*table.attnames)
    own = ids[table.model]
    # Links to rows that already existed before the unit (skills) hold real keys already.
    links = [(i, ids[target]) for i, target in table.links if target in ids]
    for row in rows:
        full = {**defaults, **row}
        for name, make in table.made_per_row:
            if name not in row:
                full[name] = make()
        values = list(getter(full))
        values[table.pk_index] = own[values[table.pk_index] - 1]
        for i, reserved in links:
            local = values[i]
            if local is not None:
                values[i] = reserved[local - 1]
        yield values


def load_unit(rows: UnitRows, *, now: datetime) -> None:
    """Write all of a unit's rows in one transaction: the unit is there completely or not at all."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _copy_unit(rows, now)
        else:
            _bulk_create_unit(rows, now)


def _copy_unit(rows: UnitRows, now: datetime) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # A lost benchmark load after a crash is redone; waiting for the WAL flush is not needed.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        ids: dict[type[Model], Sequence[int]] = {}
        for model, table_rows in rows.tables.items():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column, len(table_rows)],
            )
            ids[model] = [pk for (pk,) in cursor.fetchall()]
        for model, table_rows in rows.tables.items():
            table = _table(model)
            columns = ", ".join(quote(c) for c in table.columns)
            with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for values in _values(table, table_rows, ids, now):
                    copy.write_row(values)


def _bulk_create_unit(rows: UnitRows, now: datetime) -> None:
    ids: dict[type[Model], Sequence[int]] = {}
    with connection.cursor() as cursor:
        for model, table_rows in rows.tables.items():
            quote = connection.ops.quote_name
            cursor.execute(
                f"SELECT COALESCE(MAX({quote(model._meta.pk.column)}), 0) "
                f"FROM {quote(model._meta.db_table)}"
            )
            (highest,) = cursor.fetchone()
            ids[model] = range(highest + 1, highest + 1 + len(table_rows))
    for model, table_rows in rows.tables.items():
        objs = [model(*values) for values in _values(_table(model), table_rows, ids, now)]
        model.objects.bulk_create(objs, batch_size=SQLITE_BATCH_SIZE)


def ensure_skills() -> tuple[Skills, int]:
    """Every taxonomy skill as a row: reuse a row that already answers to its name, else create.

    Returns the skills by family and how many rows were created.
    """
    known: dict[str, Skill] = {}
    taken: set[str] = set()
    for skill in Skill.objects.all():
        for key in skill.lookup_keys.strip("|").split("|"):
            if key:
                known.setdefault(key, skill)
                taken.add(key)
        known.setdefault(skill_normalise(skill.name), skill)
        taken.add(skill_normalise(skill.name))
    resolved: dict[str, Skill] = {}
    new: list[Skill] = []
    for name, aliases, _ in SKILL_TAXONOMY:
        key = skill_normalise(name)
        if key in known:
            resolved[name] = known[key]
            continue
        free = ", ".join(a.strip() for a in aliases.split(",") if skill_normalise(a) not in taken)
        skill = Skill(name=name, aliases=free, lookup_keys=skill_lookup_keys(name, free))
        taken.update(skill.lookup_keys.strip("|").split("|"))
        resolved[name] = skill
        new.append(skill)
    if new:
        Skill.objects.bulk_create(new)
    by_family: dict[str, list[SkillRef]] = {}
    for name, _, family in SKILL_TAXONOMY:
        ref = SkillRef(pk=resolved[name].pk, name=resolved[name].name)
        if ref not in by_family.setdefault(family, []):
            by_family[family].append(ref)
    return Skills(by_family=by_family, families=list(by_family)), len(new)
