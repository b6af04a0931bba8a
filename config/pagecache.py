"""Whole pages served from Django's cache until something they show changes.

Every write to a team's records gives that team a new random stamp; a write to firm-wide records
(candidates, skills, references) gives the firm one. A cached page is keyed by the stamps of its
scope, the user, the URL and the hour (or a shorter window for pages that move with the clock),
so the first view after any write in its scope renders afresh and old entries simply expire.
The page is stored with marks where the request's CSP nonce and CSRF token go, and each request
that is served it gets its own. Nothing is deleted by hand, so no write path can forget to
invalidate: the model signals in `watch_writes` see every save and delete, and the services'
`.update()`s call `touch`.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import timezone
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# A cache that cannot be reached must not take the app down: pages render without it and writes
# still save (their stamps are renewed when it answers again, at the latest when pages expire).
CACHE_ERRORS = (RedisError, OSError)
PAGE_SECONDS = 60 * 60

FIRM = "firm"
ANY_TEAM = "team:any"  # what a superuser sees: moves with every team's stamp
NONCE_MARK = "__dialready_csp_nonce__"
CSRF_MARK = "__dialready_csrf_token__"
WATCHED_APPS = ("accounts", "candidates", "joborders", "references", "callplans")

# How a record of each team-owned model finds its team. Models not listed (and without their
# own team_id) are firm-wide: candidates, skills, engagements, references.
TEAM_PATHS = {
    "accounts.team": "pk",
    "joborders.clientcontact": "client.team_id",
    "joborders.requirement": "job_order.team_id",
    "joborders.submittal": "job_order.team_id",
    "joborders.submittalevent": "submittal.job_order.team_id",
    "references.referencefinding": "call.team_id",
    "callplans.callplan": "submittal.job_order.team_id",
    "callplans.objection": "plan.submittal.job_order.team_id",
    "callplans.planevidence": "plan.submittal.job_order.team_id",
    "callplans.planreview": "plan.submittal.job_order.team_id",
    "callplans.feedbackcall": "plan.submittal.job_order.team_id",
    "callplans.raisedobjection": "feedback_call.plan.submittal.job_order.team_id",
}
FIRM_WIDE = {
    "candidates.skill",
    "candidates.candidate",
    "candidates.candidateskill",
    "candidates.engagement",
    "references.reference",
}


def team_scope(team_id: int | None) -> str:
    return f"team:{team_id}"


def scopes_for_user(user) -> list[str]:
    """Everything a user's pages can show: their team's records (every team's for a superuser)
    and the firm-wide ones."""
    return [ANY_TEAM if user.is_superuser else team_scope(user.team_id), FIRM]


def scope_of(instance: models.Model) -> str:
    """The scope a write to `instance` changes; the firm when its team cannot be found (a parent
    deleted in the same cascade), which renews every page: stale is never the fallback."""
    label = instance._meta.label_lower
    if label in FIRM_WIDE:
        return FIRM
    path = TEAM_PATHS.get(label, "team_id")
    try:
        value = instance
        for attribute in path.split("."):
            value = getattr(value, attribute)
    except Exception:  # noqa: BLE001 — any failure to resolve falls back to the widest scope
        return FIRM
    return team_scope(value) if value is not None else FIRM


def touch(*scopes: str) -> None:
    """New stamps for `scopes`, now and again when the transaction commits. The second stamp
    retires a page another request may have rendered from the data before the commit."""
    _renew(scopes)
    transaction.on_commit(lambda: _renew(scopes))


def touch_instance(instance: models.Model) -> None:
    touch(scope_of(instance))


def _renew(scopes: Iterable[str]) -> None:
    fresh = {_stamp_key(s): secrets.token_hex(8) for s in scopes}
    if any(s.startswith("team:") and s != ANY_TEAM for s in scopes):
        fresh[_stamp_key(ANY_TEAM)] = secrets.token_hex(8)
    try:
        cache.set_many(fresh, timeout=None)
    except CACHE_ERRORS:
        log.exception("Could not renew the page stamps %s: pages may lag for an hour", scopes)


def stamps(scopes: list[str]) -> list[str]:
    keys = [_stamp_key(s) for s in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(8), timeout=None)
            found[key] = cache.get(key, "")
    return [found[k] for k in keys]


def _stamp_key(scope: str) -> str:
    return f"stamp:{scope}"


def cached_page(
    request: HttpRequest,
    render_page: Callable[[], HttpResponse],
    *,
    scopes: list[str],
    seconds: int = PAGE_SECONDS,
) -> HttpResponse:
    """The page `render_page` makes, from the cache when nothing in `scopes` changed since it was
    made for this user and URL within the same `seconds` window (and day).

    Call it after the access check. Only plain full-page GETs are cached: htmx fragments and
    pages with a flash message render as usual."""
    if not _cacheable(request):
        return render_page()
    try:
        key = _page_key(request, scopes, seconds)
        body = cache.get(key)
    except CACHE_ERRORS:
        log.warning("The cache is not answering: %s rendered without it", request.path)
        return render_page()
    if body is not None:
        return HttpResponse(_fill_marks(body, request))
    request.renders_csrf_mark = True
    try:
        response = render_page()
    finally:
        request.renders_csrf_mark = False
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response  # a download (the metrics CSVs): neither marked nor stored
    body = response.content.decode()
    nonce = get_nonce(request)
    if nonce:  # generated while rendering: mark it for the next request's
        body = body.replace(str(nonce), NONCE_MARK)
    if response.status_code == 200:
        try:
            cache.set(key, body, seconds)
        except CACHE_ERRORS:
            log.warning("The cache is not answering: %s not stored", request.path)
    response.content = _fill_marks(body, request)
    return response


def csrf_mark(request: HttpRequest) -> dict[str, str]:
    """Context processor: while a page is rendered for the cache, its CSRF token is a mark."""
    return {"csrf_token": CSRF_MARK} if getattr(request, "renders_csrf_mark", False) else {}


def _fill_marks(body: str, request: HttpRequest) -> str:
    if NONCE_MARK in body:
        body = body.replace(NONCE_MARK, str(get_nonce(request)))
    if CSRF_MARK in body:
        body = body.replace(CSRF_MARK, get_token(request))
    return body


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not getattr(request, "htmx", False)
        and not len(get_messages(request))
    )


def _page_key(request: HttpRequest, scopes: list[str], seconds: int) -> str:
    user = request.user
    parts = [
        request.get_full_path(),
        user.pk,
        user.team_id,
        user.role,
        user.is_superuser,
        timezone.localdate().isoformat(),
        int(timezone.now().timestamp() // seconds),
        *stamps(scopes),
    ]
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"page:{digest}"


# --- Seeing every write -------------------------------------------------------------------


def watched_models() -> list[type[models.Model]]:
    """Our apps' models, without simple-history's copies (written only beside the originals)."""
    return [
        model
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def watch_writes() -> None:
    for model in watched_models():
        post_save.connect(_saved, sender=model, dispatch_uid=f"pagecache-save-{model._meta}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"pagecache-del-{model._meta}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"pagecache-m2m-{model._meta}-{field.name}",
            )


def _saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # logging in changes nothing a page shows
    touch_instance(instance)


def _deleted(sender, instance, **kwargs) -> None:
    touch_instance(instance)


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_"):
        touch_instance(instance)
