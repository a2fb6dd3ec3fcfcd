"""Yen, hours and dates the way people in Japan read them: one copy of each, for pages,
e-mails, PDFs and exports alike.

Pure functions of plain values (no ORM, no request). The Japanese forms are built by hand,
not with the server's locale, so a machine set to another language prints the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WEEKDAY_JA = "月火水木金土日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_EN_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --- money ----------------------------------------------------------------------------------


def yen(amount: int | None) -> str:
    """¥1,057 (and -¥300 for a negative amount); '' for None.

    Yen are whole integers everywhere in Sousei; anything else is a bug upstream, so a float
    or Decimal is refused rather than rounded here."""
    if amount is None:
        return ""
    if not isinstance(amount, int):
        raise TypeError(f"yen amounts are integers, got {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,}"


# --- hours ----------------------------------------------------------------------------------


def hours_number(hours: int | Decimal) -> str:
    """160 → "160", Decimal("157.50") → "157.5": hours without trailing zeros."""
    value = Decimal(hours)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def hours_text(minutes: int | None) -> str:
    """Minutes as hours for people: 150 → "2.5", 120 → "2", 50 → "0.83"; '' for None."""
    if minutes is None:
        return ""
    return hours_number((Decimal(minutes) / 60).quantize(Decimal("0.01")))


def study_hours(minutes: int) -> str:
    """Minutes as hours to a tenth, as people read a figure of time studied: 2234 → "37.2",
    150 → "2.5", 120 → "2". For pages; forms keep the exact value (hours_text)."""
    tenths = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return hours_number(tenths)


def hours_label(minutes: int) -> str:
    """150 → "2.5 h" (in Japanese 2.5時間), in the active language."""
    return str(_("%(hours)s h") % {"hours": hours_text(minutes)})


def hours_clock(minutes: int) -> str:
    """480 → 8:00, -90 → -1:30: hours and minutes, as a time sheet shows them."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def hours_minutes_ja(minutes: int) -> str:
    """480 → 8時間00分, as a pay statement prints worked time."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}時間{minutes % 60:02d}分"


# --- dates ----------------------------------------------------------------------------------


def format_date_ja(day: date, *, weekday: bool = True) -> str:
    """2026年12月28日(月); without the weekday (2026年12月28日) as certificates are dated."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}({WEEKDAY_JA[day.weekday()]})" if weekday else text


def format_month_ja(day: date) -> str:
    """2026年12月: the month a statement or a pay run is for."""
    return f"{day.year}年{day.month}月"


def format_date_en(day: date) -> str:
    """28 December 2026, the long English form printed on certificates."""
    return f"{day.day} {MONTHS_EN_LONG[day.month - 1]} {day.year}"


def format_date(day: date) -> str:
    """A day in the active language: 2026年12月28日(月) in Japanese, Mon 28 Dec 2026 in
    English (the form pages and messages share)."""
    if (get_language() or "ja").startswith("ja"):
        return format_date_ja(day)
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def format_month(day: date) -> str:
    """A month in the active language: 2026年12月 in Japanese, December 2026 in English."""
    if (get_language() or "ja").startswith("ja"):
        return format_month_ja(day)
    return f"{MONTHS_EN_LONG[day.month - 1]} {day.year}"


# A month for a message parameter, written when read (as date_text).
month_text = lazy(format_month, str)


# A day for a message parameter, written when the message is read: in the reader's language,
# so the same error reads 2026年12月28日(月) in Japanese and Mon 28 Dec 2026 in English.
date_text = lazy(format_date, str)


# --- names ----------------------------------------------------------------------------------


class NamedUser(Protocol):
    last_name: str
    first_name: str

    def get_username(self) -> str: ...


def user_name(user: NamedUser | None) -> str:
    """A sign-in account's name as people in Japan write it, family name first (安部 雄一);
    the username when the account has no name. Django's get_full_name() puts the given name
    first, so it is not used for people."""
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()


# --- spreadsheets ---------------------------------------------------------------------------

# A cell beginning with one of these is read as a formula by Excel and LibreOffice, so a name
# typed as =HYPERLINK(…) would run when an operator opens the export (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A value safe to put in an exported cell: text that would start a formula is prefixed
    with an apostrophe, which spreadsheets show as text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[object]) -> list[object]:
    return [spreadsheet_cell(value) for value in values]
