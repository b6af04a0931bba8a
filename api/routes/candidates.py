"""Candidates with their skills and engagements. Candidates are firm-wide records: everyone
reads them; their owner and the managers of the owner's team change them (else 403)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from api.auth import caller_of
from api.errors import renamed
from api.pagination import DEFAULT_LIMIT, checked_limit, page_of
from api.present import candidate_out, candidate_skill_out, engagement_out
from api.schemas import (
    ERRORS,
    CandidateIn,
    CandidateOut,
    CandidatePatch,
    CandidateSkillIn,
    CandidateSkillOut,
    CandidateStatus,
    Conflict,
    DateTime,
    EngagementIn,
    EngagementOut,
    Id,
    Page,
)
from api.selectors import candidates_for_api
from candidates.models import CANDIDATE_FIELDS
from candidates.selectors import get_candidate_for_user
from candidates.services import (
    candidate_create,
    candidate_skill_add,
    candidate_update,
    engagement_create,
)

router = Router(tags=["Candidates"])


class CandidateFilters(Schema):
    status: CandidateStatus | None = None  # type: ignore[valid-type]
    updated_since: DateTime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/candidates", response={200: Page[CandidateOut], **ERRORS}, url_name="candidates")
def list_candidates(request: HttpRequest, filters: Query[CandidateFilters]):
    """Active candidates, oldest id first; `updated_since` for a sync."""
    candidates = candidates_for_api(caller_of(request).user)
    if filters.status:
        candidates = candidates.filter(status=filters.status)
    if filters.updated_since:
        candidates = candidates.filter(updated_at__gte=filters.updated_since)
    rows, cursor = page_of(candidates, cursor=filters.cursor, limit=checked_limit(filters.limit))
    return {"results": [candidate_out(c) for c in rows], "next_cursor": cursor}


def _read(user, pk: int):
    candidate = candidates_for_api(user).filter(pk=pk).first()
    if candidate is None:
        raise Http404("No such candidate.")
    return candidate


@router.get(
    "/candidates/{candidate_pk}", response={200: CandidateOut, **ERRORS}, url_name="candidate"
)
def read_candidate(request: HttpRequest, candidate_pk: Id):
    return candidate_out(_read(caller_of(request).user, candidate_pk))


def _add_skill(candidate, row: CandidateSkillIn, prefix: str = ""):
    try:
        added = candidate_skill_add(
            candidate=candidate,
            skill_name=row.skill,
            years=row.years,
            last_used_year=row.last_used_year,
        )
    except ValidationError as error:
        raise renamed(error, prefix=prefix) from None
    added.refresh_from_db()  # years as stored ("4.0"), as a read gives them
    return added


def _add_engagement(candidate, row: EngagementIn, prefix: str = ""):
    details = row.model_dump(exclude={"skills"})
    try:
        return engagement_create(candidate=candidate, skill_names=row.skills, **details)
    except ValidationError as error:
        raise renamed(error, prefix=prefix) from None


@router.post("/candidates", response={201: CandidateOut, **ERRORS}, url_name="candidate_create")
def create_candidate(request: HttpRequest, payload: CandidateIn):
    """A candidate with skills (years) and engagements, all or nothing; you own it."""
    user = caller_of(request, write=True).user
    with transaction.atomic():
        candidate = candidate_create(
            owner=user, **payload.model_dump(include=set(CANDIDATE_FIELDS))
        )
        for number, row in enumerate(payload.skills):
            _add_skill(candidate, row, f"skills.{number}.")
        for number, row in enumerate(payload.engagements):
            _add_engagement(candidate, row, f"engagements.{number}.")
    return Status(201, candidate_out(_read(user, candidate.pk)))


@router.patch(
    "/candidates/{candidate_pk}",
    response={200: CandidateOut, 409: Conflict, **ERRORS},
    url_name="candidate_update",
)
def update_candidate(request: HttpRequest, candidate_pk: Id, payload: CandidatePatch):
    """Change the fields you send; a stale `version` is a 409 naming what changed."""
    user = caller_of(request, write=True).user
    candidate = get_candidate_for_user(user, candidate_pk, write=True)
    sent = payload.model_dump(exclude_unset=True)
    version = sent.pop("version")
    fields = {name: getattr(candidate, name) for name in CANDIDATE_FIELDS} | sent
    candidate_update(candidate=candidate, version=version, **fields)
    return candidate_out(_read(user, candidate.pk))


@router.post(
    "/candidates/{candidate_pk}/skills",
    response={201: CandidateSkillOut, **ERRORS},
    url_name="candidate_skill_create",
)
def add_candidate_skill(request: HttpRequest, candidate_pk: Id, payload: CandidateSkillIn):
    """Record a skill by name (aliases resolve, unknown names are added); a skill the
    candidate has already gets its years corrected."""
    user = caller_of(request, write=True).user
    row = _add_skill(get_candidate_for_user(user, candidate_pk, write=True), payload)
    return Status(201, candidate_skill_out(row))


@router.post(
    "/candidates/{candidate_pk}/engagements",
    response={201: EngagementOut, **ERRORS},
    url_name="engagement_create",
)
def add_engagement(request: HttpRequest, candidate_pk: Id, payload: EngagementIn):
    """A project the candidate worked on, with the skills used (by name)."""
    user = caller_of(request, write=True).user
    engagement = _add_engagement(get_candidate_for_user(user, candidate_pk, write=True), payload)
    return Status(201, engagement_out(engagement))
