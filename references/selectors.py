from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import get_for_user, team_filter
from accounts.models import User
from references.models import Reference, ReferenceCall


def references_for_candidate(candidate_id: int) -> QuerySet[Reference]:
    """References are firm-wide: anyone signed in may read who vouches for a candidate."""
    return Reference.objects.filter(candidate_id=candidate_id).select_related("engagement")


def get_reference_for_user(user: User, pk: int) -> Reference:
    return get_object_or_404(Reference.objects.select_related("candidate", "engagement"), pk=pk)


def referencecalls_visible_to(user: User) -> QuerySet[ReferenceCall]:
    return ReferenceCall.objects.filter(team_filter(user)).select_related(
        "reference__candidate", "job_order", "called_by"
    )


def get_referencecall_for_user(user: User, pk: int, *, write: bool = False) -> ReferenceCall:
    queryset = ReferenceCall.objects.select_related(
        "reference__candidate", "job_order__client", "called_by"
    )
    return get_for_user(queryset, user, pk, owner_field="called_by", write=write)
