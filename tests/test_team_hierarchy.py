"""A director and a manager of two teams see exactly their teams' records, on every page that
shows a team's work (board, review list, coaching, metrics, dashboard, search), and another
team's record is a 404 on its pages.

The world (tests/conftest.py `leaders`): `team` ("Northwind") and a third team ("Third") are
led by both the director (no home team) and the two-team manager (home: Third); `other_team`
("Harbor") by neither."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team
from joborders.models import Submittal
from metrics.selectors import metrics_scope_for
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    JobOrderFactory,
    SubmittalFactory,
    UserFactory,
)

LEADERS = ("director", "manager_two_teams")


def work_of(team: Team, *, size: int = 1) -> dict:
    """A salesperson of `team` with `size` open job orders, each with a candidate interviewing
    tomorrow and a plan: names that say whose they are."""
    word = team.name.split()[0]
    seller = UserFactory(first_name=f"Seller{word}", last_name="Test", team=team)
    plans = []
    for n in range(size):
        job = JobOrderFactory(owner=seller, title=f"Hierarchy engineer {word} {n}")
        submittal = SubmittalFactory(
            job_order=job,
            candidate=CandidateFactory(first_name=f"Cand{word}{n}", last_name="Hier"),
            status=Submittal.Status.INTERVIEW_SCHEDULED,
            interview_at=timezone.now() + datetime.timedelta(days=1),
        )
        plans.append(CallPlanFactory(submittal=submittal))
    return {"seller": seller, "plans": plans, "word": word}


@pytest.fixture
def world(team, other_team, leaders):
    third = leaders["manager_two_teams"].team
    return {
        "mine": [work_of(team), work_of(third)],
        "theirs": work_of(other_team),
        **leaders,
    }


def sees(body: str, work: dict) -> bool:
    return f"Hierarchy engineer {work['word']}" in body or f"Cand{work['word']}" in body


def assert_exactly_their_teams(body: str, world: dict) -> None:
    assert all(sees(body, w) for w in world["mine"]), "a led team's record is missing"
    assert not sees(body, world["theirs"]), "another team's record is shown"


@pytest.mark.parametrize("role", LEADERS)
def test_the_board_shows_every_job_order_of_their_teams_and_no_other(client, world, role):
    client.force_login(world[role])
    body = client.get(reverse("board:index")).text
    assert_exactly_their_teams(body, world)
    assert body.count('data-testid="board-job"') == 2


@pytest.mark.parametrize("role", LEADERS)
def test_the_board_picks_one_of_their_teams(client, world, role, team):
    client.force_login(world[role])
    body = client.get(reverse("board:index"), {"team": team.pk}).text
    northwind, third = world["mine"]
    assert sees(body, northwind) and not sees(body, third)
    refused = client.get(reverse("board:index"), {"team": world["theirs"]["seller"].team_id})
    assert refused.status_code == 200 and 'data-testid="ignored"' in refused.text
    assert not sees(refused.text, world["theirs"])


@pytest.mark.parametrize("role", LEADERS)
def test_the_review_list_shows_their_teams_plans_and_filters_by_team(client, world, role, team):
    client.force_login(world[role])
    body = client.get(reverse("review:list")).text
    assert_exactly_their_teams(body, world)
    assert world["mine"][1]["seller"].first_name in body  # the salesperson filter
    only = client.get(reverse("review:list"), {"team": team.pk}).text
    assert sees(only, world["mine"][0]) and not sees(only, world["mine"][1])


@pytest.mark.parametrize("role", LEADERS)
def test_a_leader_reviews_a_led_teams_plan_but_not_another_teams(client, world, role):
    client.force_login(world[role])
    mine = world["mine"][0]["plans"][0]
    theirs = world["theirs"]["plans"][0]
    form = {"decision": "approved", "comment": "Good plan."}
    assert client.post(reverse("review:review_create", args=[mine.pk]), form).status_code == 302
    assert mine.reviews.get().reviewer == world[role]
    assert client.post(reverse("review:review_create", args=[theirs.pk]), form).status_code == 404
    plan_page = client.get(reverse("callplans:detail", args=[mine.pk])).text
    assert 'id="reviews-h"' in plan_page


@pytest.mark.parametrize("role", LEADERS)
def test_coaching_has_one_row_per_salesperson_of_their_teams(client, world, role):
    client.force_login(world[role])
    response = client.get(reverse("coaching:index"))
    people = {row.person for row in response.context["table"].rows}
    assert {w["seller"] for w in world["mine"]} <= people
    assert world["theirs"]["seller"] not in people
    assert 'data-testid="coaching-person-team"' in response.text  # whose team each one is
    other = world["theirs"]["seller"]
    assert client.get(reverse("coaching:person", args=[other.pk])).status_code == 404
    mine = world["mine"][1]["seller"]
    assert client.get(reverse("coaching:person", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize("role", LEADERS)
def test_metrics_count_their_teams_together_or_one_by_one(client, world, role, team):
    leader = world[role]
    assert Submittal.objects.filter(metrics_scope_for(leader, scope="team").q()).count() == 2
    one = metrics_scope_for(leader, scope="team", team_id=team.pk)
    assert Submittal.objects.filter(one.q()).count() == 1
    assert one.label == f"{team} (team)"
    client.force_login(leader)
    page = client.get(reverse("metrics:index"), {"scope": "team", "team": team.pk})
    assert page.context["metrics"].funnel.submitted == 1
    people = {p.pk for p in page.context["people"]}
    assert {w["seller"].pk for w in world["mine"]} <= people
    assert world["theirs"]["seller"].pk not in people
    other = world["theirs"]["seller"].pk
    assert client.get(reverse("metrics:index"), {"person": other}).status_code == 404
    refused = client.get(reverse("metrics:index"), {"team": world["theirs"]["seller"].team_id})
    assert refused.status_code == 200 and "is not one of your teams" in refused.text


@pytest.mark.parametrize("role", LEADERS)
def test_the_dashboard_shows_the_people_of_their_teams(client, world, role):
    client.force_login(world[role])
    response = client.get(reverse("dashboard"))
    dashboard = response.context["dashboard"]
    assert dashboard.team_view
    people = {g.person for g in dashboard.groups}
    assert {w["seller"] for w in world["mine"]} <= people
    assert world["theirs"]["seller"] not in people
    assert_exactly_their_teams(response.text, world)


@pytest.mark.parametrize("role", LEADERS)
def test_search_finds_their_teams_records_only(client, world, role):
    client.force_login(world[role])
    body = client.get(reverse("search:index"), {"q": "hierarchy"}).text
    assert_exactly_their_teams(body, world)


@pytest.mark.parametrize("role", LEADERS)
def test_another_teams_records_are_404_and_their_teams_open(client, world, role):
    client.force_login(world[role])
    for work, expected in ((world["mine"][1], 200), (world["theirs"], 404)):
        plan = work["plans"][0]
        submittal = plan.submittal
        for url in (
            reverse("joborders:detail", args=[submittal.job_order_id]),
            reverse("submittals:detail", args=[submittal.pk]),
            reverse("callplans:detail", args=[plan.pk]),
        ):
            assert client.get(url).status_code == expected, (role, url)


def test_a_director_reads_a_led_teams_job_order_but_may_not_edit_it(client, world):
    client.force_login(world["director"])
    job = world["mine"][0]["plans"][0].submittal.job_order
    assert client.get(reverse("joborders:edit", args=[job.pk])).status_code == 403
    client.force_login(world["manager_two_teams"])
    assert client.get(reverse("joborders:edit", args=[job.pk])).status_code == 200


def test_a_manager_of_two_teams_manages_each_team_on_its_own_page(client, world, team):
    manager = world["manager_two_teams"]
    client.force_login(manager)
    home = client.get(reverse("accounts:team"))
    assert home.context["team"] == manager.team
    assert 'data-testid="managed-teams"' in home.text
    led = client.get(reverse("accounts:team"), {"team": team.pk})
    assert led.context["team"] == team
    assert world["mine"][0]["seller"].username in led.text
    other = client.get(reverse("accounts:team"), {"team": world["theirs"]["seller"].team_id})
    assert other.context["team"] == manager.team  # not a team they lead: their own again


# --- Queries: constant whatever the data, one picker query more than one team's page --------

PAGES = {
    # Each as a one-team manager's page (session, user with team and led teams, the page's own,
    # the unread count), plus what leading two teams adds:
    # the board: 8 + a raised-count query for the second team + the team picker's teams;
    "board": (reverse("board:index"), {}, 10),
    # the review list: 8 + the team picker's teams;
    "review": (reverse("review:list"), {}, 9),
    # coaching: 7 (both periods counted in one grouped query) + the team picker's teams;
    "coaching": (reverse("coaching:index"), {}, 8),
    # metrics, "My team": the page's (no dates out of order here: none to list) + the names of
    # the teams counted + the picker's teams;
    "metrics": (reverse("metrics:index"), {"scope": "team"}, 10),
    # the dashboard (11: the due and upcoming rows' readiness in one query of its own) and
    # search: nothing more.
    "dashboard": (reverse("dashboard"), {}, 11),
    "search": (reverse("search:index"), {"q": "hierarchy"}, 8),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", LEADERS)
@pytest.mark.parametrize("size", [1, 8])
def test_a_leaders_pages_run_the_same_queries_whatever_the_size(
    client, team, leaders, page, role, size, django_assert_num_queries
):
    third = leaders["manager_two_teams"].team
    for t in (team, third):
        work_of(t, size=size)
    url, params, queries = PAGES[page]
    client.force_login(leaders[role])
    with django_assert_num_queries(queries):
        assert client.get(url, params).status_code == 200


PICKER_PAGES = (
    reverse("board:index"),
    reverse("review:list"),
    reverse("coaching:index"),
    reverse("metrics:index") + "?scope=team",
    reverse("accounts:team"),
    reverse("accounts:member_invite"),
)


@pytest.mark.parametrize("raw", ["x" * 10_000, "99999999999999999999999", "1e400", "-3", "0"])
def test_a_team_picker_ignores_what_is_not_one_of_the_teams(client, world, raw):
    client.force_login(world["manager_two_teams"])
    for url in PICKER_PAGES:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}team={raw[:5000]}")
        assert response.status_code == 200, url
        assert not sees(response.text, world["theirs"]), url


def test_a_director_finds_review_and_coaching_in_the_navigation_but_not_the_team_page(
    client, world
):
    client.force_login(world["director"])
    labels = [link.label for link in client.get(reverse("dashboard")).context["nav_links"]]
    assert "Review plans" in labels and "Coaching" in labels
    assert "Team" not in labels


def test_a_director_exports_plans_of_both_teams_but_never_another_teams(world):
    from django.core.exceptions import PermissionDenied

    from reviews.services import bulkexport_create

    director = world["director"]
    plans = [w["plans"][0] for w in world["mine"]]
    queued = []
    export = bulkexport_create(
        requested_by=director, plans=plans, paper="letter", enqueue=queued.append
    )
    assert queued == [export.pk] and export.team_id == plans[0].submittal.job_order.team_id
    with pytest.raises(PermissionDenied):
        bulkexport_create(
            requested_by=director,
            plans=[*plans, world["theirs"]["plans"][0]],
            paper="letter",
            enqueue=queued.append,
        )


def test_a_superuser_names_a_director_and_their_teams_in_the_admin(client, superuser, world):
    client.force_login(superuser)
    director = world["director"]
    page = client.get(reverse("admin:accounts_user_change", args=[director.pk])).text
    assert 'name="led_teams"' in page and 'value="director"' in page
    for team in director.led_teams.all():
        assert f'<option value="{team.pk}" selected>' in page
