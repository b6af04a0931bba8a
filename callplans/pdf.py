"""Call plan PDFs: the plan page's data → HTML → WeasyPrint bytes, cached per plan version.

WeasyPrint may only read the app's own static files: no file:// URLs, no network. User text
reaches the HTML through Django's autoescaping, so it is printed literally."""

import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from callplans.models import CallPlan
from callplans.selectors import plan_page_for

PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
# A made-up origin: relative URLs in the PDF's HTML resolve against it, and nothing else loads.
APP_ORIGIN = "https://dialready.invalid/"
_STATIC_PREFIX = APP_ORIGIN + settings.STATIC_URL.lstrip("/")
CACHE_SECONDS = 7 * 24 * 60 * 60


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files and refuses every other URL."""

    def fetch(self, url, headers=None):
        if not url.startswith(_STATIC_PREFIX):
            raise ValueError(f"DialReady PDFs load only the app's static files, not {url[:80]}")
        name = posixpath.normpath(url[len(_STATIC_PREFIX) :].split("?")[0].split("#")[0])
        if name.startswith(("/", "..")) or "/../" in name:
            raise ValueError("Refusing a path outside the static files")
        path = finders.find(name) or _collected_path(name)
        if not path:
            raise ValueError(f"No static file {name}")
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": _mime(name)})


def _collected_path(name: str) -> str | None:
    try:
        path = staticfiles_storage.path(name)
    except (NotImplementedError, ValueError):
        return None
    return path if Path(path).is_file() else None


def _mime(name: str) -> str:
    return {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".woff2": "font/woff2",
    }.get(Path(name).suffix, "application/octet-stream")


def paper_for(requested: str | None) -> str:
    key = (requested or settings.CALLPLAN_PDF_PAPER).lower()
    return key if key in PAPER_SIZES else settings.CALLPLAN_PDF_PAPER


def callplan_pdf(*, plan: CallPlan, paper: str) -> bytes:
    """The plan as a PDF. An unchanged plan (same version) is served from the cache."""
    key = f"callplan-pdf:{plan.pk}:{plan.version}:{paper}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    document = render_callplan_pdf(plan_pk=plan.pk, paper=paper)
    cache.set(key, document, CACHE_SECONDS)
    return document


def render_callplan_pdf(*, plan_pk: int, paper: str) -> bytes:
    page = plan_page_for(plan_pk)
    html = render_to_string(
        "callplans/plan_pdf.html",
        {"page": page, "plan": page.plan, "paper": PAPER_SIZES[paper], "printed": timezone.now()},
    )
    return HTML(string=html, base_url=APP_ORIGIN, url_fetcher=StaticOnlyFetcher()).write_pdf()
