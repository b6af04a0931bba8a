from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accounts.models import User
from core.access import get_for_user
from imports.models import ImportProblem, ImportRun


def _require_team(user: User) -> None:
    if user.team_id is None:
        raise PermissionDenied("Imports go into a team: only a team's members import.")


def importruns_for(user: User, *, limit: int = 10) -> list[ImportRun]:
    _require_team(user)
    return list(
        ImportRun.objects.filter(team_id=user.team_id)
        .defer("preview", "headers", "mapping", "skill_choices")
        .select_related("created_by")[:limit]
    )


def get_importrun_for_user(user: User, pk: int, *, write: bool = False) -> ImportRun:
    """A run of the user's team (another team's is a 404); writing it (mapping, confirming) is
    for whoever uploaded it and the team's managers."""
    _require_team(user)
    queryset = ImportRun.objects.select_related("created_by", "team")
    return get_for_user(
        queryset.filter(team_id=user.team_id), user, pk, owner_field="created_by", write=write
    )


def importproblems_of(run: ImportRun, *, limit: int | None = None) -> QuerySet[ImportProblem]:
    problems = ImportProblem.objects.filter(run=run).order_by("line", "id")
    return problems[:limit] if limit is not None else problems
