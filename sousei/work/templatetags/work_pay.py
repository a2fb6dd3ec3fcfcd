"""Filters for time records and pay: {% load work_pay %}.

hours_minutes (480 → 8:00), time_local (an aware datetime's local clock, 09:00), signed_yen
(−¥1,250 for corrections), multiplier (1.25), month_label (2026年12月 / Dec 2026)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone, translation

from sousei.core.text import MONTHS_EN, format_month_ja, hours_clock, yen

register = template.Library()


@register.filter
def hours_minutes(minutes: int | None) -> str:
    """Minutes as hours:minutes, the way a time sheet shows them: 480 → 8:00."""
    if minutes is None or minutes == "":
        return ""
    return hours_clock(int(minutes))


@register.filter
def time_local(value: dt.datetime | None) -> str:
    if value is None or value == "":
        return ""
    return f"{timezone.localtime(value):%H:%M}"


@register.filter
def signed_yen(value: int | None) -> str:
    if value is None or value == "":
        return ""
    amount = int(value)
    return f"−{yen(-amount)}" if amount < 0 else yen(amount)


@register.filter
def multiplier(value: Decimal | None) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value):.2f}"


@register.filter
def month_label(value: dt.date | None) -> str:
    """2026年12月 in Japanese, Dec 2026 in English."""
    if value is None or value == "":
        return ""
    if (translation.get_language() or "ja").startswith("en"):
        return f"{MONTHS_EN[value.month - 1]} {value.year}"
    return format_month_ja(value)
