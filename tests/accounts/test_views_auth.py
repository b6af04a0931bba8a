import pytest
from django.urls import reverse

from demo.people import DEMO_PASSWORD


@pytest.mark.parametrize("path", ["/", "/team/", "/accounts/password/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={path}"


def test_a_salesperson_logs_in_and_lands_on_the_dashboard(client, owner):
    response = client.post(
        reverse("login"), {"username": "owner", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Closest to the money" in response.content.decode()


def test_a_wrong_password_says_so_and_keeps_the_username(client, owner):
    response = client.post(reverse("login"), {"username": "owner", "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in body
    assert 'value="owner"' in body


def test_logging_out_ends_the_session(client, owner):
    client.force_login(owner)
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_a_salesperson_changes_their_password(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "a-much-better-passphrase",
            "new_password2": "a-much-better-passphrase",
        },
    )
    assert response.url == reverse("password_change_done")
    owner.refresh_from_db()
    assert owner.check_password("a-much-better-passphrase")
