"""Production settings plus the bench baseline URL, for bench scripts that start gunicorn."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
