"""The team's data to take away: one JSON file and a CSV per table, for the team's managers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accounts.models import Team
from accounts.types import AuthedRequest
from core.csvexport import csv_response
from exports.export import TABLES_BY_NAME, team_export_json, team_table_counts, team_table_rows


def _exported_team(request: AuthedRequest) -> Team:
    """The team whose data the user may take away: their own, if they manage it."""
    user = request.user
    if user.team is None or not (user.is_manager or user.is_superuser):
        raise PermissionDenied("Only a team's managers can export its data.")
    return user.team


def _file_name(team: Team, extension: str, table: str = "") -> str:
    parts = ["dialready", slugify(team.name) or "team", table, timezone.localdate().isoformat()]
    return "-".join(p for p in parts if p) + f".{extension}"


@require_GET
def team_export(request: AuthedRequest):
    team = _exported_team(request)
    context = {"team": team, "tables": team_table_counts(team)}
    return render(request, "exports/export.html", context)


@require_GET
def team_export_json_file(request: AuthedRequest):
    team = _exported_team(request)
    response = HttpResponse(team_export_json(team), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(team, "json")}"'
    return response


@require_GET
def team_export_csv_file(request: AuthedRequest, table: str):
    team = _exported_team(request)
    if table not in TABLES_BY_NAME:
        raise Http404("No such table in the export.")
    header, rows = team_table_rows(team, table)
    return csv_response(_file_name(team, "csv", table.replace("_", "-")), header, rows)
