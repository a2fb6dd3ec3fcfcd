"""When a space is open: weekly opening hours, closed dates, yearly closed periods and
national holidays. A pure module (no ORM), tested with plain data.

A member booking fits in one day's opening hours. An event booking may span several days
(a three-day workation internship holds the event hall from the first morning to the last
afternoon): it starts within its first day's hours, ends within its last day's hours, and
every day it touches must be an open day. The nights in between hold the hall, which is
what an event wants; nobody else can book a closed space at night anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sousei.core.japanese_calendar import holiday_name

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class HoursFormatError(ValueError):
    """Opening hours or closed days written in a form this module cannot read."""


@dataclass(frozen=True)
class Hours:
    opens: dt.time
    closes: dt.time


def _time(text: str) -> dt.time:
    try:
        hour, minute = (int(part) for part in str(text).split(":"))
        return dt.time(hour, minute)
    except (TypeError, ValueError):
        raise HoursFormatError(f"not a time of day (HH:MM): {text!r}") from None


def parse_opening_hours(raw: Sequence[Sequence[str] | None]) -> tuple[Hours | None, ...]:
    """Seven entries, Monday first: [opens, closes] as "HH:MM", or None for closed."""
    if len(raw) != 7:
        raise HoursFormatError("opening hours need seven entries, Monday to Sunday")
    parsed: list[Hours | None] = []
    for entry in raw:
        if not entry:
            parsed.append(None)
            continue
        if len(entry) != 2:
            raise HoursFormatError(f"an entry needs [opens, closes]: {entry!r}")
        hours = Hours(_time(entry[0]), _time(entry[1]))
        if hours.closes <= hours.opens:
            raise HoursFormatError(f"closes before it opens: {entry!r}")
        parsed.append(hours)
    return tuple(parsed)


@dataclass(frozen=True)
class ClosedPeriod:
    """A span of month-days closed every year; it may wrap over the new year (12-29..01-03)."""

    start: tuple[int, int]
    end: tuple[int, int]

    def contains(self, day: dt.date) -> bool:
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end


def _month_day(text: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in text.strip().split("-"))
        dt.date(2024, month, day)  # a leap year, so 02-29 is allowed
    except (TypeError, ValueError):
        raise HoursFormatError(f"not a month-day (MM-DD): {text!r}") from None
    return month, day


def parse_closed_periods(texts: Iterable[str]) -> tuple[ClosedPeriod, ...]:
    periods = []
    for text in texts:
        start, _sep, end = str(text).partition("..")
        periods.append(ClosedPeriod(_month_day(start), _month_day(end or start)))
    return tuple(periods)


def parse_closed_dates(texts: Iterable[str]) -> frozenset[dt.date]:
    try:
        return frozenset(dt.date.fromisoformat(str(text)) for text in texts)
    except ValueError as error:
        raise HoursFormatError(str(error)) from None


@dataclass(frozen=True)
class SpaceCalendar:
    """Everything needed to say whether a space is open at a time."""

    hours: tuple[Hours | None, ...]
    closed_dates: frozenset[dt.date] = frozenset()
    closed_periods: tuple[ClosedPeriod, ...] = ()
    closed_on_holidays: bool = False

    @classmethod
    def build(
        cls,
        *,
        opening_hours: Sequence[Sequence[str] | None],
        closed_dates: Iterable[str] = (),
        closed_periods: Iterable[str] = (),
        closed_on_holidays: bool = False,
    ) -> SpaceCalendar:
        return cls(
            hours=parse_opening_hours(opening_hours),
            closed_dates=parse_closed_dates(closed_dates),
            closed_periods=parse_closed_periods(closed_periods),
            closed_on_holidays=closed_on_holidays,
        )

    def closed_reason(self, day: dt.date) -> str | None:
        """Why the space is closed on `day` (weekday|date|period|holiday), None when open."""
        if self.hours[day.weekday()] is None:
            return "weekday"
        if day in self.closed_dates:
            return "date"
        if any(period.contains(day) for period in self.closed_periods):
            return "period"
        if self.closed_on_holidays and holiday_name(day):
            return "holiday"
        return None

    def hours_on(self, day: dt.date) -> Hours | None:
        """The day's opening hours, None when the space is closed that day."""
        return None if self.closed_reason(day) else self.hours[day.weekday()]


@dataclass(frozen=True)
class Problem:
    """Why a time range cannot be booked: code names the rule, day the day it concerns."""

    code: str  # closed | outside_hours | several_days
    day: dt.date
    reason: str = ""
    hours: Hours | None = None


def booking_problem(
    calendar: SpaceCalendar, starts: dt.datetime, ends: dt.datetime, *, several_days: bool
) -> Problem | None:
    """What is wrong with booking from `starts` to `ends` (local, naive or aware, in the
    space's time zone), or None. Assumes `ends` is after `starts`."""
    first, last = starts.date(), ends.date()
    if first != last and not several_days:
        return Problem("several_days", first, hours=calendar.hours_on(first))
    day = first
    while day <= last:
        reason = calendar.closed_reason(day)
        if reason:
            return Problem("closed", day, reason=reason)
        day += dt.timedelta(days=1)
    opening = calendar.hours_on(first)
    closing = calendar.hours_on(last)
    assert opening is not None
    assert closing is not None
    if starts.time() < opening.opens or starts.time() >= opening.closes:
        return Problem("outside_hours", first, hours=opening)
    if ends.time() > closing.closes or ends.time() <= closing.opens:
        return Problem("outside_hours", last, hours=closing)
    return None
