"""The Japanese public-holiday calendar (国民の祝日に関する法律), via jpholiday.

A pure module: no ORM. Later engines (study plans, pay) build on it.
"""

from __future__ import annotations

from datetime import date

import jpholiday

WEEKDAY_JA = "月火水木金土日"


def holiday_name(day: date) -> str | None:
    """The holiday's Japanese name (e.g. 国民の休日), or None on an ordinary day."""
    name = jpholiday.is_holiday_name(day)
    return str(name) if name else None


def is_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))


def holidays_between(start: date, end: date) -> list[tuple[date, str]]:
    """Holidays from start to end inclusive, in date order."""
    return [(d, str(n)) for d, n in jpholiday.between(start, end)]


def format_date_ja(day: date) -> str:
    """2026年12月28日(月): the way dates are read in Japan."""
    return f"{day.year}年{day.month}月{day.day}日({WEEKDAY_JA[day.weekday()]})"
