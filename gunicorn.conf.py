"""gunicorn's settings for `make serve` (read with --config; BIND and WORKERS override)."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WORKERS", "2"))
accesslog = "-"

# gunicorn would otherwise believe X-Forwarded-Proto (and friends) from 127.0.0.1 and call a
# plain-HTTP request HTTPS. Forwarded headers count only behind a TLS proxy that says so,
# and only from the proxy's own addresses (DJANGO_PROXY_ADDRESSES, loopback by default).
if os.environ.get("DJANGO_BEHIND_TLS_PROXY", "").strip().lower() in {"1", "true", "yes", "on"}:
    forwarded_allow_ips = os.environ.get("DJANGO_PROXY_ADDRESSES", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# The access log writes every request line; a calendar feed's secret is in its URL, so the
# access logger writes "/calendar/feed/…" instead (reminders/logredact.py, pure Python).
from gunicorn.glogging import Logger  # noqa: E402

from reminders.logredact import redact  # noqa: E402


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


logger_class = RedactingLogger
