"""Call plans (read, and their PDF) and the feedback calls logged against them."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from api.auth import caller_of
from api.errors import refuse, renamed
from api.pagination import DEFAULT_LIMIT, checked_limit, page_of
from api.present import feedbackcall_out, plan_out, plan_summary_out
from api.schemas import (
    ERRORS,
    DateTime,
    FeedbackCallIn,
    FeedbackCallOut,
    Id,
    Page,
    PlanOut,
    PlanStatus,
    PlanSummaryOut,
)
from api.selectors import callplans_for_api
from callplans.pdf import callplan_pdf_download, paper_for
from callplans.selectors import (
    callplan_access_for_user,
    get_callplan_for_user,
    get_objection_of_plan,
    get_question_for_user,
    plan_page_for,
)
from callplans.services import NextRound, RaisedInput, feedbackcall_record

router = Router(tags=["Call plans and feedback calls"])


class PlanFilters(Schema):
    status: PlanStatus | None = None  # type: ignore[valid-type]
    submittal_id: Id | None = None
    updated_since: DateTime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/callplans", response={200: Page[PlanSummaryOut], **ERRORS}, url_name="callplans")
def list_callplans(request: HttpRequest, filters: Query[PlanFilters]):
    """Your team's call plans; read one for its gap view, objections and readiness."""
    plans = callplans_for_api(caller_of(request).user)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.submittal_id:
        plans = plans.filter(submittal_id=filters.submittal_id)
    if filters.updated_since:
        plans = plans.filter(updated_at__gte=filters.updated_since)
    rows, cursor = page_of(plans, cursor=filters.cursor, limit=checked_limit(filters.limit))
    return {"results": [plan_summary_out(p) for p in rows], "next_cursor": cursor}


@router.get("/callplans/{plan_pk}", response={200: PlanOut, **ERRORS}, url_name="callplan")
def read_callplan(request: HttpRequest, plan_pk: Id):
    """The plan as its page shows it: the gap view's rows, the objections with their
    rebuttals (most likely flagged), the closing questions, the next action, readiness."""
    return plan_out(plan_page_for(plan_pk, user=caller_of(request).user))


@router.get(
    "/callplans/{plan_pk}/pdf",
    response={200: None, **ERRORS},
    url_name="callplan_pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The plan as a PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def callplan_pdf(request: HttpRequest, plan_pk: Id, paper: Literal["a4", "letter"] | None = None):
    caller = caller_of(request)
    plan = callplan_access_for_user(caller.user, plan_pk)
    document = callplan_pdf_download(plan_pk=plan.pk, paper=paper_for(paper, caller.user.pdf_paper))
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@router.post(
    "/callplans/{plan_pk}/feedback-calls",
    response={201: FeedbackCallOut, **ERRORS},
    url_name="feedbackcall_create",
)
def create_feedbackcall(request: HttpRequest, plan_pk: Id, payload: FeedbackCallIn):
    """Log the feedback call: the outcome moves the submittal (offer, rejected, next round);
    `raised` lists the objections the client raised, the plan's (`objection_id`) or new ones."""
    user = caller_of(request, write=True).user
    plan = get_callplan_for_user(user, plan_pk, write=True)
    question = None
    if payload.closing_question_id is not None:
        try:
            question = get_question_for_user(user, payload.closing_question_id)
        except Http404:
            raise refuse("closing_question_id", "No such closing question in your team.") from None
    raised = []
    for number, item in enumerate(payload.raised):
        objection = None
        if item.objection_id is not None:
            try:
                objection = get_objection_of_plan(plan, item.objection_id)
            except Http404:
                raise refuse(
                    f"raised.{number}.objection_id", "Not one of this plan's objections."
                ) from None
        raised.append(
            RaisedInput(
                handled=item.handled,
                objection=objection,
                text=item.text,
                category=item.category,
                rebuttal=item.rebuttal,
                add_to_library=item.add_to_library,
            )
        )
    try:
        call = _record(plan, user, payload, question, raised)
    except ValidationError as error:
        raise renamed(error, {"next_starts_at": "next_round.starts_at"}) from None
    return Status(201, feedbackcall_out(call, submittal_status=plan.submittal.status))


def _record(plan, user, payload: FeedbackCallIn, question, raised):
    return feedbackcall_record(
        plan=plan,
        called_by=user,
        called_at=payload.called_at,
        outcome=payload.outcome,
        closing_question_asked=question,
        commitment=payload.commitment,
        next_step=payload.next_step,
        next_step_due=payload.next_step_due,
        notes=payload.notes,
        raised=raised,
        next_round=(
            NextRound(starts_at=payload.next_round.starts_at, kind=payload.next_round.kind)
            if payload.next_round
            else None
        ),
    )
