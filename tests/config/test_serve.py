"""`make serve`'s gunicorn (gunicorn.conf.py) under production settings: forwarded headers count
only behind a TLS proxy that says so, and the server runs without the test suite's settings."""

import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _serve(tmp_path: Path, **extra: str):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        BIND=f"127.0.0.1:{port}",
        WORKERS="1",
        **extra,
    )
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base + "/healthz", {})
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start:\n{(tmp_path / 'gunicorn.log').read_text()}")
            time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_forged_forwarded_proto_on_plain_http_is_still_redirected_to_https(tmp_path):
    process, base = _serve(tmp_path)
    try:
        status, headers = _get(base + "/healthz", {"X-Forwarded-Proto": "https"})
    finally:
        _stop(process)
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_behind_a_tls_proxy_its_forwarded_proto_is_believed(tmp_path):
    process, base = _serve(tmp_path, DJANGO_BEHIND_TLS_PROXY="1")
    try:
        forwarded, _ = _get(base + "/healthz", {"X-Forwarded-Proto": "https"})
        plain, headers = _get(base + "/healthz", {})
    finally:
        _stop(process)
    assert forwarded == 200
    assert plain == 301 and headers["Location"].startswith("https://")


def test_make_serve_uses_a_runtime_only_virtualenv_and_sets_no_test_variables():
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
    )
    assert result.returncode == 0, result.stderr
    commands = result.stdout
    assert ".venv-serve/bin/python -m pip install --quiet ." in commands
    assert "[dev]" not in commands
    assert "system-deps --runtime" in commands
    assert ".venv-serve/bin/gunicorn --config gunicorn.conf.py config.wsgi" in commands
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in (ROOT / "Makefile").read_text()
