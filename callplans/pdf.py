"""Call plan PDFs: the plan page's data → print HTML → WeasyPrint bytes, cached by a hash of that
HTML. Anything the PDF shows is in the HTML, so a change anywhere renders anew and nothing ever has
to be told to forget.

WeasyPrint may only read the app's own static files: no file:// URLs, no network. User text
reaches the HTML through Django's autoescaping, so it is printed literally."""

import hashlib
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
from redis.exceptions import RedisError
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from callplans.models import CallPlan
from callplans.selectors import PlanPage, plan_page_for

log = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
# A made-up origin: relative URLs in the PDF's HTML resolve against it, and nothing else loads.
APP_ORIGIN = "https://dialready.invalid/"
_STATIC_PREFIX = APP_ORIGIN + settings.STATIC_URL.lstrip("/")
CACHE_SECONDS = 7 * 24 * 60 * 60
# A cache that cannot be reached must not stop a download: the PDF renders without it.
CACHE_ERRORS = (RedisError, OSError)


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


def paper_for(requested: str | None, remembered: str = "") -> str:
    """The paper asked for, else the one the user last printed on, else the site's default."""
    for key in ((requested or "").lower(), remembered, settings.CALLPLAN_PDF_PAPER):
        if key in PAPER_SIZES:
            return key
    return "letter"


@dataclass(frozen=True)
class PlanPdf:
    filename: str
    content: bytes


def callplan_pdf(*, plan: CallPlan, paper: str) -> bytes:
    return callplan_pdf_download(plan_pk=plan.pk, paper=paper).content


def callplan_pdf_download(*, plan_pk: int, paper: str) -> PlanPdf:
    """The plan as a PDF with its file name; WeasyPrint runs only for print HTML not seen before."""
    page = plan_page_for(plan_pk)
    html = print_html(page, paper)
    name = slugify(f"call-plan-{page.candidate}-{page.job_order.client}")
    key = "callplan-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    try:
        content = cache.get(key)
    except CACHE_ERRORS:
        log.warning("The cache is not answering: plan %s rendered without it", plan_pk)
        return PlanPdf(filename=f"{name}.pdf", content=_pdf_of(html))
    if content is None:
        content = _pdf_of(html)
        try:
            cache.set(key, content, CACHE_SECONDS)
        except CACHE_ERRORS:
            log.warning("The cache is not answering: the PDF of plan %s not stored", plan_pk)
    return PlanPdf(filename=f"{name}.pdf", content=content)


def print_html(page: PlanPage, paper: str) -> str:
    """The exact HTML the PDF is made of. It carries the day it is printed, not the minute, so a
    plan printed twice in a day is rendered once."""
    context = {
        "page": page,
        "plan": page.plan,
        "paper": PAPER_SIZES[paper],
        "printed": timezone.localdate(),
        # The rest of page 1 is ruled for notes: fewer lines when more objections fill it.
        "note_lines": range(max(4, 15 - 2 * len(page.most_likely))),
    }
    return render_to_string("callplans/plan_pdf.html", context)


def _pdf_of(html: str) -> bytes:
    # PDF/UA-1: a tagged PDF a screen reader can follow, with the title and language of the HTML.
    document = HTML(string=html, base_url=APP_ORIGIN, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
