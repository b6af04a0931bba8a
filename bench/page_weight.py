"""Plan page weight and first load in headless Chromium, served by gunicorn in production mode
(whitenoise compressed static files). Reports bytes transferred (compressed where the server
compresses) and DOMContentLoaded for a cold and a warm load, medians over seven fresh browser
profiles (single loads vary by a factor of two on a shared machine). Targets: < 150 KB, < 300 ms.

Usage: .venv/bin/python bench/page_weight.py   (uses a throwaway SQLite file with the demo data)"""

import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT, machine
from load import free_port

PY = sys.executable
LOADS = 7


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="dialready-weight-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    run("migrate", "--noinput")
    run("seed_demo")
    run("collectstatic", "--noinput")
    session_key, plan_id = run(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from accounts.models import User; from callplans.models import CallPlan;"
        "u = User.objects.get(username='sam'); s = SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[HASH_SESSION_KEY] = u.get_session_auth_hash();"
        "s[BACKEND_SESSION_KEY] = 'accounts.backends.PasswordBackend'; s.save();"
        "p = CallPlan.objects.get(submittal__candidate__last_name='Morgan');"
        "print(s.session_key, p.pk)",
    ).stdout.split()
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        warm_up(f"{base}/plans/{plan_id}/", session_key)
        print(f"Plan page weight and first load ({machine()})")
        measure(base, session_key, f"{base}/plans/{plan_id}/")
    finally:
        server.terminate()
        server.wait(timeout=10)


def warm_up(url: str, session_key: str) -> None:
    """Both workers import and compile templates once, so the browser sees a warm server: the
    requests go four at a time, or one worker may take them all and leave the other cold (its
    first request takes over a second)."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    def fetch(_):
        request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session_key}"})
        urllib.request.urlopen(request, timeout=30).read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, range(12)))


def measure(base: str, session_key: str, url: str) -> None:
    from playwright.sync_api import sync_playwright

    rows = {
        "new browser (nothing cached)": [],
        "same browser again (static files cached)": [],
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        first, again = rows.values()
        for _ in range(LOADS):
            cold, warm = open_page(browser, base, session_key, url, times=2)
            first.append(cold)
            again.append(warm)
        browser.close()
    for label, loads in rows.items():
        kb, responses, dcl, load = (statistics.median(x) for x in zip(*loads, strict=True))
        print(
            f"  {label}, median of {LOADS}: {kb:.1f} KB transferred in {responses:.0f}"
            f" responses, DOMContentLoaded {dcl:.0f} ms (min {min(x[2] for x in loads):.0f},"
            f" max {max(x[2] for x in loads):.0f}), load {load:.0f} ms"
        )


def open_page(browser, base: str, session_key: str, url: str, *, times: int) -> list[tuple]:
    """A new browser profile signed in as the salesperson opens the page `times` times:
    (KB transferred, responses, DOMContentLoaded ms, load ms) for each."""
    context = browser.new_context()
    # A signed-in browser holds the CSRF cookie its login page set.
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_key, "url": base},
            {"name": "csrftoken", "value": secrets.token_hex(16), "url": base},
        ]
    )
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    transferred = []
    client.on("Network.loadingFinished", lambda e: transferred.append(e["encodedDataLength"]))
    loads = []
    for _ in range(times):
        transferred.clear()
        page.goto(url, wait_until="load")
        dcl, load = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0];"
            " return [t.domContentLoadedEventEnd, t.loadEventEnd]; }"
        )
        loads.append((sum(transferred) / 1024, len(transferred), dcl, load))
    context.close()
    return loads


if __name__ == "__main__":
    main()
