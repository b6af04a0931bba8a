"""A real gunicorn pointed at a PostgreSQL port where nothing listens: pages that need the database
answer a friendly 503, never a stack trace. No mocking: the connection is really refused.

Runs under development settings (DEBUG on, where a leaked error would show Django's full
traceback page) and production settings (DEBUG off)."""

import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import IntegrityError, OperationalError, ProgrammingError

from core.middleware import is_database_unavailable

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
FRIENDLY = "DialReady can't reach its database right now. Your last saved work is safe"
# A session cookie as a signed-in user's browser sends it: loading it is the first query.
RETURNING_USER = {"Cookie": "sessionid=" + "a1" * 16}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, *, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module", params=["development", "production"])
def server(request, tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        "DJANGO_DEBUG": "1" if request.param == "development" else "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    log = tmp_path_factory.mktemp("gunicorn") / f"{request.param}.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/healthz")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _assert_friendly_503(status: int, headers: dict, body: str) -> None:
    assert status == 503, body[:500]
    assert FRIENDLY in body
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert headers["Retry-After"] == "10"


def test_the_dashboard_answers_a_friendly_503_while_the_database_is_down(server):
    _assert_friendly_503(*_get(server + "/", headers=RETURNING_USER))


def test_the_login_page_answers_a_friendly_503_while_the_database_is_down(server):
    _assert_friendly_503(*_get(server + "/accounts/login/", headers=RETURNING_USER))


def test_logging_in_answers_a_friendly_503_while_the_database_is_down(server):
    # The CSRF cookie and the form field carry the same secret, as after loading the form.
    token = secrets.token_hex(16)
    form = f"username=sam&password=dialready-demo&csrfmiddlewaretoken={token}".encode()
    headers = {
        "Cookie": f"csrftoken={token}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    _assert_friendly_503(*_get(server + "/accounts/login/", data=form, headers=headers))


def test_the_503_page_is_not_cached_and_keeps_the_strict_policy(server):
    _, headers, _ = _get(server + "/joborders/", headers=RETURNING_USER)
    assert "no-store" in headers["Cache-Control"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_healthz_keeps_its_own_machine_readable_503(server):
    status, headers, body = _get(server + "/healthz")
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert '"database": "down"' in body


def test_a_wrong_query_is_not_mistaken_for_an_outage():
    # Those are bugs to fix: they must stay loud 500s, not a calm "try again in a minute".
    assert is_database_unavailable(OperationalError("connection refused"))
    assert not is_database_unavailable(ProgrammingError("column does not exist"))
    assert not is_database_unavailable(IntegrityError("duplicate key"))
