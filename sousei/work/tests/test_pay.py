"""Hand-checked examples of every pay rule of issue 4 (each with the yen written out and
the arithmetic in a comment), and a property test against a minute-by-minute reference."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sousei.work.pay import (
    HOLIDAY,
    LATE_NIGHT,
    LATE_NIGHT_HOLIDAY,
    LATE_NIGHT_OVERTIME,
    LATE_NIGHT_OVERTIME_OVER_60H,
    OVERTIME,
    OVERTIME_OVER_60H,
    REGULAR,
    BelowMinimumWageError,
    PayInputError,
    PayStatement,
    WorkDay,
    line_amount_jpy,
    pay_compute,
    pay_compute_person,
)

# A made-up minimum wage below the rates of the examples (Fukuoka's real table is below).
MIN_WAGE = [(dt.date(2024, 10, 1), 1000)]
FUKUOKA_MIN = [(dt.date(2024, 10, 5), 992), (dt.date(2025, 11, 16), 1057)]
RATE = [(dt.date(2020, 1, 1), 1200)]


def day(
    date: str, start: str, end: str, *breaks: tuple[str, str], next_day_end: bool = False
) -> WorkDay:
    d = dt.date.fromisoformat(date)

    def at(clock: str, next_day: bool = False) -> dt.datetime:
        moment = dt.datetime.combine(d, dt.time.fromisoformat(clock))
        return moment + dt.timedelta(days=1) if next_day else moment

    end_at = at(end, next_day_end)
    return WorkDay(
        date=d,
        start=at(start),
        end=end_at,
        breaks=tuple(
            (
                at(b0, next_day_end and at(b0) < at(start)),
                at(b1, next_day_end and at(b1) < at(start)),
            )
            for b0, b1 in breaks
        ),
    )


def lines_of(statement: PayStatement) -> list[tuple[str, int, int, str, int]]:
    return [
        (ln.kind, ln.minutes, ln.rate_jpy, str(ln.multiplier), ln.amount_jpy)
        for ln in statement.lines
    ]


def test_plain_eight_hour_day() -> None:
    # Mon 2025-12-01 09:00–18:00, break 12–13 → 480 min; 480 × 1,200 / 60 = 9,600
    s = pay_compute(
        days=[day("2025-12-01", "09:00", "18:00", ("12:00", "13:00"))],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [(REGULAR, 480, 1200, "1.00", 9600)]
    assert s.gross_jpy == 9600
    assert s.warnings == ()


def test_ten_hour_day_has_two_hours_daily_overtime() -> None:
    # 08:00–19:00, break 1 h → 600 min: 480 regular = 9,600;
    # 120 OT × 1,200 × 1.25 / 60 = 3,000; gross 12,600 (労基法32条2項, 37条)
    s = pay_compute(
        days=[day("2025-12-01", "08:00", "19:00", ("12:00", "13:00"))],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [
        (REGULAR, 480, 1200, "1.00", 9600),
        (OVERTIME, 120, 1200, "1.25", 3000),
    ]
    assert s.gross_jpy == 12600


def test_weekly_overtime_on_saturday_after_five_eight_hour_days() -> None:
    # Week Sun 11-30 … Sat 12-06, Sunday off. Mon–Fri 5 × 480 = 2,400 min (the 40 h);
    # Sat 09:00–15:00 = 360 min, all beyond 40 h → weekly OT.
    # regular 2,400 × 1,200 / 60 = 48,000; OT 360 × 1,200 × 1.25 / 60 = 9,000; gross 57,000
    week = [day(f"2025-12-0{n}", "09:00", "18:00", ("12:00", "13:00")) for n in range(1, 6)]
    week.append(day("2025-12-06", "09:00", "15:00"))
    s = pay_compute(days=week, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")
    assert lines_of(s) == [
        (REGULAR, 2400, 1200, "1.00", 48000),
        (OVERTIME, 360, 1200, "1.25", 9000),
    ]
    assert s.gross_jpy == 57000
    # The OT is the Saturday, in time order.
    assert [seg.work_date for seg in s.segments if seg.kind == OVERTIME] == [dt.date(2025, 12, 6)]


def test_sunday_work_is_holiday_work_not_counted_toward_forty_hours() -> None:
    # Sun 12-07 09:00–20:00, break 1 h → 600 min holiday work, no daily OT on a 法定休日:
    # 600 × 1,200 × 1.35 / 60 = 16,200 (労基法35条, 割増賃金令 35%).
    # Mon–Fri 12-08…12 5 × 480 = 2,400 regular (the Sunday is not in the 40 h):
    # 2,400 × 1,200 / 60 = 48,000. Gross 64,200.
    days = [day("2025-12-07", "09:00", "20:00", ("12:00", "13:00"))]
    days += [day(f"2025-12-{n:02d}", "09:00", "18:00", ("12:00", "13:00")) for n in range(8, 13)]
    s = pay_compute(days=days, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")
    assert lines_of(s) == [
        (REGULAR, 2400, 1200, "1.00", 48000),
        (HOLIDAY, 600, 1200, "1.35", 16200),
    ]
    assert s.gross_jpy == 64200
    assert s.overtime_minutes == 0


def test_late_night_overtime_crossing_midnight() -> None:
    # Tue 12-02 13:00 – Wed 01:00, break 17–18 → 660 min.
    # 13–17 + 18–22 = 480 regular: 9,600.
    # 22:00–01:00 = 180 min, daily OT and late night: 180 × 1,200 × 1.50 / 60 = 5,400.
    # Gross 15,000 (労基法37条1項・4項).
    s = pay_compute(
        days=[day("2025-12-02", "13:00", "01:00", ("17:00", "18:00"), next_day_end=True)],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [
        (REGULAR, 480, 1200, "1.00", 9600),
        (LATE_NIGHT_OVERTIME, 180, 1200, "1.50", 5400),
    ]
    assert s.gross_jpy == 15000


def test_late_night_regular_night_shift() -> None:
    # Wed 12-03 22:00 – Thu 06:00, break 02–03 → 420 min, within 8 h.
    # 22–02 (240) + 03–05 (120) = 360 late night: 360 × 1,200 × 1.25 / 60 = 9,000;
    # 05–06 = 60 regular: 1,200. Gross 10,200.
    s = pay_compute(
        days=[day("2025-12-03", "22:00", "06:00", ("02:00", "03:00"), next_day_end=True)],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [
        (REGULAR, 60, 1200, "1.00", 1200),
        (LATE_NIGHT, 360, 1200, "1.25", 9000),
    ]
    assert s.gross_jpy == 10200


def test_saturday_night_into_sunday_is_holiday_from_midnight() -> None:
    # Sat 12-06 20:00 – Sun 02:00: 20–22 regular 120 → 2,400; 22–24 late 120 × 25 = 3,000;
    # Sun 00–02 late-night holiday 120 × 1,200 × 1.60 / 60 = 3,840. Gross 9,240.
    s = pay_compute(
        days=[day("2025-12-06", "20:00", "02:00", next_day_end=True)],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [
        (REGULAR, 120, 1200, "1.00", 2400),
        (LATE_NIGHT, 120, 1200, "1.25", 3000),
        (LATE_NIGHT_HOLIDAY, 120, 1200, "1.60", 3840),
    ]
    assert s.gross_jpy == 9240


def test_overtime_beyond_sixty_hours_in_the_month() -> None:
    # 15 weekdays (12-01…05, 08…12, 15…19) 08:00–21:00, break 12–13 → 720 min each:
    # 480 regular + 240 OT; OT 15 × 240 = 3,600 min = exactly 60 h at 1.25.
    # Mon 12-22 08:00–23:00, break 12–13 → 840 min: 480 regular (to 17:00), then
    # 17–22 = 300 min OT beyond 60 h at 1.50, 22–23 = 60 min late-night OT beyond 60 h at 1.75.
    # regular 16 × 480 = 7,680 × 1,200 / 60 = 153,600
    # overtime 3,600 × 1,200 × 1.25 / 60 = 90,000
    # overtime_over_60h 300 × 1,200 × 1.50 / 60 = 9,000
    # late_night_overtime_over_60h 60 × 1,200 × 1.75 / 60 = 2,100
    # gross 254,700 (労基法37条1項ただし書)
    dates = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19]
    days = [day(f"2025-12-{n:02d}", "08:00", "21:00", ("12:00", "13:00")) for n in dates]
    days.append(day("2025-12-22", "08:00", "23:00", ("12:00", "13:00")))
    s = pay_compute(days=days, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")
    assert lines_of(s) == [
        (REGULAR, 7680, 1200, "1.00", 153600),
        (OVERTIME, 3600, 1200, "1.25", 90000),
        (OVERTIME_OVER_60H, 300, 1200, "1.50", 9000),
        (LATE_NIGHT_OVERTIME_OVER_60H, 60, 1200, "1.75", 2100),
    ]
    assert s.gross_jpy == 254700
    assert s.overtime_minutes == 3960
    # 66 h of OT passes the 36 agreement's 45 h: a warning, not an error.
    assert len(s.warnings) == 1
    assert "45 h" in s.warnings[0]


def test_no_warning_at_exactly_45_hours() -> None:
    # 9 days × 300 min OT (08:00–22:00, break 1 h → 780 min) = 2,700 min = 45 h exactly.
    dates = [1, 2, 3, 4, 5, 8, 9, 10, 11]
    days = [day(f"2025-12-{n:02d}", "08:00", "22:00", ("12:00", "13:00")) for n in dates]
    s = pay_compute(days=days, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")
    assert s.overtime_minutes == 2700
    assert s.warnings == ()


def test_rate_change_mid_month_gives_two_sets_of_lines() -> None:
    # ¥1,200 until 12-14, ¥1,300 from 12-15; Mon 12-08 and Mon 12-15 08:00–19:00, break 1 h.
    # 12-08: regular 480 × 1,200 / 60 = 9,600; OT 120 × 1,200 × 1.25 / 60 = 3,000
    # 12-15: regular 480 × 1,300 / 60 = 10,400; OT 120 × 1,300 × 1.25 / 60 = 3,250
    # gross 26,250
    rate = [(dt.date(2025, 4, 1), 1200), (dt.date(2025, 12, 15), 1300)]
    days = [
        day("2025-12-08", "08:00", "19:00", ("12:00", "13:00")),
        day("2025-12-15", "08:00", "19:00", ("12:00", "13:00")),
    ]
    s = pay_compute(days=days, rate=rate, minimum_wage=MIN_WAGE, month="2025-12")
    assert lines_of(s) == [
        (REGULAR, 480, 1200, "1.00", 9600),
        (REGULAR, 480, 1300, "1.00", 10400),
        (OVERTIME, 120, 1200, "1.25", 3000),
        (OVERTIME, 120, 1300, "1.25", 3250),
    ]
    assert s.gross_jpy == 26250
    # The same rate as a function gives the same statement.
    assert (
        pay_compute(
            days=days,
            rate=lambda d: 1300 if d >= dt.date(2025, 12, 15) else 1200,
            minimum_wage=MIN_WAGE,
            month=dt.date(2025, 12, 1),
        ).lines
        == s.lines
    )


def test_minimum_wage_change_in_fukuoka_on_2025_11_16() -> None:
    # Fukuoka: ¥992 until 2025-11-15, ¥1,057 from 2025-11-16 (最低賃金法 第4条).
    # Sat 11-15 09:00–17:00, break 1 h → 420 × 1,000 / 60 = 7,000: lawful.
    ok = pay_compute(
        days=[day("2025-11-15", "09:00", "17:00", ("12:00", "13:00"))],
        rate=[(dt.date(2025, 4, 1), 1000)],
        minimum_wage=FUKUOKA_MIN,
        month="2025-11",
    )
    assert ok.gross_jpy == 7000
    # The same rate on 11-16 is below ¥1,057: refused, naming the date, rate and minimum.
    with pytest.raises(BelowMinimumWageError) as caught:
        pay_compute(
            days=[
                day("2025-11-15", "09:00", "17:00", ("12:00", "13:00")),
                day("2025-11-17", "09:00", "17:00", ("12:00", "13:00")),
            ],
            rate=[(dt.date(2025, 4, 1), 1000)],
            minimum_wage=FUKUOKA_MIN,
            month="2025-11",
        )
    message = str(caught.value)
    assert "2025-11-17" in message
    assert "¥1,000" in message
    assert "¥1,057" in message
    assert "2025-11-15" not in message
    assert [(v.date, v.rate_jpy, v.minimum_jpy) for v in caught.value.violations] == [
        (dt.date(2025, 11, 17), 1000, 1057)
    ]


def test_minimum_wage_follows_the_calendar_day_of_night_work() -> None:
    # Sat 11-15 22:00 – Sun 11-16 02:00: the minutes after midnight fall under ¥1,057.
    with pytest.raises(BelowMinimumWageError, match="2025-11-16"):
        pay_compute(
            days=[day("2025-11-15", "22:00", "02:00", next_day_end=True)],
            rate=[(dt.date(2025, 4, 1), 1000)],
            minimum_wage=FUKUOKA_MIN,
            month="2025-11",
        )


def test_prior_days_of_the_straddling_week_count_toward_forty_hours() -> None:
    # Week Sun 2025-12-28 … Sat 2026-01-03. Prior (paid in December): Mon–Wed 12-29…31,
    # 3 × 480 = 1,440 min. January: Thu 1-1, Fri 1-2 → 2,400 reached exactly; Sat 1-3 480 min
    # all weekly OT. regular 960 × 1,200 / 60 = 19,200; OT 480 × 1,200 × 1.25 / 60 = 12,000;
    # gross 31,200.
    prior = [day(f"2025-12-{n}", "09:00", "18:00", ("12:00", "13:00")) for n in (29, 30, 31)]
    january = [day(f"2026-01-0{n}", "09:00", "18:00", ("12:00", "13:00")) for n in (1, 2, 3)]
    s = pay_compute(
        days=january, prior_days=prior, rate=RATE, minimum_wage=MIN_WAGE, month="2026-01"
    )
    assert lines_of(s) == [
        (REGULAR, 960, 1200, "1.00", 19200),
        (OVERTIME, 480, 1200, "1.25", 12000),
    ]
    assert s.gross_jpy == 31200
    # Without the context the same January days are all within 40 h: 1,440 × 20 = 28,800.
    alone = pay_compute(days=january, rate=RATE, minimum_wage=MIN_WAGE, month="2026-01")
    assert lines_of(alone) == [(REGULAR, 1440, 1200, "1.00", 28800)]


def test_week_start_and_day_off_can_be_set_by_the_region() -> None:
    # Week from Monday, day off Saturday (5). Sat 12-06 09:00–17:00 (break 1 h, 420 min) is
    # holiday work: 420 × 1,200 × 1.35 / 60 = 11,340; Sun 12-07 480 regular = 9,600.
    s = pay_compute(
        days=[
            day("2025-12-06", "09:00", "17:00", ("12:00", "13:00")),
            day("2025-12-07", "09:00", "18:00", ("12:00", "13:00")),
        ],
        rate=RATE,
        minimum_wage=MIN_WAGE,
        month="2025-12",
        week_start=0,
        weekly_day_off=5,
    )
    assert lines_of(s) == [
        (REGULAR, 480, 1200, "1.00", 9600),
        (HOLIDAY, 420, 1200, "1.35", 11340),
    ]


def test_rounding_is_half_up_once_per_line() -> None:
    # 61 min × 1,050 / 60 = 1,067.5 → 1,068 (half up, 昭和63年3月14日基発150号)
    assert line_amount_jpy(minutes=61, rate_jpy=1050, multiplier=Decimal("1.00")) == 1068
    # 1 min × 1,111 × 1.25 / 60 = 23.1458… → 23
    assert line_amount_jpy(minutes=1, rate_jpy=1111, multiplier=Decimal("1.25")) == 23
    # Two days of 61 min in one line: 122 × 1,050 / 60 = 2,135 (not 2 × 1,068 = 2,136).
    s = pay_compute(
        days=[day("2025-12-01", "09:00", "10:01"), day("2025-12-02", "09:00", "10:01")],
        rate=[(dt.date(2025, 1, 1), 1050)],
        minimum_wage=MIN_WAGE,
        month="2025-12",
    )
    assert lines_of(s) == [(REGULAR, 122, 1050, "1.00", 2135)]


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([day("2025-12-01", "09:00", "09:00")], "end must be after"),
        ([day("2025-12-01", "09:00", "12:00", ("08:00", "10:00"))], "inside the day"),
        (
            [day("2025-12-01", "09:00", "18:00"), day("2025-12-01", "17:00", "19:00")],
            "overlaps",
        ),
        ([day("2025-11-30", "09:00", "18:00")], "not in 2025-12"),
    ],
)
def test_records_that_cannot_be_paid_are_refused(days: list[WorkDay], message: str) -> None:
    with pytest.raises(PayInputError, match=message):
        pay_compute(days=days, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")


# --- Property test: against a minute-by-minute reference --------------------------------

MONTH = dt.date(2025, 12, 1)
NEXT_MONTH = dt.date(2026, 1, 1)
ONE_MIN = dt.timedelta(minutes=1)


def _worked_minutes(d: WorkDay) -> list[dt.datetime]:
    minutes = []
    moment = d.start
    while moment < d.end:
        if not any(b0 <= moment < b1 for b0, b1 in d.breaks):
            minutes.append(moment)
        moment += ONE_MIN
    return minutes


def _reference(
    days: list[WorkDay], prior: list[WorkDay], rate: int, week_start: int, day_off: int
) -> Counter[str]:
    """The rules of issue 4 applied literally, one minute at a time."""
    daily: Counter[dt.date] = Counter()
    weekly: Counter[dt.date] = Counter()
    monthly_ot = 0
    kinds: Counter[str] = Counter()
    for d in sorted(prior + days, key=lambda x: x.start):
        paid = d in days
        week = d.date - dt.timedelta(days=(d.date.weekday() - week_start) % 7)
        for m in _worked_minutes(d):
            late = m.hour >= 22 or m.hour < 5
            if m.weekday() == day_off:
                kind = LATE_NIGHT_HOLIDAY if late else HOLIDAY
            else:
                daily[d.date] += 1
                overtime = daily[d.date] > 480
                if not overtime:
                    weekly[week] += 1
                    overtime = weekly[week] > 2400
                if overtime and paid:
                    monthly_ot += 1
                if not overtime:
                    kind = LATE_NIGHT if late else REGULAR
                elif paid and monthly_ot > 3600:
                    kind = LATE_NIGHT_OVERTIME_OVER_60H if late else OVERTIME_OVER_60H
                else:
                    kind = LATE_NIGHT_OVERTIME if late else OVERTIME
            if paid:
                kinds[kind] += 1
    return kinds


@st.composite
def shifts(draw: st.DrawFn) -> tuple[list[WorkDay], list[WorkDay]]:
    """Back-to-back random shifts from the last week of November through December, so
    records never overlap; some dates get two shifts, some shifts cross midnight."""
    moment = dt.datetime(2025, 11, 24, 0, 0) + draw(st.integers(0, 3000)) * ONE_MIN
    prior: list[WorkDay] = []
    days: list[WorkDay] = []
    for _ in range(draw(st.integers(1, 45))):
        length = draw(st.integers(1, 16 * 60))
        start, end = moment, moment + length * ONE_MIN
        breaks: list[tuple[dt.datetime, dt.datetime]] = []
        for _ in range(draw(st.integers(0, 2))):
            b0 = draw(st.integers(0, length - 1))
            b1 = draw(st.integers(b0 + 1, length))
            breaks.append((start + b0 * ONE_MIN, start + b1 * ONE_MIN))
        if start.date() >= NEXT_MONTH:
            break
        record = WorkDay(start.date(), start, end, tuple(breaks))
        (days if start.date() >= MONTH else prior).append(record)
        moment = end + draw(st.integers(0, 40 * 60)) * ONE_MIN
    return days, prior


@settings(max_examples=150, deadline=None)
@given(
    generated=shifts(),
    rate=st.integers(1226, 3000),
    week_start=st.integers(0, 6),
    day_off=st.integers(0, 6),
)
def test_lines_add_up_and_no_minute_is_paid_twice(
    generated: tuple[list[WorkDay], list[WorkDay]], rate: int, week_start: int, day_off: int
) -> None:
    days, prior = generated
    s = pay_compute(
        days=days,
        prior_days=prior,
        rate=[(dt.date(2025, 1, 1), rate)],
        minimum_wage=MIN_WAGE,
        month=MONTH,
        week_start=week_start,
        weekly_day_off=day_off,
    )
    # The lines add up to the gross, and each line is its own exact amount rounded once.
    assert s.gross_jpy == sum(ln.amount_jpy for ln in s.lines)
    for ln in s.lines:
        exact = Decimal(ln.minutes * ln.rate_jpy) * ln.multiplier / 60
        assert abs(exact - ln.amount_jpy) <= Decimal("0.5")
    # Every worked minute of the month is in exactly one segment, and nothing else is.
    worked = [m for d in days for m in _worked_minutes(d)]
    paid = [
        seg.start + i * ONE_MIN
        for seg in s.segments
        for i in range((seg.end - seg.start) // ONE_MIN)
    ]
    assert len(paid) == len(set(paid))
    assert sorted(paid) == sorted(worked)
    assert sum(ln.minutes for ln in s.lines) == len(worked) == s.worked_minutes
    # And each minute is classified as the literal minute-by-minute rules say.
    by_kind: Counter[str] = Counter()
    for ln in s.lines:
        by_kind[ln.kind] += ln.minutes
    assert by_kind == _reference(days, prior, rate, week_start, day_off)
    # Without the minute-level explanation (the pay run's mode) the statement is the same.
    quick = pay_compute(
        days=days,
        prior_days=prior,
        rate=[(dt.date(2025, 1, 1), rate)],
        minimum_wage=MIN_WAGE,
        month=MONTH,
        week_start=week_start,
        weekly_day_off=day_off,
        explain=False,
    )
    assert quick.lines == s.lines
    assert (quick.gross_jpy, quick.overtime_minutes, quick.warnings) == (
        s.gross_jpy,
        s.overtime_minutes,
        s.warnings,
    )


def test_daily_overtime_is_not_counted_again_as_weekly_overtime() -> None:
    # Week Sun 11-30 … Sat 12-06. Mon–Fri 12-01…05 08:00–19:00 (break 1 h) → 600 min each:
    # 480 regular + 120 daily OT; the 5 × 480 = 2,400 regular minutes reach the 40 h on Friday.
    # Sat 12-06 09:00–14:00 = 300 min, all weekly OT (the daily OT did not count toward 40 h).
    # regular 2,400 × 1,200 / 60 = 48,000; OT (5 × 120 + 300) = 900 × 1,200 × 1.25 / 60 = 22,500
    # gross 70,500 (労基法32条, 37条)
    days = [day(f"2025-12-0{n}", "08:00", "19:00", ("12:00", "13:00")) for n in range(1, 6)]
    days.append(day("2025-12-06", "09:00", "14:00"))
    s = pay_compute(days=days, rate=RATE, minimum_wage=MIN_WAGE, month="2025-12")
    assert lines_of(s) == [
        (REGULAR, 2400, 1200, "1.00", 48000),
        (OVERTIME, 900, 1200, "1.25", 22500),
    ]
    assert s.gross_jpy == 70500
    assert s.overtime_minutes == 900


def test_a_rate_raised_to_the_new_minimum_wage_on_2025_11_16_is_paid_per_day() -> None:
    # Fukuoka ¥992 → ¥1,057 on 2025-11-16; the rate goes ¥1,000 → ¥1,057 the same day.
    # Sat 11-15 09:00–17:00 (break 1 h) 420 × 1,000 / 60 = 7,000;
    # Mon 11-17 the same 420 × 1,057 / 60 = 7,399; gross 14,399.
    s = pay_compute(
        days=[
            day("2025-11-15", "09:00", "17:00", ("12:00", "13:00")),
            day("2025-11-17", "09:00", "17:00", ("12:00", "13:00")),
        ],
        rate=[(dt.date(2025, 4, 1), 1000), (dt.date(2025, 11, 16), 1057)],
        minimum_wage=FUKUOKA_MIN,
        month="2025-11",
    )
    assert lines_of(s) == [
        (REGULAR, 420, 1000, "1.00", 7000),
        (REGULAR, 420, 1057, "1.00", 7399),
    ]
    assert s.gross_jpy == 14399


# --- one person on two assignments: the hours are the person's (労働基準法 第32条, 第38条) ----

RATE_B = [(dt.date(2020, 1, 1), 1500)]


def person_lines(statement: PayStatement) -> list[tuple[str, int, int, int]]:
    return [(ln.kind, ln.minutes, ln.rate_jpy, ln.amount_jpy) for ln in statement.lines]


def test_two_assignments_on_one_day_share_the_8_hours() -> None:
    """Mon 2026-12-07: A 09:00–14:00 (5 h at ¥1,200), B 15:00–20:00 (5 h at ¥1,500).
    10 h in the day: B's last 2 h are overtime, at B's rate.
    A: 300 min × ¥1,200 / 60 = ¥6,000.
    B: 180 min × ¥1,500 / 60 = ¥4,500; 120 min × ¥1,500 × 1.25 / 60 = ¥3,750; ¥8,250.
    (Computed per assignment, B would have been ¥7,500: ¥750 short.)"""
    statements = pay_compute_person(
        days=[(1, day("2026-12-07", "09:00", "14:00")), (2, day("2026-12-07", "15:00", "20:00"))],
        rates={1: RATE, 2: RATE_B},
        minimum_wage=MIN_WAGE,
        month="2026-12",
    )
    assert person_lines(statements[1]) == [(REGULAR, 300, 1200, 6_000)]
    assert person_lines(statements[2]) == [
        (REGULAR, 180, 1500, 4_500),
        (OVERTIME, 120, 1500, 3_750),
    ]
    assert statements[2].gross_jpy == 8_250
    assert statements[2].overtime_minutes == 120
    assert statements[1].overtime_minutes == 0
    alone = pay_compute(
        days=[day("2026-12-07", "15:00", "20:00")],
        rate=RATE_B,
        minimum_wage=MIN_WAGE,
        month="2026-12",
    )
    assert alone.gross_jpy == 7_500


def test_two_assignments_share_the_40_hours_of_a_week() -> None:
    """A works Mon–Fri 2026-12-07..11, 09:00–16:45 with 45 min break (7 h a day, 35 h at
    ¥1,200); B works Sat 12th 09:00–15:00 (6 h at ¥1,500). The week reaches 41 h on Saturday:
    B's last hour is weekly overtime.
    A: 2,100 min × ¥1,200 / 60 = ¥42,000.
    B: 300 min × ¥1,500 / 60 = ¥7,500; 60 min × ¥1,500 × 1.25 / 60 = ¥1,875; ¥9,375."""
    a_days = [
        (1, day(f"2026-12-{d:02d}", "09:00", "16:45", ("12:00", "12:45"))) for d in range(7, 12)
    ]
    statements = pay_compute_person(
        days=[*a_days, (2, day("2026-12-12", "09:00", "15:00"))],
        rates={1: RATE, 2: RATE_B},
        minimum_wage=MIN_WAGE,
        month="2026-12",
    )
    assert person_lines(statements[1]) == [(REGULAR, 2_100, 1200, 42_000)]
    assert person_lines(statements[2]) == [(REGULAR, 300, 1500, 7_500), (OVERTIME, 60, 1500, 1_875)]


def test_a_source_without_days_gets_an_empty_statement_and_violations_name_their_source() -> None:
    statements = pay_compute_person(
        days=[(1, day("2026-12-07", "09:00", "12:00"))],
        rates={1: RATE, 2: RATE_B},
        minimum_wage=MIN_WAGE,
        month="2026-12",
    )
    assert statements[2].lines == ()
    assert statements[2].gross_jpy == 0
    with pytest.raises(BelowMinimumWageError) as raised:
        pay_compute_person(
            days=[
                (1, day("2026-12-07", "09:00", "12:00")),
                (2, day("2026-12-08", "09:00", "12:00")),
            ],
            rates={1: RATE, 2: [(dt.date(2020, 1, 1), 900)]},
            minimum_wage=MIN_WAGE,
            month="2026-12",
        )
    assert [(v.source, v.date) for v in raised.value.violations] == [(2, dt.date(2026, 12, 8))]
