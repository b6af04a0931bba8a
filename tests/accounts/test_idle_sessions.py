"""Idle sessions: a session nobody used for DJANGO_SESSION_IDLE_SECONDS (8 hours by default) is
signed out with a message, and keeping track costs no write on an ordinary page."""

import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import LAST_SEEN_KEY, duration_text
from demo.people import DEMO_PASSWORD
from tests.config.test_settings import run_manage

HTMX = {"HTTP_HX_REQUEST": "true"}
HOUR = 60 * 60


def last_seen(client, seconds_ago: int | None) -> None:
    session = client.session
    if seconds_ago is None:
        session.pop(LAST_SEEN_KEY, None)
    else:
        session[LAST_SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


def stored_last_seen(client) -> int | None:
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return SessionStore(session_key=key).load().get(LAST_SEEN_KEY)


def session_writes(client, url: str, **extra) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    return response, writes


def test_logging_in_through_the_form_starts_the_idle_clock(client, owner):
    before = int(time.time())
    client.post(reverse("login"), {"username": "owner", "password": DEMO_PASSWORD})
    assert stored_last_seen(client) >= before


def test_an_ordinary_page_does_not_write_the_session(client, owner):
    client.force_login(owner)
    last_seen(client, 60)
    response, writes = session_writes(client, reverse("joborders:list"))
    assert response.status_code == 200
    assert writes == []


def test_a_session_without_the_stamp_counts_as_active_and_is_not_written(client, owner):
    client.force_login(owner)
    last_seen(client, None)
    response, writes = session_writes(client, reverse("joborders:list"))
    assert response.status_code == 200
    assert writes == []


def test_the_stamp_is_refreshed_at_most_every_five_minutes(client, owner):
    client.force_login(owner)
    last_seen(client, 6 * 60)
    response, writes = session_writes(client, reverse("joborders:list"))
    assert response.status_code == 200
    assert len(writes) == 1
    assert stored_last_seen(client) >= int(time.time()) - 5
    _, writes = session_writes(client, reverse("joborders:list"))
    assert writes == []


def test_seven_hours_of_silence_keeps_the_person_signed_in(client, owner):
    client.force_login(owner)
    last_seen(client, 7 * HOUR)
    assert client.get(reverse("joborders:list")).status_code == 200


def test_after_eight_idle_hours_the_next_page_signs_out_and_says_why(client, owner):
    client.force_login(owner)
    last_seen(client, 8 * HOUR + 60)
    response = client.get(reverse("joborders:list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('joborders:list')}"
    login_page = client.get(response.url)
    assert "You were signed out after 8 hours of inactivity" in login_page.text
    assert client.get(reverse("joborders:list")).status_code == 302  # really signed out


def test_an_idle_htmx_request_sends_the_whole_page_to_the_login(client, owner):
    client.force_login(owner)
    last_seen(client, 9 * HOUR)
    response = client.get(reverse("joborders:list"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_an_idle_form_post_is_not_saved(client, owner):
    from tests.factories import JobOrderFactory

    job = JobOrderFactory(owner=owner)
    client.force_login(owner)
    last_seen(client, 9 * HOUR)
    url = reverse("joborders:requirement_add", args=[job.pk, "challenge"])
    response = client.post(url, {"description": "Typed after a night away"})
    assert response.status_code == 302
    assert not job.requirements.exists()


def test_the_idle_limit_follows_the_setting(client, owner, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(owner)
    last_seen(client, 31 * 60)
    response = client.get(reverse("joborders:list"), follow=True)
    assert "You were signed out after 30 minutes of inactivity" in response.text


def test_anonymous_pages_load_no_session(client, db):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("login")).status_code == 200
    assert queries.captured_queries == []


@pytest.mark.parametrize(
    "seconds, text",
    [(8 * HOUR, "8 hours"), (HOUR, "1 hour"), (90 * 60, "90 minutes"), (60, "1 minute")],
)
def test_the_limit_reads_naturally(seconds, text):
    assert duration_text(seconds) == text


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DJANGO_SESSION_IDLE_SECONDS": "10"}, "DJANGO_SESSION_IDLE_SECONDS at least 60"),
        ({"DJANGO_SESSION_IDLE_SECONDS": "eight hours"}, "must be a whole number"),
        ({"DJANGO_LOGIN_FAILURE_LIMIT": "0"}, "must be at least 1"),
        ({"DJANGO_LOGIN_ADDRESS_LIMIT": "0"}, "must be at least 1"),
    ],
)
def test_a_bad_trust_setting_stops_the_app_with_a_clear_message(env, message):
    # Development mode, so the missing secret key is not the first complaint.
    result = run_manage("check", env={"DJANGO_DEBUG": "1", **env})
    assert result.returncode != 0
    assert message in result.stderr
