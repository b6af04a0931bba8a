from django.db.models import QuerySet

from accounts.access import get_for_user, team_filter
from accounts.models import User
from callplans.models import CallPlan

_PLAN_TEAM = "submittal__job_order__team"


def callplans_visible_to(user: User) -> QuerySet[CallPlan]:
    return CallPlan.objects.filter(team_filter(user, _PLAN_TEAM)).select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )


def get_callplan_for_user(user: User, pk: int, *, write: bool = False) -> CallPlan:
    queryset = CallPlan.objects.select_related(
        "submittal__job_order__client", "submittal__candidate", "author"
    )
    return get_for_user(
        queryset, user, pk, team_field=_PLAN_TEAM, owner_field="author", write=write
    )
