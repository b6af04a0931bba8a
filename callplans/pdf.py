"""Call plan PDFs: the plan page's data → HTML → WeasyPrint bytes, cached like the plan page
(until anything in the plan's team or the firm-wide records changes: config/pagecache.py).

WeasyPrint may only read the app's own static files: no file:// URLs, no network. User text
reaches the HTML through Django's autoescaping, so it is printed literally."""

import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from callplans.models import CallPlan
from callplans.selectors import PlanPage, plan_page_for
from config.pagecache import CACHE_ERRORS, FIRM, stamps, team_scope

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class PlanPdf:
    filename: str
    content: bytes


def callplan_pdf(*, plan: CallPlan, paper: str) -> bytes:
    return callplan_pdf_download(
        plan_pk=plan.pk, team_id=plan.submittal.job_order.team_id, paper=paper
    ).content


def callplan_pdf_download(*, plan_pk: int, team_id: int, paper: str) -> PlanPdf:
    """The plan as a PDF with its file name; from the cache while nothing it prints changed."""
    try:
        key = ":".join(["callplan-pdf", str(plan_pk), paper, *stamps([team_scope(team_id), FIRM])])
        cached = cache.get(key)
    except CACHE_ERRORS:
        log.warning("The cache is not answering: plan %s rendered without it", plan_pk)
        return _render(plan_page_for(plan_pk), paper)
    if cached is not None:
        return cached
    document = _render(plan_page_for(plan_pk), paper)
    try:
        cache.set(key, document, CACHE_SECONDS)
    except CACHE_ERRORS:
        log.warning("The cache is not answering: the PDF of plan %s not stored", plan_pk)
    return document


def _render(page: PlanPage, paper: str) -> PlanPdf:
    name = slugify(f"call-plan-{page.candidate}-{page.job_order.client}")
    return PlanPdf(filename=f"{name}.pdf", content=_pdf_of(page, paper))


def render_callplan_pdf(*, plan_pk: int, paper: str) -> bytes:
    return _pdf_of(plan_page_for(plan_pk), paper)


def _pdf_of(page: PlanPage, paper: str) -> bytes:
    html = render_to_string(
        "callplans/plan_pdf.html",
        {"page": page, "plan": page.plan, "paper": PAPER_SIZES[paper], "printed": timezone.now()},
    )
    return HTML(string=html, base_url=APP_ORIGIN, url_fetcher=StaticOnlyFetcher()).write_pdf()
