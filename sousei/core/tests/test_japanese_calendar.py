from __future__ import annotations

from datetime import date

import pytest

from sousei.core.japanese_calendar import (
    format_date_ja,
    holiday_name,
    holidays_between,
    is_holiday,
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 9, 21), "敬老の日"),
        (date(2026, 9, 22), "国民の休日"),  # sandwiched between two holidays (祝日法 第3条3項)
        (date(2026, 9, 23), "秋分の日"),
        (date(2027, 1, 11), "成人の日"),
        (date(2027, 2, 11), "建国記念の日"),
        (date(2027, 2, 23), "天皇誕生日"),
        (date(2026, 5, 6), "憲法記念日 振替休日"),  # 第3条2項: substitute for Sun 5/3
    ],
)
def test_it_knows_japanese_holidays(day: date, name: str) -> None:
    assert holiday_name(day) == name
    assert is_holiday(day)


def test_ordinary_days_are_not_holidays() -> None:
    assert holiday_name(date(2026, 12, 1)) is None
    assert not is_holiday(date(2026, 12, 28))


def test_holidays_between_lists_them_in_order() -> None:
    days = [d for d, _ in holidays_between(date(2026, 9, 1), date(2026, 9, 30))]
    assert days == [date(2026, 9, 21), date(2026, 9, 22), date(2026, 9, 23)]


def test_dates_read_the_japanese_way() -> None:
    assert format_date_ja(date(2026, 12, 28)) == "2026年12月28日(月)"
    assert format_date_ja(date(2027, 3, 9)) == "2027年3月9日(火)"
