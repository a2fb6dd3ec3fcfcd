"""Yen, hours and dates as people read them (sousei.core.text)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from sousei.core import text
from sousei.core.text import (
    format_date_en,
    format_date_ja,
    format_month_ja,
    hours_clock,
    hours_label,
    hours_minutes_ja,
    hours_number,
    hours_text,
    spreadsheet_cell,
    yen,
)


def test_yen_are_integers_formatted_with_separators() -> None:
    assert yen(1057) == "¥1,057"
    assert yen(0) == "¥0"
    assert yen(-300) == "-¥300"
    assert yen(None) == ""
    with pytest.raises(TypeError):
        yen(10.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        (160, "160"),
        (Decimal("160.00"), "160"),
        (Decimal("157.50"), "157.5"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_hours_are_shown_without_trailing_zeros(hours: int | Decimal, shown: str) -> None:
    assert hours_number(hours) == shown


@pytest.mark.parametrize(
    ("minutes", "shown"), [(150, "2.5"), (120, "2"), (50, "0.83"), (0, "0"), (None, "")]
)
def test_minutes_read_as_hours(minutes: int | None, shown: str) -> None:
    assert hours_text(minutes) == shown


def test_hours_label_is_in_the_active_language() -> None:
    with translation.override("en"):
        assert hours_label(150) == "2.5 h"


def test_time_sheets_and_statements_show_hours_and_minutes() -> None:
    assert hours_clock(480) == "8:00"
    assert hours_clock(-90) == "-1:30"
    assert hours_minutes_ja(2880) == "48時間00分"
    assert hours_minutes_ja(-75) == "-1時間15分"


def test_dates_read_the_japanese_way() -> None:
    assert format_date_ja(date(2026, 12, 28)) == "2026年12月28日(月)"
    assert format_date_ja(date(2027, 3, 9)) == "2027年3月9日(火)"


def test_certificates_are_dated_without_the_weekday() -> None:
    assert format_date_ja(date(2026, 12, 28), weekday=False) == "2026年12月28日"
    assert format_date_en(date(2027, 3, 9)) == "9 March 2027"
    assert format_month_ja(date(2026, 12, 1)) == "2026年12月"


@pytest.mark.parametrize("text", ["=1+2", "+81 92", "-5", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_would_start_a_formula_is_exported_as_text(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["古賀 花子", "", "a=b", -5, 1057, date(2026, 12, 2), None])
def test_other_values_are_exported_unchanged(value: object) -> None:
    assert spreadsheet_cell(value) == value


def test_an_accounts_name_reads_family_name_first() -> None:
    user = User(username="abe", last_name="安部", first_name="雄一")
    assert text.user_name(user) == "安部 雄一"
    assert text.user_name(User(username="abe")) == "abe"
    assert text.user_name(None) == ""


def test_a_date_in_a_message_is_written_in_the_readers_language() -> None:
    when = text.date_text(date(2026, 12, 28))
    with translation.override("ja"):
        assert str(when) == "2026年12月28日(月)"
    with translation.override("en"):
        assert str(when) == "Mon 28 Dec 2026"


def test_a_month_in_a_message_is_written_in_the_readers_language() -> None:
    month = text.month_text(date(2026, 12, 1))
    with translation.override("ja"):
        assert str(month) == "2026年12月"
    with translation.override("en"):
        assert str(month) == "December 2026"
