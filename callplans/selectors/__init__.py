"""Reads for call plans. Import from here; the modules below split them by page."""

from callplans.selectors.gap import gap_view_for
from callplans.selectors.plan import (
    HistoryEntry,
    PlanPage,
    PracticeCard,
    ReferenceHighlight,
    callplans_visible_to,
    get_callplan_for_user,
    plan_page_for,
    practice_cards,
)

__all__ = [
    "HistoryEntry",
    "PlanPage",
    "PracticeCard",
    "ReferenceHighlight",
    "callplans_visible_to",
    "gap_view_for",
    "get_callplan_for_user",
    "plan_page_for",
    "practice_cards",
]
