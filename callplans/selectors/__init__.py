"""Reads for call plans. Import from here; the modules below split them by page."""

from callplans.selectors.gap import gap_view_for
from callplans.selectors.metrics import (
    Metrics,
    MonthRange,
    Scope,
    metrics_for,
    metrics_scope_for,
    month_range_from,
)
from callplans.selectors.plan import (
    HistoryEntry,
    PlanAccess,
    PlanPage,
    PracticeCard,
    ReferenceHighlight,
    callplan_access_for_user,
    callplans_for_list,
    callplans_visible_to,
    get_callplan_for_user,
    plan_page_for,
    practice_cards,
)
from callplans.selectors.readiness import with_readiness
from callplans.selectors.review import (
    get_bulkexport_for_user,
    review_plans_for,
    reviews_for_author,
)

__all__ = [
    "Metrics",
    "MonthRange",
    "Scope",
    "metrics_for",
    "metrics_scope_for",
    "month_range_from",
    "HistoryEntry",
    "PlanAccess",
    "PlanPage",
    "PracticeCard",
    "ReferenceHighlight",
    "callplans_for_list",
    "callplans_visible_to",
    "gap_view_for",
    "get_bulkexport_for_user",
    "callplan_access_for_user",
    "get_callplan_for_user",
    "plan_page_for",
    "practice_cards",
    "review_plans_for",
    "reviews_for_author",
    "with_readiness",
]

from callplans.selectors.dashboard import Dashboard, dashboard_for  # noqa: E402

__all__ += ["Dashboard", "dashboard_for"]
