"""Job orders and their requirements."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from api.auth import caller_of
from api.errors import refuse, renamed
from api.pagination import DEFAULT_LIMIT, checked_limit, page_of
from api.present import joborder_out, requirement_out
from api.schemas import (
    ERRORS,
    Conflict,
    DateTime,
    Id,
    JobOrderIn,
    JobOrderOut,
    JobOrderPatch,
    JobStatus,
    Page,
    RequirementIn,
    RequirementOut,
    RequirementPatch,
)
from api.selectors import client_of_team, contact_of_team, joborders_for_api
from joborders.models import Requirement
from joborders.selectors import get_joborder_for_user, get_requirement_for_user
from joborders.services import (
    joborder_change_status,
    joborder_create_qualified,
    joborder_update,
    requirement_add,
    requirement_add_skill,
    requirement_remove,
    requirement_update,
)

router = Router(tags=["Job orders"])
NAMES = {"client": "client_id", "contact": "contact_id"}


class JobOrderFilters(Schema):
    status: JobStatus | None = None  # type: ignore[valid-type]
    client_id: Id | None = None
    updated_since: DateTime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/joborders", response={200: Page[JobOrderOut], **ERRORS}, url_name="joborders")
def list_joborders(request: HttpRequest, filters: Query[JobOrderFilters]):
    """Your team's job orders, oldest id first; `updated_since` for a sync."""
    user = caller_of(request).user
    jobs = joborders_for_api(user)
    if filters.status:
        jobs = jobs.filter(status=filters.status)
    if filters.client_id:
        jobs = jobs.filter(client_id=filters.client_id)
    if filters.updated_since:
        jobs = jobs.filter(updated_at__gte=filters.updated_since)
    rows, cursor = page_of(jobs, cursor=filters.cursor, limit=checked_limit(filters.limit))
    return {"results": [joborder_out(j) for j in rows], "next_cursor": cursor}


def _read(user, pk: int):
    job = joborders_for_api(user).filter(pk=pk).first()
    if job is None:  # another team's (or archived): as on the pages, it does not exist
        raise Http404("No such job order.")
    return job


@router.get("/joborders/{joborder_pk}", response={200: JobOrderOut, **ERRORS}, url_name="joborder")
def read_joborder(request: HttpRequest, joborder_pk: Id):
    return joborder_out(_read(caller_of(request).user, joborder_pk))


def _requirement_add(job, row: RequirementIn, prefix: str = ""):
    try:
        if row.kind == Requirement.Kind.SKILL:
            if not row.skill.strip():
                raise refuse("skill", "Name the skill.")
            return requirement_add_skill(
                job_order=job,
                skill_name=row.skill,
                min_years=row.min_years,
                must_have=row.must_have,
            )
        if row.skill:
            raise refuse("skill", "Only a skill requirement names a skill.")
        return requirement_add(
            job_order=job,
            kind=row.kind,
            description=row.description.strip(),
            min_years=row.min_years,
            must_have=row.must_have,
        )
    except ValidationError as error:
        raise renamed(error, prefix=prefix) from None


@router.post("/joborders", response={201: JobOrderOut, **ERRORS}, url_name="joborder_create")
def create_joborder(request: HttpRequest, payload: JobOrderIn):
    """A job order with its requirements, all or nothing. Name the client by `client_id` or
    add one with `new_client_name`."""
    user = caller_of(request, write=True).user
    client = client_of_team(user, payload.client_id)
    if payload.client_id and client is None:
        raise refuse("client_id", "No such client in your team.")
    contact = contact_of_team(user, payload.contact_id)
    if payload.contact_id and contact is None:
        raise refuse("contact_id", "No such contact in your team.")
    details = payload.model_dump(
        exclude={"client_id", "contact_id", "new_client_name", "requirements"}
    )
    with transaction.atomic():
        try:
            job = joborder_create_qualified(
                owner=user,
                client=client,
                new_client_name=payload.new_client_name,
                contact=contact,
                **details,
            )
        except ValidationError as error:
            raise renamed(error, NAMES) from None
        for number, row in enumerate(payload.requirements):
            _requirement_add(job, row, f"requirements.{number}.")
    return Status(201, joborder_out(_read(user, job.pk)))


@router.patch(
    "/joborders/{joborder_pk}",
    response={200: JobOrderOut, 409: Conflict, **ERRORS},
    url_name="joborder_update",
)
def update_joborder(request: HttpRequest, joborder_pk: Id, payload: JobOrderPatch):
    """Change the fields you send. `version` is the one you read: if someone saved since, the
    answer is 409 naming what they changed, and nothing is written."""
    user = caller_of(request, write=True).user
    job = get_joborder_for_user(user, joborder_pk, write=True)
    sent = payload.model_dump(exclude_unset=True)
    version = sent.pop("version")
    status = sent.pop("status", None)
    fields = {
        "title": job.title,
        "status": job.status,
        "openings": job.openings,
        "start_date": job.start_date,
        "duration_weeks": job.duration_weeks,
        "bill_rate": job.bill_rate,
        "project_goal": job.project_goal,
        "project_scope": job.project_scope,
        "client": job.client,
        "contact": job.contact,
    }
    if "client_id" in sent:
        fields["client"] = client_of_team(user, sent.pop("client_id"))
        if fields["client"] is None:
            raise refuse("client_id", "No such client in your team.")
        if "contact_id" not in sent:
            fields["contact"] = None if job.client_id != fields["client"].pk else job.contact
    if "contact_id" in sent:
        contact_id = sent.pop("contact_id")
        fields["contact"] = contact_of_team(user, contact_id)
        if contact_id is not None and fields["contact"] is None:
            raise refuse("contact_id", "No such contact in your team.")
    fields.update(sent)
    with transaction.atomic():
        try:
            joborder_update(job_order=job, version=version, **fields)
            if status is not None and status != job.status:
                # The pages' status buttons: only the allowed moves, each a version of its own.
                joborder_change_status(job_order=job, status=status)
        except ValidationError as error:
            raise renamed(error, NAMES) from None
    return joborder_out(_read(user, job.pk))


@router.post(
    "/joborders/{joborder_pk}/requirements",
    response={201: RequirementOut, **ERRORS},
    url_name="requirement_create",
)
def add_requirement(request: HttpRequest, joborder_pk: Id, payload: RequirementIn):
    """Add a requirement: a skill by name (aliases resolve) or a challenge, deliverable,
    result or experience in words."""
    user = caller_of(request, write=True).user
    job = get_joborder_for_user(user, joborder_pk, write=True)
    requirement = _requirement_add(job, payload)
    requirement.refresh_from_db()
    return Status(201, requirement_out(requirement))


@router.patch(
    "/joborders/{joborder_pk}/requirements/{requirement_pk}",
    response={200: RequirementOut, **ERRORS},
    url_name="requirement_update",
)
def update_requirement(
    request: HttpRequest, joborder_pk: Id, requirement_pk: Id, payload: RequirementPatch
):
    """Correct a row: a skill row takes `skill` and `min_years`, the others `description`."""
    user = caller_of(request, write=True).user
    requirement = get_requirement_for_user(user, joborder_pk, requirement_pk, write=True)
    requirement = requirement_update(
        requirement=requirement,
        description=payload.description,
        skill_name=payload.skill,
        min_years=payload.min_years,
        must_have=payload.must_have,
    )
    return requirement_out(requirement)


@router.delete(
    "/joborders/{joborder_pk}/requirements/{requirement_pk}",
    response={204: None, **ERRORS},
    url_name="requirement_delete",
)
def delete_requirement(request: HttpRequest, joborder_pk: Id, requirement_pk: Id):
    user = caller_of(request, write=True).user
    requirement_remove(
        requirement=get_requirement_for_user(user, joborder_pk, requirement_pk, write=True)
    )
    return Status(204, None)
