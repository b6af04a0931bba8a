"""Submittals: a candidate in a job order's pipeline, its interview date and its interview
rounds (list, schedule the next, change one)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from api.auth import caller_of
from api.errors import refuse, renamed
from api.pagination import DEFAULT_LIMIT, checked_limit, page_of
from api.present import interview_out, submittal_out
from api.schemas import (
    ERRORS,
    DateTime,
    Id,
    InterviewIn,
    InterviewOut,
    InterviewPatch,
    Page,
    SubmittalIn,
    SubmittalOut,
    SubmittalPatch,
    SubmittalStatus,
)
from api.selectors import candidate_visible, submittals_for_api
from joborders.models import ClientContact, Submittal
from joborders.selectors import (
    get_joborder_for_user,
    get_pipeline_submittal_for_user,
    get_submittal_for_user,
    get_submittal_to_run_for_user,
    rounds_of,
)
from joborders.services import (
    interview_schedule,
    interview_update,
    submittal_change_status,
    submittal_create,
)

router = Router(tags=["Submittals and interviews"])


class SubmittalFilters(Schema):
    job_order_id: Id | None = None
    candidate_id: Id | None = None
    status: SubmittalStatus | None = None  # type: ignore[valid-type]
    interview_from: DateTime | None = None
    interview_to: DateTime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/submittals", response={200: Page[SubmittalOut], **ERRORS}, url_name="submittals")
def list_submittals(request: HttpRequest, filters: Query[SubmittalFilters]):
    """Your team's submittals; `interview_from` / `interview_to` list the interviews of a
    period."""
    submittals = submittals_for_api(caller_of(request).user)
    for name in ("job_order_id", "candidate_id", "status"):
        if getattr(filters, name):
            submittals = submittals.filter(**{name: getattr(filters, name)})
    if filters.interview_from:
        submittals = submittals.filter(interview_at__gte=filters.interview_from)
    if filters.interview_to:
        submittals = submittals.filter(interview_at__lt=filters.interview_to)
    rows, cursor = page_of(submittals, cursor=filters.cursor, limit=checked_limit(filters.limit))
    return {"results": [submittal_out(s) for s in rows], "next_cursor": cursor}


@router.get(
    "/submittals/{submittal_pk}", response={200: SubmittalOut, **ERRORS}, url_name="submittal"
)
def read_submittal(request: HttpRequest, submittal_pk: Id):
    return submittal_out(get_submittal_for_user(caller_of(request).user, submittal_pk))


@router.post("/submittals", response={201: SubmittalOut, **ERRORS}, url_name="submittal_create")
def create_submittal(request: HttpRequest, payload: SubmittalIn):
    """Submit a candidate to one of your team's job orders (its owner or a manager)."""
    user = caller_of(request, write=True).user
    try:
        job = get_joborder_for_user(user, payload.job_order_id, write=True)
    except Http404:
        raise refuse("job_order_id", "No such job order in your team.") from None
    candidate = candidate_visible(user, payload.candidate_id)
    if candidate is None:
        raise refuse("candidate_id", "No such candidate.")
    with transaction.atomic():
        submittal = submittal_create(job_order=job, candidate=candidate, submitted_by=user)
        if payload.interview_at is not None:
            submittal_change_status(
                submittal=submittal,
                status=Submittal.Status.INTERVIEW_SCHEDULED,
                interview_at=payload.interview_at,
                changed_by=user,
            )
    return Status(201, submittal_out(get_submittal_for_user(user, submittal.pk)))


@router.patch(
    "/submittals/{submittal_pk}",
    response={200: SubmittalOut, **ERRORS},
    url_name="submittal_update",
)
def update_submittal(request: HttpRequest, submittal_pk: Id, payload: SubmittalPatch):
    """Move the submittal to another stage and/or set its interview date (each move is kept
    as a stage event). Its submitter, the job order's owner and the managers may."""
    user = caller_of(request, write=True).user
    job_order_id = get_submittal_for_user(user, submittal_pk).job_order_id
    submittal = get_pipeline_submittal_for_user(user, job_order_id, submittal_pk, write=True)
    submittal_change_status(
        submittal=submittal,
        status=payload.status or submittal.status,
        interview_at=payload.interview_at,
        changed_by=user,
    )
    return submittal_out(get_submittal_for_user(user, submittal.pk))


# --- Interview rounds ---------------------------------------------------------------------


@router.get(
    "/submittals/{submittal_pk}/interviews",
    response={200: list[InterviewOut], **ERRORS},
    url_name="interviews",
)
def list_interviews(request: HttpRequest, submittal_pk: Id):
    """The submittal's interview rounds, round 1 first (a handful: no paging)."""
    submittal = get_submittal_for_user(caller_of(request).user, submittal_pk)
    return [interview_out(r) for r in rounds_of(submittal)]


def _round_values(submittal: Submittal, values: dict) -> dict:
    ids = set(values.pop("interviewer_ids"))
    contacts = list(
        ClientContact.objects.filter(pk__in=ids, client_id=submittal.job_order.client_id)
    )
    if len(contacts) != len(ids):
        raise refuse("interviewer_ids", "Each interviewer is a contact of the job order's client.")
    return {**values, "interviewers": contacts}


def _round_out(submittal: Submittal, number: int) -> dict:
    return interview_out(next(r for r in rounds_of(submittal) if r.round == number))


@router.post(
    "/submittals/{submittal_pk}/interviews",
    response={201: InterviewOut, **ERRORS},
    url_name="interview_create",
)
def create_interview(request: HttpRequest, submittal_pk: Id, payload: InterviewIn):
    """Schedule the next round: after the round before it, its interviewers the client's
    contacts; a submittal at submitted or interviewed moves to interview_scheduled."""
    user = caller_of(request, write=True).user
    submittal = get_submittal_to_run_for_user(user, submittal_pk)
    try:
        interview = interview_schedule(
            submittal=submittal, scheduled_by=user, **_round_values(submittal, payload.dict())
        )
    except ValidationError as error:
        raise renamed(error, {"interviewers": "interviewer_ids"}) from None
    return Status(201, _round_out(submittal, interview.round))


@router.patch(
    "/submittals/{submittal_pk}/interviews/{round_number}",
    response={200: InterviewOut, **ERRORS},
    url_name="interview_update",
)
def update_interview(
    request: HttpRequest, submittal_pk: Id, round_number: Id, payload: InterviewPatch
):
    """Change a round (the fields sent; a new start without an end keeps the round's length);
    it must stay after the round before it and before the next."""
    user = caller_of(request, write=True).user
    submittal = get_submittal_to_run_for_user(user, submittal_pk)
    interview = submittal.interviews.filter(round=round_number).first()
    if interview is None:
        raise Http404("No such round.")
    sent = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "starts_at" in sent and "ends_at" not in sent:
        sent["ends_at"] = sent["starts_at"] + (interview.ends_at - interview.starts_at)
    values = {
        "kind": interview.kind,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "interviewer_ids": [c.pk for c in interview.interviewers.all()],
        "location": interview.location,
        "meeting_url": interview.meeting_url,
        "notes": interview.notes,
    } | sent
    try:
        interview_update(interview=interview, **_round_values(submittal, values))
    except ValidationError as error:
        raise renamed(error, {"interviewers": "interviewer_ids"}) from None
    return _round_out(submittal, interview.round)
