"""One cache for every app process: Redis when REDIS_URL is set (CI runs it on 127.0.0.1),
otherwise a folder on the machine."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def two_servers():
    if not redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("CI: Redis is not answering on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379 (start it to run this test)")
    first = RedisCache(REDIS_URL, {"KEY_PREFIX": f"dialready-test-{os.getpid()}"})
    second = RedisCache(REDIS_URL, {"KEY_PREFIX": f"dialready-test-{os.getpid()}"})
    yield first, second
    first.clear()


def test_a_pdf_cached_by_one_app_server_is_served_by_another(two_servers):
    first, second = two_servers
    first.set("callplan-pdf:1:3:letter", b"%PDF-1.7 rendered once", 60)
    assert second.get("callplan-pdf:1:3:letter") == b"%PDF-1.7 rendered once"


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


def test_the_settings_pick_redis_when_redis_url_is_set():
    backend = django_in_a_new_process(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"


def test_without_redis_every_process_on_the_machine_shares_one_cache(tmp_path):
    """gunicorn workers and the task worker are separate processes: a stamp renewed by one must
    be what the others read, or they would serve pages from before a write."""
    read = "from config import pagecache; print(pagecache.stamps(['team:7']))"
    renew = "from config import pagecache; pagecache.touch('team:7')"
    folder = {"DJANGO_CACHE_DIR": str(tmp_path)}
    django_in_a_new_process(renew, **folder)
    stamp = django_in_a_new_process(read, **folder)
    assert django_in_a_new_process(read, **folder) == stamp  # another process reads it
    django_in_a_new_process(renew, **folder)
    assert django_in_a_new_process(read, **folder) != stamp  # and sees it renewed by a third


def test_the_folder_cache_still_culls_when_it_grows_past_its_limit(tmp_path):
    from config.cache import CULL_EVERY, FolderCache

    folder = FolderCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    for n in range(3 * CULL_EVERY):
        folder.set(f"page:{n}", "<html>", 60)
    assert len(list(tmp_path.glob("*.djcache"))) < 2 * CULL_EVERY
    assert folder.get(f"page:{3 * CULL_EVERY - 1}") == "<html>"  # the newest write is kept
