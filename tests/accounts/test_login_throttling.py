"""Login throttling (django-axes): after 5 failed attempts for a username from one address,
logging in as that username from that address is refused for 15 minutes, with a clear page; after
failures for 10 different usernames from one address, that address is refused the same way."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.throttling import forwarded_client_address
from demo.people import DEMO_PASSWORD

HOME_OFFICE = "10.0.0.7"


def log_in(client, username: str, password: str, address: str = HOME_OFFICE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, times: int, username: str = "owner", address: str = HOME_OFFICE):
    return [log_in(client, username, "wrong-guess", address) for _ in range(times)]


def signed_in(client) -> bool:
    return client.get(reverse("joborders:list")).status_code == 200


def test_four_wrong_passwords_each_say_so_and_still_let_the_person_in(client, owner):
    for response in fail(client, 4):
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.text
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_pauses_logging_in_for_15_minutes_with_a_clear_message(client, owner):
    *_, fifth = fail(client, 5)
    assert fifth.status_code == 429
    assert "Logging in is paused" in fifth.text
    assert "logging in is paused for 15 minutes" in fifth.text
    assert "<strong>owner</strong>" in fifth.text


def test_while_paused_even_the_right_password_is_refused(client, owner):
    fail(client, 5)
    response = log_in(client, "owner", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Logging in is paused" in response.text
    assert not signed_in(client)


def test_the_pause_ends_after_15_minutes(client, owner):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302
    assert signed_in(client)


def test_attempts_during_the_pause_do_not_prolong_it(client, owner):
    fail(client, 5)
    fourteen_minutes_ago = AccessAttempt.objects.get().attempt_time - timedelta(minutes=14)
    AccessAttempt.objects.update(attempt_time=fourteen_minutes_ago)
    fail(client, 3)  # refused, and not counted
    AccessAttempt.objects.update(attempt_time=fourteen_minutes_ago - timedelta(minutes=2))
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302


def test_the_same_person_from_another_address_can_still_log_in(client, owner):
    fail(client, 5)
    assert log_in(client, "owner", DEMO_PASSWORD, address="192.0.2.10").status_code == 302


def test_a_colleague_on_the_same_network_can_still_log_in(client, owner, teammate):
    fail(client, 5, username="owner")
    assert log_in(client, "teammate", DEMO_PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_login_clears_the_earlier_failures(client, owner):
    fail(client, 4)
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    responses = fail(client, 4)
    assert all(r.status_code == 200 for r in responses)


def test_guessing_names_that_do_not_exist_is_throttled_the_same_way(client, db):
    *_, fifth = fail(client, 5, username="nobody-here")
    assert fifth.status_code == 429


def test_a_hostile_username_is_shown_escaped_on_the_paused_page(client, db):
    name = "<script>alert(1)</script>"
    *_, fifth = fail(client, 5, username=name)
    assert fifth.status_code == 429
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fifth.text
    assert name not in fifth.text


@pytest.mark.parametrize("limit", [2, 3])
def test_the_limit_follows_the_setting(client, owner, settings, limit):
    settings.AXES_FAILURE_LIMIT = limit
    responses = fail(client, limit)
    assert [r.status_code for r in responses] == [200] * (limit - 1) + [429]


def test_behind_the_tls_proxy_the_caller_is_the_address_the_proxy_added(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert forwarded_client_address(request) == "203.0.113.9"
    assert forwarded_client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def test_behind_the_proxy_one_office_is_paused_and_another_is_not(client, owner, settings):
    settings.AXES_CLIENT_IP_CALLABLE = "accounts.throttling.forwarded_client_address"
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": "owner", "password": "wrong-guess"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    elsewhere = client.post(
        reverse("login"),
        {"username": "owner", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert elsewhere.status_code == 302


# --- Password spraying: many usernames from one address --------------------------------------


def spray(client, names: int, address: str = HOME_OFFICE):
    return [log_in(client, f"guess{n}", "Summer2024!", address) for n in range(names)]


def test_twelve_usernames_one_wrong_password_each_pause_the_address(client, owner):
    responses = spray(client, 12)
    assert [r.status_code for r in responses] == [200] * 9 + [429] * 3
    assert "under different usernames from this network" in responses[-1].text
    assert "logging in from here is paused for 15 minutes" in responses[-1].text


def test_while_the_address_is_paused_the_right_password_is_refused_and_says_until_when(
    client, owner
):
    spray(client, 10)
    response = log_in(client, "owner", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "logging in from here is paused for 15 minutes" in response.text
    assert "Try again after" in response.text
    assert not signed_in(client)


def test_the_address_pause_leaves_other_addresses_alone(client, owner):
    spray(client, 10)
    assert log_in(client, "owner", DEMO_PASSWORD, address="192.0.2.10").status_code == 302


def test_one_persons_typos_never_pause_the_office(client, owner, teammate):
    """Limit 2 counts names: colleagues behind one NAT address are not paused by one of them."""
    fail(client, 5, username="teammate")  # teammate paused, and counts once
    spray(client, 8)  # eight more colleagues mistype once each: nine names in all
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302


def test_the_address_limit_follows_the_setting(client, db, settings):
    settings.LOGIN_ADDRESS_USERNAME_LIMIT = 3
    assert [r.status_code for r in spray(client, 3)] == [200, 200, 429]


def test_the_address_pause_ends_after_15_minutes(client, owner):
    spray(client, 10)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302


def test_the_paused_page_says_how_long_is_left(client, owner):
    spray(client, 10)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=10))
    response = log_in(client, "owner", DEMO_PASSWORD)
    assert "paused for 5 minutes" in response.text


def test_axes_reset_ip_lifts_the_address_pause(client, owner):
    spray(client, 10)
    call_command("axes_reset_ip", HOME_OFFICE, stdout=StringIO())
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302


def test_axes_reset_username_still_lifts_a_username_pause(client, owner):
    fail(client, 5)
    call_command("axes_reset_username", "owner", stdout=StringIO())
    assert log_in(client, "owner", DEMO_PASSWORD).status_code == 302


# --- The password-change form: wrong current passwords count as failed logins ----------------


def change_password(client, old: str, address: str = HOME_OFFICE):
    new = "a-much-better-passphrase"
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=address,
    )


def test_four_wrong_current_passwords_each_say_so(client, owner):
    client.force_login(owner)
    for _ in range(4):
        response = change_password(client, "wrong-guess")
        assert response.status_code == 200
        assert "Your old password was entered incorrectly" in response.text
    assert change_password(client, DEMO_PASSWORD).status_code == 302


def test_the_fifth_wrong_current_password_pauses_changing_it_and_says_until_when(client, owner):
    client.force_login(owner)
    *_, fifth = [change_password(client, "wrong-guess") for _ in range(5)]
    assert fifth.status_code == 429
    assert "Changing the password is paused" in fifth.text
    assert "paused for 15 minutes" in fifth.text
    assert "Try again after" in fifth.text
    refused = change_password(client, DEMO_PASSWORD)
    assert refused.status_code == 429
    owner.refresh_from_db()
    assert owner.check_password(DEMO_PASSWORD)


def test_axes_reset_username_lifts_the_password_change_pause(client, owner):
    client.force_login(owner)
    for _ in range(5):
        change_password(client, "wrong-guess")
    call_command("axes_reset_username", "owner", stdout=StringIO())
    assert change_password(client, DEMO_PASSWORD).status_code == 302
