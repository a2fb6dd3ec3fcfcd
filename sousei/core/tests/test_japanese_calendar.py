from __future__ import annotations

from datetime import date

import pytest

from sousei.core.japanese_calendar import (
    holiday_name,
    holidays_between,
    is_holiday,
    month_start,
    next_month,
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


def test_month_start_takes_a_date_or_year_and_month() -> None:
    assert month_start(date(2026, 12, 28)) == date(2026, 12, 1)
    assert month_start("2026-12") == date(2026, 12, 1)


@pytest.mark.parametrize("value", ["2026", "December", "2026-13"])
def test_month_start_refuses_what_is_not_a_month(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        month_start(value)


def test_next_month_crosses_the_year() -> None:
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert next_month(date(2027, 1, 1)) == date(2027, 2, 1)
