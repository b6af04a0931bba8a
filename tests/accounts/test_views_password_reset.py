"""Resetting a forgotten password by e-mail: Django's own views, styled, rate-limited, and the
same answer whether or not an account uses the address."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

NEW_PASSWORD = "a-brand-new-passphrase"
OFFICE = "10.0.0.7"


def ask_for_link(client, email: str, address: str = OFFICE):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_the_login_page_offers_the_reset(client, db):
    body = client.get(reverse("login")).text
    assert f'href="{reverse("password_reset")}"' in body
    assert "Forgot your password?" in body


@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_the_reset_pages_open_without_logging_in(client, db, name):
    assert client.get(reverse(name)).status_code == 200


def test_a_person_resets_a_forgotten_password_through_the_emailed_link(client, owner, mailoutbox):
    response = ask_for_link(client, owner.email)
    assert response.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [owner.email]
    assert message.subject == "Reset your DialReady password"
    link = link_in(message)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.text
    set_url = form.redirect_chain[-1][0]
    saved = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert saved.url == reverse("password_reset_complete")

    logged_in = client.post(reverse("login"), {"username": "owner", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302
    assert client.get(reverse("joborders:list")).status_code == 200


def test_the_link_works_only_once(client, owner, mailoutbox):
    ask_for_link(client, owner.email)
    link = link_in(mailoutbox[0])
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.text


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, owner, mailoutbox):
    known = ask_for_link(client, owner.email)
    unknown = ask_for_link(client, "nobody@example.com")
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url
    assert len(mailoutbox) == 1
    page = client.get(unknown.url)
    assert "If an account uses that e-mail address" in page.text
    assert "72 hours" in page.text


def test_a_deactivated_person_gets_no_link(client, owner, mailoutbox):
    owner.is_active = False
    owner.save()
    ask_for_link(client, owner.email)
    assert mailoutbox == []


def test_three_links_an_hour_per_email_then_the_same_page_and_nothing_sent(
    client, owner, mailoutbox
):
    responses = [ask_for_link(client, owner.email.upper()) for _ in range(5)]
    assert {r.url for r in responses} == {reverse("password_reset_done")}
    assert len(mailoutbox) == 3


def test_ten_requests_an_hour_per_address_across_emails(client, db, mailoutbox):
    people = UserFactory.create_batch(12)
    for person in people:
        assert ask_for_link(client, person.email).url == reverse("password_reset_done")
    assert len(mailoutbox) == 10
    # Another address is not held up by this one.
    ask_for_link(client, people[-1].email, address="192.0.2.10")
    assert len(mailoutbox) == 11


def test_the_limits_follow_the_settings(client, owner, mailoutbox, settings):
    settings.PASSWORD_RESET_PER_EMAIL = 1
    ask_for_link(client, owner.email)
    ask_for_link(client, owner.email)
    assert len(mailoutbox) == 1


def test_the_reset_email_settings_come_from_the_environment():
    from tests.config.test_settings import run_manage

    env = {
        "DJANGO_DEBUG": "1",
        "DJANGO_EMAIL_HOST": "smtp.example.com",
        "DJANGO_EMAIL_PORT": "2525",
        "DJANGO_EMAIL_USE_TLS": "0",
        "DJANGO_DEFAULT_FROM_EMAIL": "Sales <sales@example.com>",
    }
    code = (
        "from django.conf import settings as s; m = s.MAILERS['default'];"
        "print(m['BACKEND'], m['OPTIONS']['host'], m['OPTIONS']['port'],"
        " m['OPTIONS']['use_tls'], s.DEFAULT_FROM_EMAIL)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        "2525",
        "False",
        "Sales",
        "<sales@example.com>",
    ], result.stderr
    default = code.split(";")[0] + ";print(s.MAILERS)"
    console = run_manage("shell", "--no-imports", "-c", default, env={"DJANGO_DEBUG": "1"})
    assert "console.EmailBackend" in console.stdout, console.stderr
