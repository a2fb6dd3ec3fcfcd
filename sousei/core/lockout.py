"""Sign-in throttling (django-axes) and what a throttled sign-in gets: 429, as JSON on the
API and as a page on the site.

Failed sign-ins on the login page and POST /api/v1/auth/token are counted over the cool-off
time three ways, each with its own limit (settings.SIGNIN_FAILURE_LIMITS):

- per username and address: the usual typo allowance (AXES_FAILURE_LIMIT);
- per username whatever the address: a higher limit, so that more source addresses buy an
  attacker no more guesses at one account;
- per address across usernames: stops spraying one password over many accounts.

Axes compares one failure count with one limit, so :class:`SignInThrottle` gives it, as the
count, how close the nearest of the three is to its own limit. Attempts during a lockout are
not recorded (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off), so they do not extend it.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sousei.core.errors import bilingual, in_reader_language

LOCKED_OUT = _(
    "Too many failed sign-ins for this username or from your network. "
    "Wait %(minutes)s minutes and try again, or choose a new password at /password-reset/."
)


def client_address(request: HttpRequest) -> str | None:
    """The address sign-ins are counted by. Behind TRUSTED_PROXY_COUNT proxies, the entry of
    X-Forwarded-For that the outermost of them appended (entries to its left are whatever the
    client sent); otherwise the connection's own address, which a client cannot choose."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies < 1:
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [item for item in forwarded if item]
    if not forwarded:
        return remote
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class SignInThrottle(AxesDatabaseHandler):
    """Axes' database handler with a limit per lockout parameter (see the module's doc)."""

    def _counts(self, request: HttpRequest, credentials: dict[str, Any] | None) -> list[int]:
        attempts = self.get_user_attempts(request, credentials)
        return [
            group.aggregate(total=Sum("failures_since_start"))["total"] or 0 for group in attempts
        ]

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        limits = list(settings.SIGNIN_FAILURE_LIMITS.values())
        counts = self._counts(request, credentials)
        remaining = min(limit - count for limit, count in zip(limits, counts, strict=True))
        # At or past AXES_FAILURE_LIMIT exactly when one of the three reached its own limit.
        return int(settings.AXES_FAILURE_LIMIT) - remaining

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful sign-in clears the failures of that username from that address only:
        signing in to one's own account must not wipe an address's spraying count, nor an
        account's count from other addresses."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(
            username=username,
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        ).delete()
        return int(count)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    response: HttpResponse
    if request.path.startswith("/api/"):
        both = bilingual(LOCKED_OUT, {"minutes": minutes})
        response = JsonResponse(
            {"detail": in_reader_language(both), "detail_ja": both["ja"], "detail_en": both["en"]},
            status=429,
        )
    else:
        response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = retry_after
    return response
