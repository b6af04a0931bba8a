"""The money board page, /board/: what a salesperson and a manager see, the GET filters with
and without htmx, bad filter values, and a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from callplans.models import CallPlan
from joborders.models import Submittal
from tests.factories import (
    CallPlanFactory,
    JobOrderFactory,
    ObjectionFactory,
    SubmittalFactory,
)

S = Submittal.Status
URL = "/board/"


@pytest.fixture
def pipeline(owner, teammate, outsider):
    now = timezone.now()
    mine = JobOrderFactory(
        owner=owner, title="Platform engineer", bill_rate=Decimal("95"), expected_hours=1040
    )
    offer = SubmittalFactory(
        job_order=mine, status=S.OFFER, interview_at=now - datetime.timedelta(days=2)
    )
    plan = CallPlanFactory(submittal=offer, status=CallPlan.Status.READY)
    ObjectionFactory(plan=plan, text="Only two years of Kubernetes", rebuttal="Ran EKS at scale.")
    ObjectionFactory(plan=plan, text="Rate is high", rebuttal="")
    SubmittalFactory(job_order=mine)
    JobOrderFactory(
        owner=teammate, title="Data engineer", employment_type="permanent", placement_fee=None
    )
    JobOrderFactory(owner=outsider, title="Harbor secret job")
    return mine


def test_a_salesperson_sees_their_job_orders_closest_to_the_money(client, owner, pipeline):
    client.force_login(owner)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Platform engineer" in html and "Data engineer" not in html
    assert "$98,800" in html  # 95 × 1040 × 1
    assert "Offer pending" in html and "Submitted" in html
    assert "Only two years of Kubernetes" in html
    assert "Rebuttal ready:" in html and "No rebuttal yet:" in html
    assert "0 of 1 open job order has a ready plan for every active candidate" in html
    assert "Prepare the plan" in html  # the candidate without a plan
    assert "Harbor secret job" not in html


def test_a_manager_sees_the_team_and_an_unknown_value_says_so(client, manager, pipeline):
    client.force_login(manager)
    html = client.get(URL).content.decode()
    assert "Platform engineer" in html and "Data engineer" in html
    assert "Value unknown" in html
    assert "Harbor secret job" not in html


def test_an_outsider_never_sees_another_teams_job_orders(client, outsider, pipeline):
    client.force_login(outsider)
    html = client.get(f"{URL}?scope=team").content.decode()
    assert "Platform engineer" not in html and "Data engineer" not in html
    assert "Harbor secret job" in html


def test_another_teams_client_in_the_filter_is_ignored_with_a_notice(client, outsider, pipeline):
    client.force_login(outsider)
    response = client.get(f"{URL}?scope=team&client={pipeline.client_id}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "is ignored" in html and "Platform engineer" not in html


@pytest.mark.parametrize(
    "query", ["scope=everyone", "stage=hired", "sort=random", "client=abc", "client=99999999999"]
)
def test_an_unknown_filter_value_is_ignored_with_a_notice(client, owner, pipeline, query):
    client.force_login(owner)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="ignored"' in html
    assert "Platform engineer" in html


def test_the_filters_work_without_javascript(client, owner, pipeline):
    client.force_login(owner)
    html = client.get(f"{URL}?scope=mine&stage=offer&sort=value").content.decode()
    assert "Offer pending" in html and 'stage">Submitted<' not in html
    assert '<option value="offer" selected>' in html


def test_htmx_gets_the_results_only(client, owner, pipeline):
    client.force_login(owner)
    response = client.get(f"{URL}?stage=submitted", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board-results"')
    assert "<form" in html  # the prepare button's form, not the filters
    assert 'role="search"' not in html


def test_the_board_is_in_the_navigation(client, owner):
    client.force_login(owner)
    assert 'href="/board/"' in client.get("/").content.decode()


def add_jobs(owner, count):
    for _ in range(count):
        j = JobOrderFactory(owner=owner, bill_rate=Decimal("90"), expected_hours=500)
        for status in (S.OFFER, S.SUBMITTED):
            plan = CallPlanFactory(submittal=SubmittalFactory(job_order=j, status=status))
            ObjectionFactory(plan=plan)


@pytest.mark.parametrize("count", [2, 25])
def test_the_page_costs_the_same_queries_whatever_its_size(
    client, owner, count, django_assert_num_queries
):
    add_jobs(owner, count)
    client.force_login(owner)
    # session, user with team, job orders, submittals, objections, raised counts, the filter's
    # clients
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert response.content.decode().count('data-testid="board-job"') == count
