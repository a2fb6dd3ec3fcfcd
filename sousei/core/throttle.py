"""Counts per key over a window, for public endpoints that must hold a limit: the certificate
check (misses per client address, so it is no oracle) and the contact form (submissions per
address and per e-mail address).

Counted in the database (`ThrottleCount`), which every server process shares, so a limit
holds across gunicorn workers and threads; a cache would count per process unless Redis were
configured, and Sousei runs without one. A count is one UPDATE (or an INSERT for a new
window), atomic on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from sousei.core import clock
from sousei.core.lockout import client_address
from sousei.core.models import ThrottleCount


def _key(scope: str, value: str) -> str:
    # Hashed: an address or e-mail is personal data, and a key has a bounded length.
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()
    return f"{scope[:100]}:{digest}"


def address_of(request: HttpRequest) -> str:
    """The caller's address as the throttle counts it ("unknown" when there is none)."""
    return client_address(request) or "unknown"


def count_of(*, scope: str, value: str) -> int:
    """How many times `value` was counted in `scope` in its current window."""
    row = (
        ThrottleCount.objects.filter(key=_key(scope, value), expires_at__gt=clock.now())
        .values_list("count", flat=True)
        .first()
    )
    return int(row or 0)


def count_add(*, scope: str, value: str, window_seconds: int) -> int:
    """Count `value` once more in `scope`; the count lapses `window_seconds` after its first
    time. Returns the new count."""
    key = _key(scope, value)
    now = clock.now()
    for _attempt in range(3):
        updated = ThrottleCount.objects.filter(key=key, expires_at__gt=now).update(
            count=F("count") + 1
        )
        if updated:
            return count_of(scope=scope, value=value)
        try:
            with transaction.atomic():
                # A new window sweeps every lapsed one (its own key's included), so the table
                # holds only live counts without a scheduled job; expires_at is indexed.
                ThrottleCount.objects.filter(expires_at__lte=now).delete()
                ThrottleCount.objects.create(
                    key=key, count=1, expires_at=now + dt.timedelta(seconds=window_seconds)
                )
            return 1
        except IntegrityError:  # another process began the window first: count in it
            continue
    return count_of(scope=scope, value=value)


def throttle_sweep() -> int:
    """Delete the counts of lapsed windows; returns how many."""
    deleted, _ = ThrottleCount.objects.filter(expires_at__lte=clock.now()).delete()
    return deleted


def over_limit(request: HttpRequest, *, scope: str, limit: int) -> bool:
    """Whether the caller's address has used up its misses in `scope`."""
    return count_of(scope=scope, value=address_of(request)) >= limit


def miss_count(request: HttpRequest, *, scope: str, window_seconds: int) -> None:
    """One more miss for the caller's address; the count lapses `window_seconds` after the
    first miss."""
    count_add(scope=scope, value=address_of(request), window_seconds=window_seconds)
