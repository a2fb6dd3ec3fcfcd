"""API bearer tokens: issued for a username and password, stored only as a digest, revoked
one by one (DELETE /api/v1/auth/token, the account page) or all at once by a password change.

A token records a fingerprint of its user's password hash when it is issued and opens the API
only while the fingerprint still matches. A password change anywhere — the admin,
`changepassword`, a reset, any `set_password` — changes the hash, so it revokes the user's
tokens by construction: no code path has to remember to. (A hasher upgrade on sign-in, which
rewrites the hash, revokes them too; the API's clients then ask for a new token.)
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.links import secret_matches
from sousei.core.models import ApiToken, Membership
from sousei.core.scoping import cross_region

TOKEN_PREFIX = "sousei_"
# Touching last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def password_fingerprint(user: User) -> str:
    """Changes whenever the user's password does (the hash is salted anew on every change)."""
    return hashlib.sha256(f"sousei.api-token:{user.password}".encode()).hexdigest()


def _audit_everywhere(
    *, user: User, actor: User | AnonymousUser | None, action: str, token: ApiToken
) -> None:
    """A token opens every region the user belongs to, so each region's trail records it."""
    changes: dict[str, Any] = {
        "user": user.get_username(),
        "prefix": token.prefix,
        "expires_at": token.expires_at.isoformat(),
    }
    with cross_region("a token opens every region of its user, and each one's trail says so"):
        memberships = Membership.objects.filter(user=user).select_related("region")
        regions = {membership.region_id: membership.region for membership in memberships}
        for region_id in sorted(regions):
            audit_record(
                region=regions[region_id], actor=actor, action=action, obj=token, changes=changes
            )


def api_token_issue(
    *, user: User, actor: User | AnonymousUser | None = None
) -> tuple[str, ApiToken]:
    """Create a token for the user; returns its only plain copy and the stored row. Audited
    in each region of the user (`api_token.issue`); the actor is the user unless given."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            digest=_digest(raw),
            prefix=raw[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
            expires_at=clock.now() + settings.SOUSEI_API_TOKEN_TTL,
            password_fingerprint=password_fingerprint(user),
        )
        _audit_everywhere(user=user, actor=actor or user, action="api_token.issue", token=token)
    return raw, token


def _live(token: ApiToken) -> bool:
    return token.expires_at > clock.now() and secret_matches(
        token.password_fingerprint, password_fingerprint(token.user)
    )


def api_token_find(*, raw: str) -> ApiToken | None:
    """The live token with this plain value: unexpired, its user active and still on the
    password it was issued under. None otherwise."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), user__is_active=True)
        .first()
    )
    if token is None or not _live(token):
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_tokens_of(*, user: User) -> list[ApiToken]:
    """The user's tokens that still open the API, newest first (their own data)."""
    tokens: QuerySet[ApiToken] = (
        ApiToken.objects.select_related("user").filter(user=user).order_by("-created_at", "-id")
    )
    return [token for token in tokens if _live(token)]


def api_token_of(*, user: User, token_id: int) -> ApiToken | None:
    """One of the user's own tokens; None for anyone else's (the caller answers 404)."""
    return ApiToken.objects.select_related("user").filter(user=user, pk=token_id).first()


def api_token_revoke(*, token: ApiToken, actor: User | AnonymousUser | None) -> None:
    """Revoke a token: it is deleted, and the revocation audited (`api_token.revoke`)."""
    with transaction.atomic():
        _audit_everywhere(user=token.user, actor=actor, action="api_token.revoke", token=token)
        ApiToken.objects.filter(pk=token.pk).delete()
