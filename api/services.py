"""Writes of the API app: personal access tokens."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from api.models import ApiToken

TOKEN_PREFIX = "dr_"
MAX_ACTIVE_TOKENS = 20
# A token's last use is written at most this often, not on every request.
LAST_USED_EVERY = datetime.timedelta(minutes=5)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


@transaction.atomic
def apitoken_create(*, user: User, name: str, scope: str = ApiToken.Scope.READ) -> NewToken:
    name = " ".join(name.split())
    if not user.is_active:
        raise ValidationError("A deactivated account cannot have API tokens.")
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {"name": f"You have {active} active tokens: revoke one you no longer use first."}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, scope=scope, prefix=secret[:10], key_hash=token_hash(secret)
    )
    token.full_clean()
    token.save()
    return NewToken(token=token, secret=secret)


@transaction.atomic
def apitoken_revoke(*, token: ApiToken) -> ApiToken:
    """Revoking twice keeps the first revocation's time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def apitoken_mark_used(*, token: ApiToken) -> None:
    """Remember when a token was last used, at most every few minutes (one UPDATE, no read)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
