"""Reads for call plans. Import from here; the modules below split them by page."""

from callplans.selectors.gap import gap_view_for
from callplans.selectors.library import (
    RebuttalRecord,
    active_template_of_team,
    get_question_for_user,
    get_template_for_user,
    library_questions,
    library_templates,
    record_of,
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
    get_evidence_link_of_plan,
    get_objection_of_plan,
    objection_ids_of_plan,
    plan_page_for,
    practice_cards,
    practice_sessions_of,
    requirement_of_plan,
)
from callplans.selectors.readiness import with_readiness

__all__ = [
    "RebuttalRecord",
    "active_template_of_team",
    "get_question_for_user",
    "get_template_for_user",
    "library_questions",
    "library_templates",
    "record_of",
    "HistoryEntry",
    "PlanAccess",
    "PlanPage",
    "PracticeCard",
    "ReferenceHighlight",
    "callplans_for_list",
    "callplans_visible_to",
    "gap_view_for",
    "callplan_access_for_user",
    "get_callplan_for_user",
    "get_evidence_link_of_plan",
    "get_objection_of_plan",
    "objection_ids_of_plan",
    "requirement_of_plan",
    "plan_page_for",
    "practice_cards",
    "practice_sessions_of",
    "with_readiness",
]
