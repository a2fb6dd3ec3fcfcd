"""A count of misses per client address over a window, for public lookups that must not be
an oracle (the certificate check): while an address is over its limit, every lookup from it
is refused, the ones that would have matched too.

Counted in Django's cache: the default local-memory cache counts per server process, so the
limit is per process unless a shared cache (Redis) is configured; with codes of 60 random
bits, even several processes' allowance finds nothing by trying."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from sousei.core.lockout import client_address


def _key(request: HttpRequest, scope: str) -> str:
    return f"throttle:{scope}:{client_address(request) or 'unknown'}"


def over_limit(request: HttpRequest, *, scope: str, limit: int) -> bool:
    """Whether the caller's address has used up its misses in `scope`."""
    return int(cache.get(_key(request, scope), 0)) >= limit


def miss_count(request: HttpRequest, *, scope: str, window_seconds: int) -> None:
    """One more miss for the caller's address; the count lapses `window_seconds` after the
    first miss."""
    key = _key(request, scope)
    if not cache.add(key, 1, timeout=window_seconds):
        try:
            cache.incr(key)
        except ValueError:  # lapsed between add and incr
            cache.add(key, 1, timeout=window_seconds)
