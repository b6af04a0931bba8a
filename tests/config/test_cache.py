"""One cache for every app process: Redis when REDIS_URL is set, otherwise a folder on the
machine."""

import os
import subprocess
import sys
import uuid
from pathlib import Path


def django_in_a_new_process(code: str, **environment: str) -> str:
    """What `code` prints in a new Python process with Django set up (no REDIS_URL unless given)."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_with_redis_every_app_server_shares_one_cache():
    """Two processes standing for two app servers: what one stored in Redis (the real server on
    127.0.0.1:6379), the other finds, and the file cache of this machine is not involved."""
    key = f"callplan-pdf:{uuid.uuid4().hex}"
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0", "DJANGO_CACHE_DIR": "/nonexistent"}
    django_in_a_new_process(
        f"from django.core.cache import cache; cache.set({key!r}, b'%PDF', 60)",
        **redis,
    )
    found = django_in_a_new_process(
        f"from django.core.cache import cache; print(cache.get({key!r})); cache.delete({key!r})",
        **redis,
    )
    assert found == "b'%PDF'"
    without_redis = django_in_a_new_process(
        f"from django.core.cache import cache; print(cache.get({key!r}))"
    )
    assert without_redis == "None"


def test_without_redis_every_process_on_the_machine_shares_one_cache(tmp_path):
    """gunicorn workers and the task worker are separate processes: a PDF one of them rendered
    is what the others find, with no cache server to run."""
    folder = {"DJANGO_CACHE_DIR": str(tmp_path)}
    django_in_a_new_process(
        "from django.core.cache import cache; cache.set('callplan-pdf:abc', b'%PDF', 60)", **folder
    )
    found = django_in_a_new_process(
        "from django.core.cache import cache; print(cache.get('callplan-pdf:abc'))", **folder
    )
    assert found == "b'%PDF'"
