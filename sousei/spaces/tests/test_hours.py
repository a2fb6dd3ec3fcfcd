"""Opening hours and closed days, with plain data."""

from __future__ import annotations

import datetime as dt

import pytest

from sousei.spaces.hours import HoursFormatError, SpaceCalendar, booking_problem
from sousei.spaces.models import default_opening_hours

CALENDAR = SpaceCalendar.build(
    opening_hours=default_opening_hours(),
    closed_dates=["2027-03-03"],
    closed_periods=["12-29..01-03"],
    closed_on_holidays=True,
)
MONDAY = dt.date(2027, 3, 1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_it_accepts_a_range_within_the_hours() -> None:
    assert booking_problem(CALENDAR, at(MONDAY, 9), at(MONDAY, 21), several_days=False) is None


@pytest.mark.parametrize(
    ("starts", "ends"),
    [((8, 30), (10, 0)), ((20, 0), (21, 30)), ((21, 0), (22, 0))],
)
def test_it_refuses_a_range_outside_the_hours(
    starts: tuple[int, int], ends: tuple[int, int]
) -> None:
    problem = booking_problem(CALENDAR, at(MONDAY, *starts), at(MONDAY, *ends), several_days=False)
    assert problem is not None
    assert problem.code == "outside_hours"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (dt.date(2027, 3, 7), "weekday"),  # Sunday
        (dt.date(2027, 3, 3), "date"),
        (dt.date(2027, 12, 30), "period"),
        (dt.date(2027, 12, 31), "period"),
        (dt.date(2027, 3, 22), "holiday"),  # 振替休日
    ],
)
def test_it_knows_why_the_space_is_closed(day: dt.date, reason: str) -> None:
    assert CALENDAR.closed_reason(day) == reason
    problem = booking_problem(CALENDAR, at(day, 11), at(day, 12), several_days=False)
    assert problem is not None
    assert (problem.code, problem.reason) == ("closed", reason)


def test_saturday_has_its_own_hours() -> None:
    saturday = dt.date(2027, 3, 6)
    assert booking_problem(CALENDAR, at(saturday, 10), at(saturday, 18), several_days=False) is None
    assert booking_problem(CALENDAR, at(saturday, 17), at(saturday, 19), several_days=False)


def test_a_member_booking_stays_within_one_day() -> None:
    problem = booking_problem(
        CALENDAR, at(MONDAY, 10), at(MONDAY + dt.timedelta(days=1), 12), several_days=False
    )
    assert problem is not None
    assert problem.code == "several_days"


def test_an_event_spans_open_days() -> None:
    tuesday = MONDAY + dt.timedelta(days=1)
    assert booking_problem(CALENDAR, at(MONDAY, 10), at(tuesday, 17), several_days=True) is None
    # Monday to Thursday crosses Wednesday 3 March, a closed date.
    problem = booking_problem(
        CALENDAR, at(MONDAY, 10), at(MONDAY + dt.timedelta(days=3), 17), several_days=True
    )
    assert problem is not None
    assert (problem.code, problem.day) == ("closed", dt.date(2027, 3, 3))


def test_it_rejects_malformed_hours() -> None:
    with pytest.raises(HoursFormatError):
        SpaceCalendar.build(opening_hours=[["09:00", "08:00"]] * 7)
    with pytest.raises(HoursFormatError):
        SpaceCalendar.build(opening_hours=[["9"]] * 7)
