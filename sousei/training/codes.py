"""Certificate codes people can read aloud and type: 12 characters of Crockford's base32 in
groups of four (``K7QM-3R9D-X2PF``), about 60 bits, too many to guess by trying.

Typing is forgiving: small letters, spaces and missing dashes are accepted, and the letters
Crockford reads as digits (O as 0, I and L as 1) too. Codes issued before this form (24
case-sensitive URL-safe characters) keep working exactly as issued. Pure: no ORM."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
LENGTH = 12
GROUP = 4
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―ー－]+")
_LEGACY = re.compile(r"[A-Za-z0-9_-]{24}")
EXAMPLE = "K7QM-3R9D-X2PF"


def code_new() -> str:
    """A fresh code in its printed, grouped form."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return _grouped(raw)


def _grouped(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def code_candidates(typed: str) -> list[str]:
    """The stored codes a typed or linked code may be: the grouped form of a new code, and the
    code exactly as typed if it has the shape of a code issued before (case matters there).
    Empty when it can be neither; the caller answers that as it answers an unknown code."""
    text = typed.strip()
    if len(text) > 64:
        return []
    candidates = []
    compact = _SEPARATORS.sub("", text).upper().translate(_READ_AS)
    if len(compact) == LENGTH and all(ch in ALPHABET for ch in compact):
        candidates.append(_grouped(compact))
    if _LEGACY.fullmatch(text):
        candidates.append(text)
    return candidates
