"""Query shapes the planner gets right."""

from django.db.models import Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.lookups import GreaterThan


def exists_per_row(rows: QuerySet) -> GreaterThan:
    """`EXISTS (rows)` written as `(SELECT COUNT(*) FROM rows) > 0`. PostgreSQL may turn a
    correlated EXISTS into a "hashed SubPlan" that reads the whole table first (every reference
    call of every team for one dashboard: 52 of its 63 ms at scale 20; engagement skills: 750,000
    rows per plan); an aggregate subquery is never hashed, so it stays a few index lookups per
    outer row. Use it where the rows counted per outer row are few."""
    count = rows.order_by().annotate(_n=Func(Value(1), function="COUNT")).values("_n")
    return GreaterThan(Subquery(count, output_field=IntegerField()), 0)
