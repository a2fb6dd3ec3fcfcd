"""Yen are whole integers everywhere; this formats them the way people read them."""

from __future__ import annotations


def format_yen(amount: int | None) -> str:
    """¥1,057 (and -¥300 for a negative amount); '' for None."""
    if amount is None:
        return ""
    if not isinstance(amount, int):
        raise TypeError(f"yen amounts are integers, got {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,}"
