"""Query shapes the planner gets right."""

import functools
from collections.abc import Callable

from django.db.models import Func, IntegerField, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Cast, JSONObject
from django.db.models.lookups import GreaterThan


def exists_per_row(rows: QuerySet) -> GreaterThan:
    """`EXISTS (rows)` written as `(SELECT COUNT(*) FROM rows) > 0`. PostgreSQL may turn a
    correlated EXISTS into a "hashed SubPlan" that reads the whole table first (every reference
    call of every team for one dashboard: 52 of its 63 ms at scale 20; engagement skills: 750,000
    rows per plan); an aggregate subquery is never hashed, so it stays a few index lookups per
    outer row. Use it where the rows counted per outer row are few."""
    count = rows.order_by().annotate(_n=Func(Value(1), function="COUNT")).values("_n")
    return GreaterThan(Subquery(count, output_field=IntegerField()), 0)


def json_rows(rows: QuerySet, owner_field: str, **fields: str) -> Subquery:
    """`rows` of one outer row (`owner_field`: their column holding its id, e.g. "plan_id"), as
    one text of comma-separated JSON objects of `fields`, read in the outer row: a list that
    comes with its owner instead of in a query of its own. Read it back with
    `json.loads(f"[{text or ''}]")` (None when there are no rows), on PostgreSQL and SQLite."""
    row = JSONObject(**fields)
    return Subquery(
        rows.order_by()
        .values(owner_field)
        .annotate(objects=StringAgg(Cast(row, TextField()), Value(",")))
        .values("objects")
    )


def built_once[T: QuerySet](build: Callable[[], T]) -> Callable[[], T]:
    """`build()`'s queryset, built the first time it is asked for and copied after that: for
    querysets whose shape never changes, where building the annotations' subquery expressions
    costs more than PostgreSQL takes to run them (3 ms of every plan page). Each call returns a
    fresh copy (`.all()`), so nobody evaluates the shared one and leaves rows in it; callers add
    their filters to the copy."""
    shared = functools.cache(build)

    @functools.wraps(build)
    def copy() -> T:
        return shared().all()

    return copy
