"""The record kinds with a history page: their tracked fields, child rows and access rules."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from accounts.models import User
from callplans.models import CallPlan, Objection
from callplans.selectors import get_callplan_for_user
from candidates.models import (
    CANDIDATE_FIELDS,
    ENGAGEMENT_FIELDS,
    Candidate,
    CandidateSkill,
    Engagement,
)
from candidates.selectors import candidate_can_write, get_candidate_for_user
from core.access import can_write
from joborders.models import JobOrder, Requirement
from joborders.selectors import get_joborder_for_user
from references.models import ReferenceCall, ReferenceFinding
from references.selectors import get_referencecall_for_user


@dataclass(frozen=True)
class ChildKind:
    """Rows that belong to the record and are tracked with it (a job order's requirements)."""

    slug: str
    noun: str
    model: type[Model]
    parent_field: str
    fields: tuple[str, ...]
    # The first non-empty of these names the row in the timeline ("Removed requirement: …").
    label_fields: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    slug: str
    noun: str
    model: type[Model]
    # What a restore puts back: the fields the record's edit form owns.
    fields: tuple[str, ...]
    children: tuple[ChildKind, ...]
    get_for_user: Callable[..., Model]
    may_write: Callable[[User, Model], bool]
    title: Callable[[Model], str]
    detail_url: Callable[[Model], str]
    # Many-to-many fields are kept by simple-history but not diffed: an entry that changed only
    # them is described with this text.
    m2m_change: str = ""


def _joborder_may_write(user: User, job_order: JobOrder) -> bool:
    return can_write(user, team_id=job_order.team_id, owner_id=job_order.owner_id)


def _call_may_write(user: User, call: ReferenceCall) -> bool:
    return can_write(user, team_id=call.team_id, owner_id=call.called_by_id)


def _plan_may_write(user: User, plan: CallPlan) -> bool:
    return can_write(user, team_id=plan.submittal.job_order.team_id, owner_id=plan.author_id)


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            slug="joborder",
            noun="job order",
            model=JobOrder,
            fields=(
                "client",
                "contact",
                "title",
                "status",
                "openings",
                "start_date",
                "duration_weeks",
                "bill_rate",
                "employment_type",
                "expected_hours",
                "placement_fee",
                "project_goal",
                "project_scope",
            ),
            children=(
                ChildKind(
                    slug="requirement",
                    noun="requirement",
                    model=Requirement,
                    parent_field="job_order",
                    fields=("kind", "description", "skill", "min_years", "must_have", "position"),
                    label_fields=("description", "skill"),
                ),
            ),
            get_for_user=get_joborder_for_user,
            may_write=_joborder_may_write,
            title=lambda job_order: f"{job_order.title} — {job_order.client.name}",
            detail_url=lambda job_order: reverse("joborders:detail", args=[job_order.pk]),
        ),
        Kind(
            slug="candidate",
            noun="candidate",
            model=Candidate,
            fields=CANDIDATE_FIELDS,
            children=(
                ChildKind(
                    slug="candidateskill",
                    noun="skill",
                    model=CandidateSkill,
                    parent_field="candidate",
                    fields=("skill", "years", "last_used_year"),
                    label_fields=("skill",),
                ),
                ChildKind(
                    slug="engagement",
                    noun="engagement",
                    model=Engagement,
                    parent_field="candidate",
                    fields=ENGAGEMENT_FIELDS,
                    label_fields=("employer",),
                ),
            ),
            # Candidates are firm-wide: everyone reads them, the owner's side changes them.
            get_for_user=get_candidate_for_user,
            may_write=candidate_can_write,
            title=lambda candidate: candidate.full_name,
            detail_url=lambda candidate: reverse("candidates:detail", args=[candidate.pk]),
        ),
        Kind(
            slug="referencecall",
            noun="reference call",
            model=ReferenceCall,
            fields=(
                "status",
                "job_details_shared",
                "would_rehire",
                "rating",
                "summary",
                "strengths",
                "concerns",
            ),
            children=(
                ChildKind(
                    slug="finding",
                    noun="finding",
                    model=ReferenceFinding,
                    parent_field="call",
                    fields=("requirement", "assessment", "quote"),
                    label_fields=("requirement", "quote"),
                ),
            ),
            get_for_user=get_referencecall_for_user,
            may_write=_call_may_write,
            title=lambda call: (
                f"Reference call with {call.reference.name} about "
                f"{call.reference.candidate.full_name}"
            ),
            detail_url=lambda call: reverse("references:call_detail", args=[call.pk]),
        ),
        Kind(
            slug="callplan",
            noun="call plan",
            model=CallPlan,
            fields=("status", "candidate_story", "next_action", "rehearsed_at"),
            children=(
                ChildKind(
                    slug="objection",
                    noun="objection",
                    model=Objection,
                    parent_field="plan",
                    fields=(
                        "requirement",
                        "category",
                        "text",
                        "rebuttal",
                        "likelihood",
                        "source",
                        "position",
                    ),
                    label_fields=("text",),
                ),
            ),
            get_for_user=get_callplan_for_user,
            may_write=_plan_may_write,
            title=lambda plan: (
                f"Call plan: {plan.submittal.candidate.full_name} for "
                f"{plan.submittal.job_order.title}"
            ),
            detail_url=lambda plan: reverse("callplans:detail", args=[plan.pk]),
            m2m_change="Changed the closing questions",
        ),
    )
}


def kind_named(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("No history for that kind of record.")
    return kind
