"""The Japanese public-holiday calendar (国民の祝日に関する法律), via jpholiday, and the
month arithmetic that pay runs and time sheets share.

A pure module, without Django even, so the engines (study plans, opening hours, pay) can build
on it. Dates are written out for people by sousei.core.text.
"""

from __future__ import annotations

from datetime import date, timedelta

import jpholiday


def holiday_name(day: date) -> str | None:
    """The holiday's Japanese name (e.g. 国民の休日), or None on an ordinary day."""
    name = jpholiday.is_holiday_name(day)
    return str(name) if name else None


def is_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))


def holidays_between(start: date, end: date) -> list[tuple[date, str]]:
    """Holidays from start to end inclusive, in date order."""
    return [(d, str(n)) for d, n in jpholiday.between(start, end)]


def month_start(value: date | str) -> date:
    """The first day of a month given as a date or "YYYY-MM".

    ValueError for a string that is not a month; services that take the month from a person
    turn it into a message on their form field."""
    if isinstance(value, str):
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            return date(year, month, 1)
        except ValueError:
            raise ValueError(f"not a month (YYYY-MM): {value!r}") from None
    return value.replace(day=1)


def next_month(first: date) -> date:
    """The first day of the month after the one `first` is in."""
    return (first + timedelta(days=32)).replace(day=1)
