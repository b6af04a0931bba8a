"""The metrics page: funnel ratios, time to submit and fill, objections, rehearsal; and CSVs."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from accounts.selectors import picked_team_id, sees_several_teams, teams_in_scope
from accounts.types import AuthedRequest
from core.csvexport import csv_response
from core.dates import format_month
from metrics.charts import Point, bar_chart, grouped_bar_chart, rate
from metrics.selectors import (
    DEFINITIONS,
    PERSON,
    SCOPE_CHOICES,
    TEAM,
    Metrics,
    allowed_scopes,
    default_scope,
    metrics_for,
    metrics_scope_for,
    month_range_from,
    people_to_pick,
)

TABLE_NOTE = "Data in the table below."


class MonthCell(str):
    """A month as a CSV file writes it ("2026-11", sorts in a spreadsheet); the page shows its
    `month` as every page writes a month ("Nov 2026", core/dates.py), which does not wrap."""

    month: datetime.date

    def __new__(cls, month: datetime.date) -> "MonthCell":
        cell = super().__new__(cls, f"{month:%Y-%m}")
        cell.month = month
        return cell


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]  # first cell is the row's heading; None shows "—"


@require_GET
def metrics_index(request: AuthedRequest):
    user = request.user
    notes = []
    scope_name = request.GET.get("scope") or default_scope(user)
    if scope_name not in {value for value, _ in SCOPE_CHOICES}:
        notes.append("That is not a choice of whose figures to show; showing the usual ones.")
        scope_name = default_scope(user)
    person = request.GET.get("person") or None
    team_id, team_problem = picked_team_id(user, request.GET.get("team"))
    if team_problem:
        notes.append(team_problem)
    scope = metrics_scope_for(user, scope=scope_name, person=person, team_id=team_id)
    months, range_problem = month_range_from(
        request.GET.get("start"), request.GET.get("end"), today=timezone.localdate()
    )
    if range_problem:
        notes.append(range_problem)
    metrics = metrics_for(scope, months)
    tables = {table.name: table for table in metric_tables(metrics)}
    if request.GET.get("format") == "csv":
        table = tables.get(request.GET.get("table", ""))
        if table is None:
            raise Http404("No such table.")
        filename = f"metrics-{table.name}-{scope.kind}-{months.start_text}-{months.end_text}.csv"
        return csv_response(filename, list(table.header), table.rows)
    query = {"scope": scope_name, "start": months.start_text, "end": months.end_text}
    if scope.kind == PERSON:
        query["person"] = scope.submitted_by_id
    if team_id is not None and scope.kind == TEAM:
        query["team"] = team_id
    several = sees_several_teams(user)
    return render(
        request,
        "metrics/metrics.html",
        {
            "metrics": metrics,
            "notes": notes,
            "tables": tables,
            "charts": metric_charts(metrics),
            "definitions": DEFINITIONS,
            "scope_choices": [c for c in SCOPE_CHOICES if c[0] in allowed_scopes(user)],
            "scope_name": scope_name,
            "people": list(people_to_pick(user)),
            "person_id": scope.submitted_by_id if scope.kind == PERSON else None,
            # One who leads several teams picks one of them (the team figures per team).
            "teams": list(teams_in_scope(user)) if several else None,
            "team_id": team_id,
            "show_team": several or user.is_superuser,
            "csv_query": urlencode(query),
        },
    )


def metric_tables(metrics: Metrics) -> list[Table]:
    """The page's tables; the CSV download of each is the same rows."""
    funnel = metrics.funnel
    ratios = [
        ("Submittal → interview (%)", funnel.submit_to_interview),
        ("Interview → offer (%)", funnel.interview_to_offer),
        ("Offer → placement (%)", funnel.offer_to_placement),
        ("Anticipated-objection rate (%)", metrics.anticipated_rate),
    ]
    return [
        Table(
            "funnel",
            f"Range totals, {metrics.months.label}",
            ("Figure", "Reached", "Out of", "Value"),
            (
                *((label, r.numerator, r.denominator, r.percent) for label, r in ratios),
                ("Time to submit (days)", None, funnel.submitted, metrics.time_to_submit_days),
                (
                    "Time to interview (days)",
                    None,
                    funnel.interviewed,
                    metrics.time_to_interview_days,
                ),
                ("Time to offer (days)", None, funnel.offers, metrics.time_to_offer_days),
                ("Time to fill (days)", None, funnel.placements, metrics.time_to_fill_days),
            ),
        ),
        Table(
            "monthly",
            "Month by month",
            (
                "Month",
                "Submittals",
                "Submittal → interview (%)",
                "First interviews",
                "Interview → offer (%)",
                "First offers",
                "Offer → placement (%)",
                "Placements",
                "Time to submit (days)",
                "Time to interview (days)",
                "Time to offer (days)",
                "Time to fill (days)",
                "Objections raised",
                "Anticipated (%)",
            ),
            tuple(
                (
                    MonthCell(row.month),
                    row.submitted,
                    row.submit_to_interview.percent,
                    row.interviewed,
                    row.interview_to_offer.percent,
                    row.offers,
                    row.offer_to_placement.percent,
                    row.placements,
                    row.time_to_submit_days,
                    row.time_to_interview_days,
                    row.time_to_offer_days,
                    row.time_to_fill_days,
                    row.objections_raised,
                    row.anticipated_rate.percent,
                )
                for row in metrics.monthly
            ),
        ),
        Table(
            "dates",
            "Submittals left out of the durations: their dates are out of order",
            ("Job order", "Candidate", "Date", "Day", "Before", "Day before", "Problem"),
            tuple(
                (
                    row.job_order,
                    row.candidate,
                    row.problem.later_label,
                    row.problem.later.isoformat(),
                    row.problem.earlier_label,
                    row.problem.earlier.isoformat(),
                    row.problem.message,
                )
                for row in metrics.out_of_order
            ),
        ),
        Table(
            "losses",
            "Why candidates were lost",
            ("Reason", "Rejected by the client", "Withdrawn", "Total", "Share of losses (%)"),
            tuple(
                (
                    row.label,
                    row.rejected,
                    row.withdrawn,
                    row.total,
                    round(100 * row.total / lost),
                )
                for lost in [sum(r.total for r in metrics.losses)]
                for row in metrics.losses
            ),
        ),
        Table(
            "objections",
            "Objections most raised",
            ("Category", "Times raised", "Anticipated", "Anticipated (%)"),
            tuple(
                (c.label, c.raised, c.anticipated, round(100 * c.anticipated / c.raised))
                for c in metrics.categories
            ),
        ),
        Table(
            "effectiveness",
            "Offer rate when the objection was anticipated, and when it was not",
            (
                "Category",
                "Calls, anticipated",
                "Offers, anticipated",
                "Offer rate, anticipated (%)",
                "Calls, not anticipated",
                "Offers, not anticipated",
                "Offer rate, not anticipated (%)",
            ),
            tuple(
                (
                    c.label,
                    c.offer_rate_anticipated.denominator,
                    c.offer_rate_anticipated.numerator,
                    c.offer_rate_anticipated.percent,
                    c.offer_rate_unanticipated.denominator,
                    c.offer_rate_unanticipated.numerator,
                    c.offer_rate_unanticipated.percent,
                )
                for c in metrics.categories
            ),
        ),
        Table(
            "rehearsal",
            "Interview → offer, rehearsed or approved plans against the rest",
            ("Submittals", "First interviews", "Offers", "Interview → offer (%)"),
            tuple(
                (
                    r.label,
                    r.interview_to_offer.denominator,
                    r.interview_to_offer.numerator,
                    r.interview_to_offer.percent,
                )
                for r in metrics.rehearsal
            ),
        ),
    ]


def metric_charts(metrics: Metrics) -> dict[str, SafeString]:
    who = f"{metrics.scope.label}, {metrics.months.label}"
    funnel = metrics.funnel
    return {
        "funnel": bar_chart(
            chart_id="chart-funnel",
            title=f"Conversion ratios — {who}",
            description=TABLE_NOTE,
            bars=[
                ("Submittal → interview", rate(funnel.submit_to_interview)),
                ("Interview → offer", rate(funnel.interview_to_offer)),
                ("Offer → placement", rate(funnel.offer_to_placement)),
                ("Anticipated objections", rate(metrics.anticipated_rate)),
            ],
            unit="%",
            max_value=100,
        ),
        "monthly": grouped_bar_chart(
            chart_id="chart-monthly",
            title=f"Conversion ratios by month — {who}",
            description=TABLE_NOTE,
            series=["Submittal → interview", "Interview → offer", "Offer → placement"],
            groups=[
                (
                    format_month(row.month),
                    [
                        rate(row.submit_to_interview),
                        rate(row.interview_to_offer),
                        rate(row.offer_to_placement),
                    ],
                )
                for row in metrics.monthly
            ],
        ),
        "objections": bar_chart(
            chart_id="chart-objections",
            title=f"Objections most raised — {who}",
            description=TABLE_NOTE,
            bars=[
                (c.label, Point(c.raised, f"{c.anticipated} anticipated"))
                for c in metrics.categories
            ],
        ),
        "effectiveness": grouped_bar_chart(
            chart_id="chart-effectiveness",
            title=f"Offer rate by objection category — {who}",
            description=TABLE_NOTE,
            series=["Raised and anticipated", "Raised, not anticipated"],
            groups=[
                (c.label, [rate(c.offer_rate_anticipated), rate(c.offer_rate_unanticipated)])
                for c in metrics.categories
            ],
        ),
        "rehearsal": bar_chart(
            chart_id="chart-rehearsal",
            title=f"Interview → offer by preparation — {who}",
            description=TABLE_NOTE,
            bars=[(r.label, rate(r.interview_to_offer)) for r in metrics.rehearsal],
            unit="%",
            max_value=100,
        ),
    }
