import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import User
from callplans.models import CallPlan
from demo.people import DEMO_PASSWORD


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
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(4):
        client.get(reverse("accounts:team"))
    UserFactory.create_batch(30, team=manager.team)
    with django_assert_num_queries(4):
        client.get(reverse("accounts:team"))


# --- Managing the team: invite, role, deactivate ----------------------------------------------

NEW_PASSWORD = "a-first-passphrase-9"


def invite(client, **overrides):
    data = {
        "first_name": "Nia",
        "last_name": "Park",
        "username": "nia.park",
        "email": "nia@example.com",
        "role": "salesperson",
        **overrides,
    }
    return client.post(reverse("accounts:member_invite"), data)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_manager_invites_a_member_who_sets_a_password_and_signs_in(client, manager, mailoutbox):
    client.force_login(manager)
    assert client.get(reverse("accounts:member_invite")).status_code == 200
    response = invite(client)
    assert response.url == reverse("accounts:team")
    nia = User.objects.get(username="nia.park")
    assert nia.team == manager.team and nia.role == User.Role.SALESPERSON
    assert not nia.has_usable_password()
    assert "Invited" in client.get(reverse("accounts:team")).text

    (message,) = mailoutbox
    assert message.to == ["nia@example.com"]
    assert str(manager) in message.subject
    assert "Your username is nia.park" in message.body
    client.post(reverse("logout"))

    form = client.get(link_in(message), follow=True)
    assert "Welcome to DialReady" in form.text
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "your password is set. Log in as nia.park" in done.text
    response = client.post(reverse("login"), {"username": "nia.park", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("joborders:list")).status_code == 200
    # The link worked once.
    assert "This invitation link no longer works" in client.get(link_in(message), follow=True).text


def test_an_invitation_needs_a_free_username_and_email(client, manager, owner, mailoutbox):
    client.force_login(manager)
    taken = invite(client, username="owner", email=owner.email.upper())
    assert taken.status_code == 422
    assert "A user with that username already exists" in taken.text
    assert "Someone already has an account with this address" in taken.text
    assert mailoutbox == []


def test_an_invitation_that_cannot_be_mailed_adds_nobody(client, manager, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    client.force_login(manager)
    response = invite(client)
    assert response.status_code == 422
    assert "could not be sent, so nobody was added" in response.text
    assert not User.objects.filter(username="nia.park").exists()


def test_a_manager_makes_a_salesperson_a_manager_and_back(client, manager, owner):
    client.force_login(manager)
    url = reverse("accounts:member_role", args=[owner.pk])
    response = client.post(url, {"role": "manager"}, follow=True)
    owner.refresh_from_db()
    assert owner.is_manager
    assert f"{owner} is now a manager" in response.text
    client.post(url, {"role": "salesperson"})
    owner.refresh_from_db()
    assert not owner.is_manager


def test_the_last_manager_cannot_demote_themselves(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("accounts:member_role", args=[manager.pk]), {"role": "salesperson"}
    )
    assert response.status_code == 422
    assert "is the last manager of" in response.text
    manager.refresh_from_db()
    assert manager.is_manager


def test_a_manager_may_step_down_when_another_manager_remains(client, manager, owner):
    from tests.factories import ManagerFactory

    ManagerFactory(team=manager.team)
    client.force_login(manager)
    client.post(reverse("accounts:member_role", args=[manager.pk]), {"role": "salesperson"})
    manager.refresh_from_db()
    assert not manager.is_manager


def test_a_deactivated_member_cannot_log_in_and_their_plans_stay(client, manager, owner, plan):
    client.force_login(manager)
    response = client.post(reverse("accounts:member_deactivate", args=[owner.pk]), follow=True)
    assert "is deactivated" in response.text
    assert "Deactivated" in response.text
    owner.refresh_from_db()
    assert not owner.is_active
    assert CallPlan.objects.filter(pk=plan.pk, author=owner).exists()
    assert client.get(reverse("callplans:detail", args=[plan.pk])).status_code == 200

    client.post(reverse("logout"))
    refused = client.post(reverse("login"), {"username": "owner", "password": DEMO_PASSWORD})
    assert refused.status_code == 200
    assert "Please enter a correct username and password" in refused.text


def test_deactivating_ends_the_members_open_session(client, manager, owner):
    client.force_login(owner)
    services.member_deactivate(member=owner, deactivated_by=manager)
    assert client.get(reverse("joborders:list")).status_code == 302


def test_a_reactivated_member_can_log_in_again(client, manager, owner):
    services.member_deactivate(member=owner, deactivated_by=manager)
    client.force_login(manager)
    client.post(reverse("accounts:member_reactivate", args=[owner.pk]))
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "owner", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_manager_cannot_deactivate_themselves(client, manager):
    client.force_login(manager)
    response = client.post(reverse("accounts:member_deactivate", args=[manager.pk]))
    assert response.status_code == 422
    assert "You cannot deactivate yourself" in response.text


def test_the_last_active_manager_cannot_be_deactivated(manager, superuser):
    with pytest.raises(ValidationError, match="last manager"):
        services.member_deactivate(member=manager, deactivated_by=superuser)


@pytest.mark.parametrize(
    "name, data",
    [
        ("accounts:member_role", {"role": "manager"}),
        ("accounts:member_deactivate", {}),
        ("accounts:member_reactivate", {}),
    ],
)
def test_another_teams_member_does_not_exist_for_a_manager(client, manager, outsider, name, data):
    client.force_login(manager)
    assert client.post(reverse(name, args=[outsider.pk]), data).status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active and not outsider.is_manager


@pytest.mark.parametrize(
    "name, data",
    [
        ("accounts:member_role", {"role": "manager"}),
        ("accounts:member_deactivate", {}),
        ("accounts:member_reactivate", {}),
    ],
)
def test_a_salesperson_may_not_manage_the_team(client, owner, teammate, name, data):
    client.force_login(owner)
    assert client.post(reverse(name, args=[teammate.pk]), data).status_code == 403
    teammate.refresh_from_db()
    assert teammate.is_active and not teammate.is_manager


def test_a_salesperson_may_not_invite(client, owner, mailoutbox):
    client.force_login(owner)
    assert client.get(reverse("accounts:member_invite")).status_code == 403
    assert invite(client).status_code == 403
    assert mailoutbox == []


def test_the_team_actions_are_posts_only(client, manager, owner):
    client.force_login(manager)
    assert client.get(reverse("accounts:member_deactivate", args=[owner.pk])).status_code == 405


def test_the_team_actions_need_the_csrf_token(manager, owner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)
    response = strict.post(reverse("accounts:member_deactivate", args=[owner.pk]))
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.is_active
