from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Team, User
from core.access import scope_team_ids, team_filter
from core.ids import parse_id


def teams_in_scope(user: User) -> QuerySet[Team]:
    """The teams a person sees: their own and those they lead (every team for a superuser)."""
    if user.is_superuser:
        return Team.objects.order_by("name")
    return Team.objects.filter(pk__in=scope_team_ids(user)).order_by("name")


def picked_team_id(user: User, raw: str | None) -> tuple[int | None, str]:
    """The team picked in a page's team picker (`?team=<id>`), one of the viewer's teams; any
    other value is ignored, with the notice saying so (never a 404 that would confirm a team)."""
    if not raw:
        return None, ""
    pk = parse_id(raw)
    if pk is not None and not user.is_superuser and pk in scope_team_ids(user):
        return pk, ""
    return None, f"Team: “{str(raw)[:40]}” is not one of your teams, so it is ignored."


def sees_several_teams(user: User) -> bool:
    """Whether the team-scoped pages offer a team picker: a leader of more than one team (a
    superuser's pages already group by team). No query: the led ids come with the user."""
    return not user.is_superuser and len(scope_team_ids(user)) > 1


def team_members(team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("role", "first_name", "username")


def teams_with_members() -> QuerySet[Team]:
    return Team.objects.prefetch_related("members").order_by("name")


def team_roster(team: Team) -> QuerySet[User]:
    """Everyone on the team, the deactivated last: the team page manages them all."""
    return User.objects.filter(team=team).order_by("-is_active", "role", "first_name", "username")


def get_member_for_manager(user: User, pk: int) -> User:
    """A member the user may manage: a salesperson or director manages nobody (403); a manager,
    the people of the teams they lead (anyone else does not exist for them: 404); a superuser,
    anyone."""
    if not (user.is_superuser or user.is_manager):
        raise PermissionDenied("Only managers can manage the team.")
    members = User.objects.select_related("team").filter(team_filter(user))
    member = members.filter(pk=pk).first()
    if member is None:
        raise Http404("No such member.")
    return member
