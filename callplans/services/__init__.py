"""Writes for call plans. Import from here; the modules below split them by concern."""

from callplans.services.feedback import OUTCOME_STAGE, RaisedInput, feedbackcall_record
from callplans.services.plan import (
    callplan_change,
    callplan_create,
    callplan_get_or_create,
    callplan_mark_ready,
    callplan_mark_rehearsed,
    callplan_set_closing_questions,
    callplan_update,
    closingquestion_create,
    objection_add,
    objection_move,
    objection_remove,
    objection_save_to_library,
    objection_update,
    objectiontemplate_create,
    planevidence_link,
    planevidence_unlink,
)

__all__ = [
    "OUTCOME_STAGE",
    "RaisedInput",
    "feedbackcall_record",
    "callplan_change",
    "callplan_create",
    "callplan_get_or_create",
    "callplan_mark_ready",
    "callplan_mark_rehearsed",
    "callplan_set_closing_questions",
    "callplan_update",
    "closingquestion_create",
    "objection_add",
    "objection_move",
    "objection_remove",
    "objection_save_to_library",
    "objection_update",
    "objectiontemplate_create",
    "planevidence_link",
    "planevidence_unlink",
]
