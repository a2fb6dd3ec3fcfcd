from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from sousei.core.templatetags.sousei import jdate, jdatetime, month_day_span, yen


def test_dates_read_the_japanese_way_and_the_english_way() -> None:
    with translation.override("ja"):
        assert jdate(date(2026, 12, 28)) == "2026年12月28日(月)"
    with translation.override("en"):
        assert jdate(date(2026, 12, 28)) == "Mon 28 Dec 2026"


def test_datetimes_are_shown_in_tokyo_time() -> None:
    utc_evening = datetime(2026, 12, 27, 20, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("ja"):
        assert jdate(utc_evening) == "2026年12月28日(月)"
        assert jdatetime(utc_evening).endswith("05:30")


def test_money_and_missing_values() -> None:
    assert yen(1057) == "¥1,057"
    assert yen(None) == ""
    assert jdate(None) == ""


def test_a_yearly_closure_reads_as_month_and_day() -> None:
    with translation.override("ja"):
        assert month_day_span("12-29..01-03") == "12月29日〜1月3日"
        assert month_day_span("08-13") == "8月13日"
    with translation.override("en"):
        assert month_day_span("12-29..01-03") == "29 Dec – 3 Jan"
    assert month_day_span("not a span") == "not a span"
    assert month_day_span(None) == ""
