import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3#v9!q2@x7$w5%z1^m8&n4*b6(c0)d-e_f+g=h[i]j{l}o;p:r<s>t?u",
    "DJANGO_ALLOWED_HOSTS": "example.com",
    "DJANGO_EMAIL_HOST": "smtp.example.com",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_in_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_the_deploy_check_says_when_mail_would_only_reach_the_console():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_EMAIL_HOST"}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_production_refuses_to_start_without_a_real_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "short"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_setting_fails_loudly():
    result = run_manage("check", env={"DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_unset_debug_means_production_and_refuses_the_development_key():
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_django_log_line_prints_once_in_development():
    code = "import logging; logging.getLogger('django.request').warning('one-line-marker')"
    result = run_manage("shell", "-c", code, env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).count("one-line-marker") == 1
