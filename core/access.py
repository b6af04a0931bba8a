"""Team-scoped object access, shared by every app's `get_<entity>_for_user` helper.

Team records are readable by members of the owning team and writable by their owner and the
team's managers; superusers read and write everything. Outside the team a record does not
exist (404), so its existence is never revealed; inside it, a refused write is a 403.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:  # core sits below accounts: the type only, never the import
    from accounts.models import User


def team_filter(user: "User", team_field: str = "team") -> Q:
    """A filter keeping the rows of the user's team (all rows for a superuser)."""
    if user.is_superuser:
        return Q()
    if user.team_id is None:
        return Q(pk__in=[])
    return Q(**{f"{team_field}_id": user.team_id})


def can_write(user: "User", *, team_id: int | None, owner_id: int | None) -> bool:
    if user.is_superuser:
        return True
    if user.team_id is None or team_id != user.team_id:
        return False
    return user.is_manager or owner_id == user.pk


def get_for_user[M: Model](
    queryset: QuerySet[M],
    user: "User",
    pk: int,
    *,
    team_field: str = "team",
    owner_field: str = "owner",
    write: bool = False,
) -> M:
    obj = queryset.filter(team_filter(user, team_field), pk=pk).first()
    if obj is None:
        raise Http404("No such record.")
    if write and not can_write(
        user, team_id=_resolve_id(obj, team_field), owner_id=_resolve_id(obj, owner_field)
    ):
        raise PermissionDenied("Only the owner and the team's managers can change this.")
    return obj


def _resolve_id(obj: Model, field_path: str) -> int | None:
    """Follow `a__b__team` to the id of the last hop, using loaded relations."""
    *hops, last = field_path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id")
