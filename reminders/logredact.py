"""Keep calendar feed and shared action-plan secrets out of the logs.

A feed's secret is its URL, and servers log URLs: Django logs "Not Found: /calendar/feed/…"
for a revoked feed, runserver and gunicorn log every request line. `redact` replaces the secret
by "…"; `RedactFeedSecrets` does it to every record of a logging handler (config/settings.py),
and gunicorn.conf.py's access logger uses `redact` too. Pure Python: gunicorn imports it before
Django is set up. A shared action plan's secret is its URL too (/shared/action-plans/<pk>/<secret>/,
actionplans/shared_urls.py): the same filter redacts it."""

import logging
import re

FEED_PATH = re.compile(r"(/calendar/feed/|/shared/action-plans/\d+/)[^/\s\"'?]+")
MARKERS = ("/calendar/feed/", "/shared/action-plans/")


def redact(text: str) -> str:
    return FEED_PATH.sub(r"\1…", text)


class RedactFeedSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(marker in message for marker in MARKERS):
            record.msg, record.args = redact(message), None
        return True
