"""Reads of the API app: personal access tokens."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from api.models import ApiToken
from api.services import TOKEN_PREFIX, token_hash
from callplans.models import CallPlan
from callplans.selectors import callplans_visible_to
from candidates.models import Candidate, CandidateSkill
from candidates.selectors import candidates_visible_to, engagements_with_skills
from joborders.models import Client, ClientContact, JobOrder, Requirement, Submittal
from joborders.selectors import (
    clients_visible_to,
    contacts_of_team,
    joborders_visible_to,
    submittals_visible_to,
)


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def get_token_of(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens: anyone else's is a 404."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def token_for_secret(secret: str) -> ApiToken | None:
    """The live token this secret opens, with its user, in one query; None for anything else
    (unknown, revoked, or its user deactivated)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


# --- What the API lists and reads: the pages' visibility, with every row's parts prefetched ----


def joborders_for_api(user: User) -> QuerySet[JobOrder]:
    """The team's job orders (as the job order list shows them) with their requirements."""
    requirements = Requirement.objects.select_related("skill").order_by("position", "id")
    return joborders_visible_to(user).prefetch_related(
        Prefetch("requirements", queryset=requirements)
    )


def candidates_for_api(user: User) -> QuerySet[Candidate]:
    """Firm-wide candidates (as the candidate list) with their skills and engagements."""
    return candidates_visible_to(user).prefetch_related(
        Prefetch("skills", queryset=CandidateSkill.objects.select_related("skill")),
        Prefetch("engagements", queryset=engagements_with_skills()),
    )


def submittals_for_api(user: User) -> QuerySet[Submittal]:
    return submittals_visible_to(user)


def callplans_for_api(user: User) -> QuerySet[CallPlan]:
    return callplans_visible_to(user)


def client_of_team(user: User, pk: int | None) -> Client | None:
    return None if pk is None else clients_visible_to(user).filter(pk=pk).first()


def contact_of_team(user: User, pk: int | None) -> ClientContact | None:
    return None if pk is None else contacts_of_team(user.team_id).filter(pk=pk).first()


def candidate_visible(user: User, pk: int) -> Candidate | None:
    return candidates_visible_to(user).filter(pk=pk).first()
