from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Team, User


def team_members(team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("role", "first_name", "username")


def teams_with_members() -> QuerySet[Team]:
    return Team.objects.prefetch_related("members").order_by("name")


def team_roster(team: Team) -> QuerySet[User]:
    """Everyone on the team, the deactivated last: the team page manages them all."""
    return User.objects.filter(team=team).order_by("-is_active", "role", "first_name", "username")


def get_member_for_manager(user: User, pk: int) -> User:
    """A member the user may manage: a salesperson manages nobody (403); a manager, the people
    of their own team (anyone else does not exist for them: 404); a superuser, anyone."""
    if not (user.is_superuser or user.is_manager):
        raise PermissionDenied("Only managers can manage the team.")
    members = User.objects.select_related("team")
    if not user.is_superuser:
        members = members.filter(team_id=user.team_id) if user.team_id else members.none()
    member = members.filter(pk=pk).first()
    if member is None:
        raise Http404("No such member.")
    return member
