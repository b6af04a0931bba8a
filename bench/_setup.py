"""Shared by the bench scripts: Django set up against DATABASE_URL (or a throwaway SQLite file
with the demo data), and a one-line description of the machine for the figures."""

import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The in-process benchmarks run development settings, as they always have (unset means production).
os.environ.setdefault("DJANGO_DEBUG", "1")
# ...but keep the database connection between requests, as production does (60 s): a page then
# pays no connection set-up, and psycopg's prepared statements (the queries a connection has run
# five times) skip PostgreSQL's planning, as they do in production.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")


def setup_django() -> str:
    if "DATABASE_URL" not in os.environ:
        db = Path(tempfile.gettempdir()) / "dialready-bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return os.environ["DATABASE_URL"].split("://")[0]


def machine() -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"commit {commit or '?'} · {os.cpu_count()} cores · Python {platform.python_version()}"
        f" · {platform.machine()}"
    )
