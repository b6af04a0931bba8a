"""Team-scoped object access, shared by every app's `get_<entity>_for_user` helper.

A user's scope is their home team, plus, for a manager or a director, the teams they lead
(`User.led_teams`). Records of the scope are readable; they are writable by their owner and by
a manager of the scope. A director reads and reviews every team of the scope but changes only
their own records: directors coach, they do not edit their salespeople's work. Superusers read
and write everything. Outside the scope a record does not exist (404), so its existence is
never revealed; inside it, a refused write is a 403.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:  # core sits below accounts: the type only, never the import
    from accounts.models import User


def team_filter(user: "User", team_field: str = "team") -> Q:
    """A filter keeping the rows of the user's scope (all rows for a superuser); it costs no
    query of its own. The signed-in user comes with their led teams' ids, so the filter is the
    plain `team_id = …` (or `IN (…)` for several) the indexes serve; a leader loaded some other
    way (an API token's user) gets the led teams as a subquery instead."""
    if user.is_superuser:
        return Q()
    if not user.leads_teams or user.led_team_ids_loaded:
        ids = scope_team_ids(user)
        if len(ids) == 1:
            return Q(**{f"{team_field}_id": ids[0]})
        return Q(**{f"{team_field}_id__in": ids}) if ids else Q(pk__in=[])
    scope = Q(pk__in=[])
    if user.team_id is not None:
        scope = Q(**{f"{team_field}_id": user.team_id})
    return scope | Q(**{f"{team_field}_id__in": user.led_teams.values("pk")})


def in_scope(user: "User", team_id: int | None) -> bool:
    """Whether the team is the user's own or one they lead (checks the led teams, one query
    per request, only for a team other than the home team)."""
    if team_id is None:
        return False
    if user.is_superuser or team_id == user.team_id:
        return True
    return user.leads_teams and team_id in user.led_team_ids


def scope_team_ids(user: "User") -> list[int]:
    """The teams of a (non-superuser's) scope, home team first, then the led ones by id."""
    led = sorted(user.led_team_ids - {user.team_id})
    return [user.team_id, *led] if user.team_id is not None else led


def can_write(user: "User", *, team_id: int | None, owner_id: int | None) -> bool:
    if user.is_superuser:
        return True
    if not in_scope(user, team_id):
        return False
    return owner_id == user.pk or user.is_manager


def can_review(user: "User", team_id: int | None) -> bool:
    """Managers and directors review the plans of their scope; superusers everyone's."""
    return user.is_superuser or (user.leads_teams and in_scope(user, team_id))


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
