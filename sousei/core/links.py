"""Secret links (an offer, an event registration): the random secret a link carries is
compared with the stored one in constant time, so the time an answer takes tells nothing
about how much of a guess was right."""

from __future__ import annotations

import hmac


def secret_matches(given: str, stored: str) -> bool:
    """Whether a secret from a link or request is the stored one. Any text is safe here
    (a NUL, a lone surrogate): it is compared as bytes."""
    if not given or not stored:
        return False
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), stored.encode("utf-8", "surrogatepass")
    )
