"""The metrics page at /metrics/: who sees whose figures, the range, CSV downloads, cost."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callplans.models import FeedbackCall
from tests.factories import RaisedObjectionFactory, UserFactory
from tests.input import refused_as_unreadable
from tests.metrics.test_selectors import (
    day,
    feedback_call,
    grow,
    pipeline,
    raise_objection,
)

URL = reverse("metrics:index")
RANGE = {"start": "2026-10", "end": "2026-11"}


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_metrics_page_is_in_the_navigation(client, owner):
    client.force_login(owner)
    body = client.get(reverse("dashboard")).content.decode()
    assert f'href="{URL}"' in body
    assert ">Metrics</a>" in body


def test_a_salesperson_sees_their_own_figures_by_default(client, owner, teammate):
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    pipeline(owner, ("interview_scheduled", day(5)))
    pipeline(teammate, ("interview_scheduled", day(5)))
    response = get(client, owner, **RANGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{owner} (my figures)" in body
    assert "October 2026 to November 2026" in body
    funnel = response.context["tables"]["funnel"]
    assert funnel.rows[1] == ("Interview → offer (%)", 1, 2, 50)
    assert 'role="img"' in body
    assert 'aria-labelledby="chart-funnel-title chart-funnel-desc"' in body
    assert "Interview → offer" in body and "Of the submittals whose first interview" in body


def test_a_manager_sees_the_team_by_default(client, owner, teammate, manager, outsider):
    pipeline(owner)
    pipeline(teammate)
    pipeline(outsider)
    response = get(client, manager, **RANGE)
    assert response.status_code == 200
    assert response.context["metrics"].scope.kind == "team"
    assert response.context["metrics"].funnel.submitted == 2


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        ("owner", "me", 200),
        ("owner", "team", 403),
        ("owner", "firm", 403),
        ("manager", "team", 200),
        ("manager", "firm", 403),
        ("outside_manager", "team", 200),
        ("superuser", "firm", 200),
    ],
)
def test_who_may_see_which_figures(request, client, role, scope, status):
    assert get(client, request.getfixturevalue(role), scope=scope).status_code == status


@pytest.mark.parametrize(
    ("viewer", "person", "status"),
    [
        ("manager", "teammate", 200),
        ("manager", "outsider", 404),
        ("outside_manager", "owner", 404),
        ("manager", "not-a-number", 404),
        ("owner", "teammate", 403),
        ("superuser", "outsider", 200),
    ],
)
def test_who_may_pick_one_salesperson(request, client, viewer, person, status, teammate, outsider):
    pk = (
        request.getfixturevalue(person).pk
        if person in {"teammate", "owner", "outsider"}
        else person
    )
    assert get(client, request.getfixturevalue(viewer), person=pk).status_code == status


def test_a_manager_picking_a_salesperson_sees_only_theirs(client, owner, teammate, manager):
    pipeline(owner)
    pipeline(teammate)
    pipeline(teammate)
    response = get(client, manager, person=teammate.pk, **RANGE)
    assert response.context["metrics"].funnel.submitted == 2
    body = response.content.decode()
    assert f'<option value="{teammate.pk}" selected>' in body


def test_an_outsider_sees_nothing_of_another_team(client, owner, outside_manager):
    call = feedback_call(owner)
    raise_objection(call, anticipated=True)
    response = get(client, outside_manager, **RANGE)
    metrics = response.context["metrics"]
    assert metrics.funnel.submitted == 0
    assert metrics.categories == ()
    assert str(owner) not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-13", "end": "2026-11"},
        {"start": "yesterday"},
        {"start": "2026-11", "end": "2026-01"},
        {"start": "1990-01", "end": "2026-01"},
        {"end": "<script>"},
    ],
)
def test_a_bad_range_shows_a_message_and_the_last_six_months(client, owner, params):
    response = get(client, owner, **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="alert alert-warning" role="alert"' in body
    assert "Showing the last 6 months instead." in body
    assert len(response.context["metrics"].monthly) == 6


def test_an_unknown_scope_shows_a_message_and_the_usual_figures(client, manager):
    response = get(client, manager, scope="everyone")
    assert response.status_code == 200
    assert "not a choice of whose figures" in response.content.decode()
    assert response.context["metrics"].scope.kind == "team"


# --- CSV -----------------------------------------------------------------------------------


def test_every_table_downloads_as_csv_with_the_pages_numbers(client, owner):
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    pipeline(owner, ("interview_scheduled", day(5)))
    raise_objection(feedback_call(owner), anticipated=True)
    client.force_login(owner)
    tables = client.get(URL, RANGE).context["tables"]
    for name in ("funnel", "monthly", "objections", "effectiveness", "rehearsal"):
        response = client.get(URL, {**RANGE, "format": "csv", "table": name})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert (
            f'filename="metrics-{name}-me-2026-10-2026-11.csv"' in response["Content-Disposition"]
        )
        header, *rows = csv_rows(response)
        table = tables[name]
        assert header == list(table.header)
        assert len(rows) == len(table.rows)
    funnel = csv_rows(client.get(URL, {**RANGE, "format": "csv", "table": "funnel"}))
    assert funnel[2] == ["Interview → offer (%)", "1", "2", "50"]
    monthly = csv_rows(client.get(URL, {**RANGE, "format": "csv", "table": "monthly"}))
    assert [row[0] for row in monthly[1:]] == ["2026-10", "2026-11"]
    assert monthly[1][2] == ""  # no submittal in October: no ratio, not zero


def test_a_csv_cell_that_looks_like_a_formula_is_neutralised(client, owner):
    call = feedback_call(owner)
    RaisedObjectionFactory(feedback_call=call, category="=HYPERLINK(1)")
    client.force_login(owner)
    rows = csv_rows(client.get(URL, {**RANGE, "format": "csv", "table": "objections"}))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_an_unknown_table_is_not_found(client, owner):
    assert get(client, owner, format="csv", table="salaries").status_code == 404


def test_csv_downloads_follow_the_same_access_rules(client, owner, manager, outsider):
    assert get(client, owner, scope="team", format="csv", table="funnel").status_code == 403
    assert get(client, manager, person=outsider.pk, format="csv", table="funnel").status_code == 404


# --- escaping, cost, robustness ------------------------------------------------------------


def test_hostile_names_are_escaped_in_the_charts_and_tables(client, manager, team):
    hostile = UserFactory(team=team, first_name="<script>alert(1)</script>", last_name="X")
    call = feedback_call(hostile)
    RaisedObjectionFactory(feedback_call=call, category="<script>x</script>")
    body = get(client, manager, person=hostile.pk, **RANGE).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<script>x</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    svg = body[body.index('<svg xmlns="http://www.w3.org/2000/svg"') :]
    assert (
        "&lt;script&gt;x&lt;/script&gt;"
        in svg[: svg.index("</svg>", svg.index("chart-objections"))]
    )


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_runs_the_same_queries_for_3_or_30_rows(
    client, owner, manager, size, django_assert_num_queries
):
    grow(owner, size)
    client.force_login(manager)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(10):
        response = client.get(URL, {"person": owner.pk, **RANGE})
    assert response.context["metrics"].funnel.submitted == 2 * size


@pytest.mark.parametrize("size", [3, 30])
def test_a_salespersons_page_runs_the_same_queries_for_3_or_30_rows(
    client, owner, size, django_assert_num_queries
):
    grow(owner, size)
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(URL, RANGE)
    assert response.context["metrics"].funnel.submitted == 2 * size


def test_only_get_is_allowed(client, owner):
    client.force_login(owner)
    assert client.post(URL, RANGE).status_code == 405


def test_the_offer_rate_chart_compares_anticipated_with_not(client, owner):
    raise_objection(feedback_call(owner, outcome=FeedbackCall.Outcome.OFFER), anticipated=True)
    raise_objection(feedback_call(owner, outcome=FeedbackCall.Outcome.REJECTED), anticipated=False)
    response = get(client, owner, **RANGE)
    table = response.context["tables"]["effectiveness"]
    assert table.rows == (("Skill the candidate lacks", 1, 1, 100, 1, 0, 0),)
    assert "Raised and anticipated" in response.content.decode()


ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.just("2" * 10_000),
    st.sampled_from(["2026-05", "<b>x</b>", "'; DROP TABLE x; --", "-1", "9" * 30, "٣", "\x00"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=ANY_TEXT,
    end=ANY_TEXT,
    scope=ANY_TEXT,
    person=ANY_TEXT,
    fmt=st.sampled_from(["", "csv"]),
    table=ANY_TEXT,
)
def test_any_query_string_gets_an_answer_never_a_server_error(
    client, manager, start, end, scope, person, fmt, table
):
    client.force_login(manager)
    params = {"start": start, "end": end, "scope": scope, "person": person}
    params.update({"format": fmt, "table": table} if fmt else {})
    response = client.get(URL, params)
    if refused_as_unreadable(response, *params.keys(), *params.values()):
        return
    assert response.status_code in {200, 403, 404}


def test_the_monthly_chart_shows_counts_and_collapses_the_empty_months(client, owner):
    pipeline(owner, ("interview_scheduled", day(5)), ("offer", day(9)))
    pipeline(owner, ("interview_scheduled", day(5)))
    body = get(client, owner, start="2026-05", end="2026-11").content.decode()
    chart = body[body.index('aria-labelledby="chart-monthly-title') :]
    chart = chart[: chart.index("</svg>")]
    assert "No data May 2026 – Oct 2026" in chart
    assert "Jun 2026" not in chart  # the empty months are one line, not six groups
    assert "50% · 1 of 2" in chart  # interview → offer in November, with its count
    assert "100% · 2 of 2" in chart
    # The table alternative keeps every month, with the same figures; a month reads as on every
    # page ("Nov 2026"), and as 2026-11 in its CSV file.
    assert '<th scope="row" class="text-nowrap">Nov 2026</th>' in body
    monthly = get(client, owner, start="2026-05", end="2026-11").context["tables"]["monthly"]
    assert [row[0] for row in monthly.rows][:2] == ["2026-05", "2026-06"]
    assert len(monthly.rows) == 7
