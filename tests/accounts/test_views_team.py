from django.urls import reverse


def test_a_manager_sees_their_team_members_and_roles(client, manager, owner, teammate, outsider):
    client.force_login(manager)
    response = client.get(reverse("accounts:team"))
    body = response.content.decode()
    assert response.status_code == 200
    assert str(owner) in body and str(teammate) in body
    assert str(outsider) not in body
    assert "Manager" in body


def test_a_salesperson_may_not_open_the_team_page(client, owner):
    client.force_login(owner)
    assert client.get(reverse("accounts:team")).status_code == 403


def test_the_team_link_shows_for_managers_only(client, manager, owner):
    client.force_login(owner)
    assert 'href="/team/"' not in client.get("/").content.decode()
    client.force_login(manager)
    assert 'href="/team/"' in client.get("/").content.decode()


def test_a_superuser_sees_every_team(client, superuser, owner, outsider):
    client.force_login(superuser)
    body = client.get(reverse("accounts:team")).content.decode()
    assert owner.team.name in body and outsider.team.name in body


def test_the_team_page_runs_the_same_queries_for_a_small_and_a_large_team(
    client, manager, django_assert_num_queries
):
    from tests.factories import UserFactory

    client.force_login(manager)
    UserFactory.create_batch(2, team=manager.team)
    with django_assert_num_queries(4):
        client.get(reverse("accounts:team"))
    UserFactory.create_batch(30, team=manager.team)
    with django_assert_num_queries(4):
        client.get(reverse("accounts:team"))
