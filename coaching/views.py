from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.selectors import picked_team_id, sees_several_teams, teams_in_scope
from accounts.types import AuthedRequest
from callplans.models import PracticeSession
from coaching.periods import period_before
from coaching.selectors import coached_people, coaching_table, coaching_trend
from core.access import scope_team_ids
from core.dates import format_month
from core.ids import parse_id
from metrics.charts import grouped_bar_chart, rate
from metrics.selectors import month_range_from

SESSIONS_SHOWN = 20


def _require_coach(request: AuthedRequest) -> None:
    user = request.user
    if not (user.is_superuser or (user.leads_teams and scope_team_ids(user))):
        raise PermissionDenied("The coaching table is for the team's managers and directors.")


@require_GET
def coaching_index(request: AuthedRequest):
    _require_coach(request)
    months, problem = month_range_from(
        request.GET.get("start"), request.GET.get("end"), today=timezone.localdate()
    )
    before = period_before(months)
    team_id, team_problem = picked_team_id(request.user, request.GET.get("team"))
    table = coaching_table(
        request.user, period=months.bounds(), before=before.bounds(), team_id=team_id
    )
    trend = coaching_trend(request.user, months=months, team_id=team_id)
    several = sees_several_teams(request.user)
    chart = grouped_bar_chart(
        chart_id="chart-coaching-trend",
        title="The team month by month: rehearsed before the call, and interview → offer",
        description="Data in the table below.",
        series=["Rehearsed before the call", "Interview → offer"],
        groups=[
            (
                format_month(m.month),
                [rate(m.habits.rehearsed_rate), rate(m.habits.interview_to_offer)],
            )
            for m in trend
        ],
    )
    context = {
        "table": table,
        "trend": trend,
        "chart": chart,
        "months": months,
        "before": before,
        "problem": problem,
        "team_problem": team_problem,
        # One who leads several teams picks one (or all) and sees each person's team.
        "teams": list(teams_in_scope(request.user)) if several else None,
        "team_id": team_id,
        "show_team": several or request.user.is_superuser,
    }
    return render(request, "coaching/index.html", context)


@require_GET
def coaching_person(request: AuthedRequest, pk: int):
    """One salesperson's practice sessions, newest first, with links to their plans and figures."""
    _require_coach(request)
    person = coached_people(request.user).filter(pk=parse_id(pk)).first()
    if person is None:
        raise Http404("No such person on your team.")
    sessions = (
        PracticeSession.objects.filter(author=person)
        .select_related(
            "plan__submittal__candidate",
            "plan__submittal__job_order",
            "job_order",
            "candidate",
            "closing_question",
        )
        .prefetch_related("items")[:SESSIONS_SHOWN]
    )
    return render(request, "coaching/person.html", {"person": person, "sessions": sessions})
