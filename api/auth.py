"""Who is calling: a personal access token (`Authorization: Bearer dr_…`) or, for the browser's
interactive docs, the signed-in session (whose unsafe requests must carry the CSRF token)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from accounts.models import User
from api.models import ApiToken
from api.selectors import token_for_secret
from api.services import apitoken_mark_used


@dataclass(frozen=True)
class Caller:
    user: User
    token: ApiToken | None  # None: the browser session
    can_write: bool

    def __str__(self) -> str:  # the throttle's key: one bucket per token, or per session user
        return f"token:{self.token.pk}" if self.token else f"user:{self.user.pk}"


class BadToken(AuthenticationError):
    def __init__(self) -> None:
        super().__init__(
            401,
            "This API token is not valid: it is unknown, revoked, or its account is deactivated.",
        )


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if header and not header.lower().startswith("bearer "):
            raise AuthenticationError(401, "Send the token as `Authorization: Bearer <token>`.")
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = token_for_secret(token.strip())
        if found is None:
            # A wrong token is refused outright rather than falling back to the session.
            raise BadToken()
        apitoken_mark_used(token=found)
        # History rows (django-simple-history reads request.user) name the token's owner, and
        # the private-pages middleware marks the answer no-store.
        request.user = found.user
        return Caller(user=found.user, token=found, can_write=found.can_write)


class BrowserSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = request.user
        if user.is_authenticated:
            return Caller(user=user, token=None, can_write=True)
        return None


def caller_of(request: HttpRequest, *, write: bool = False) -> Caller:
    """The authenticated caller; a write with a read-only token is a 403."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    if write and not caller.can_write:
        raise AuthorizationError(
            403, "This token is read-only: create a read and write token to change records."
        )
    return caller


class PerCallerThrottle(SimpleRateThrottle):
    """`DIALREADY_API_RATE` requests per token (or session user) and period; past it a 429
    with Retry-After."""

    scope = "api"

    def __init__(self) -> None:
        super().__init__(settings.API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read on each request, so a changed setting (or a test's) applies without a restart.
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        caller = getattr(request, "auth", None)
        if caller is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": str(caller)}
