from django.db.models import QuerySet

from accounts.models import Team, User


def team_members(team: Team) -> QuerySet[User]:
    return User.objects.filter(team=team, is_active=True).order_by("role", "first_name", "username")


def teams_with_members() -> QuerySet[Team]:
    return Team.objects.prefetch_related("members").order_by("name")
