"""The scope of core.access: the home team, plus the teams a manager or director leads."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.backends import PasswordBackend
from accounts.models import Team
from core.access import can_review, can_write, get_for_user, in_scope, team_filter
from joborders.models import JobOrder
from tests.factories import (
    DirectorFactory,
    JobOrderFactory,
    ManagerFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    return [TeamFactory(name=f"Scope team {n}") for n in range(4)]


@pytest.fixture
def jobs(teams):
    return [JobOrderFactory(owner=UserFactory(team=t)) for t in teams]


def visible(user) -> set[int]:
    return set(JobOrder.objects.filter(team_filter(user)).values_list("team_id", flat=True))


def ids(*teams: Team) -> set[int]:
    return {t.pk for t in teams}


def test_a_salesperson_sees_only_their_home_team(teams, jobs):
    assert visible(UserFactory(team=teams[0])) == ids(teams[0])


def test_a_salespersons_led_teams_are_ignored(teams, jobs):
    seller = UserFactory(team=teams[0])
    seller.led_teams.set([teams[1]])
    assert visible(seller) == ids(teams[0])
    assert not in_scope(seller, teams[1].pk)


def test_a_manager_of_two_teams_sees_both_and_no_other(teams, jobs):
    manager = ManagerFactory(team=teams[0], leads=[teams[1]])
    assert visible(manager) == ids(teams[0], teams[1])


def test_a_director_sees_every_team_they_lead_without_a_home_team(teams, jobs):
    director = DirectorFactory(leads=[teams[1], teams[2]])
    assert director.team_id is None
    assert visible(director) == ids(teams[1], teams[2])


def test_a_user_without_team_sees_nothing(jobs):
    assert visible(UserFactory(team=None)) == set()
    assert visible(ManagerFactory(team=None)) == set()


def test_a_superuser_sees_every_team(teams, jobs):
    assert visible(UserFactory(team=None, is_superuser=True)) == ids(*teams)


def test_a_manager_writes_in_every_team_they_lead(teams):
    manager = ManagerFactory(team=teams[0], leads=[teams[1]])
    assert can_write(manager, team_id=teams[0].pk, owner_id=None)
    assert can_write(manager, team_id=teams[1].pk, owner_id=None)
    assert not can_write(manager, team_id=teams[2].pk, owner_id=None)


def test_a_director_reviews_their_teams_but_edits_only_their_own_records(teams):
    director = DirectorFactory(leads=[teams[1]])
    seller = UserFactory(team=teams[1])
    assert can_review(director, teams[1].pk)
    assert not can_review(director, teams[2].pk)
    assert not can_write(director, team_id=teams[1].pk, owner_id=seller.pk)
    assert can_write(director, team_id=teams[1].pk, owner_id=director.pk)


def test_a_salesperson_reviews_nothing_and_writes_only_their_own(teams):
    seller = UserFactory(team=teams[0])
    assert not can_review(seller, teams[0].pk)
    assert can_write(seller, team_id=teams[0].pk, owner_id=seller.pk)
    assert not can_write(seller, team_id=teams[0].pk, owner_id=seller.pk + 1)


def test_another_teams_record_is_a_404_and_a_directors_edit_a_403(teams, jobs):
    director = DirectorFactory(leads=[teams[1]])
    with pytest.raises(Http404):
        get_for_user(JobOrder.objects.all(), director, jobs[2].pk)
    assert get_for_user(JobOrder.objects.all(), director, jobs[1].pk) == jobs[1]
    with pytest.raises(PermissionDenied):
        get_for_user(JobOrder.objects.all(), director, jobs[1].pk, write=True)


def test_the_signed_in_user_comes_with_their_led_teams_in_one_query(
    teams, django_assert_num_queries
):
    manager = ManagerFactory(team=teams[0], leads=[teams[1], teams[2]])
    with django_assert_num_queries(1):
        loaded = PasswordBackend().get_user(manager.pk)
        assert loaded.led_team_ids == ids(teams[1], teams[2])
        assert loaded.team == teams[0]
        assert in_scope(loaded, teams[2].pk) and not in_scope(loaded, teams[3].pk)
    seller = UserFactory(team=teams[0])
    with django_assert_num_queries(1):
        assert PasswordBackend().get_user(seller.pk).led_team_ids == set()


def test_the_filter_is_the_same_from_the_loaded_ids_and_from_the_subquery(teams, jobs):
    manager = ManagerFactory(team=teams[0], leads=[teams[2]])
    director = DirectorFactory(leads=[teams[1], teams[3]])
    for person in (manager, director, UserFactory(team=teams[1])):
        fresh = type(person).objects.get(pk=person.pk)  # led ids unknown: the subquery
        loaded = PasswordBackend().get_user(person.pk)  # led ids came with the user
        assert not fresh.led_team_ids_loaded and loaded.led_team_ids_loaded
        assert visible(fresh) == visible(loaded)
    assert visible(PasswordBackend().get_user(manager.pk)) == ids(teams[0], teams[2])
    assert visible(PasswordBackend().get_user(director.pk)) == ids(teams[1], teams[3])
