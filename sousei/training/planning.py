"""The study-plan engine: which module on which day, and when the course is done (学習計画).

A participant chooses a start date, minutes per study day (0.5–8 h in half hours), the
weekdays they study, and whether national holidays are days off; the region adds the days
its program is closed every year (e.g. 年末年始 12/29–1/3). From the course's ordered modules
this module lays the minutes out over the study days of the Japanese calendar.

Pure and fast by design (DESIGN.md §4 "pure engines"): no ORM, plain data in and frozen data
out, integer minutes everywhere so that 2.5 h is exactly 150 and never 149.99999. The study
days of a year are computed once per calendar choice and cached, which is what lets a
region's 10,000 enrolments be replanned in a couple of seconds (bench/study_plans.py).

Errors are PlanInputError (a ValueError) with a stable `code`, an English message template
marked for translation, and its parameters, so an interface can show it in Japanese.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import NamedTuple

from sousei.core.japanese_calendar import holidays_between

MINUTES_PER_HOUR = 60
DAILY_MINUTES_STEP = 30
MIN_DAILY_MINUTES = 30  # 0.5 h
MAX_DAILY_MINUTES = 480  # 8 h
DAILY_MINUTES_CHOICES = tuple(range(MIN_DAILY_MINUTES, MAX_DAILY_MINUTES + 1, DAILY_MINUTES_STEP))
WEEKDAYS_MON_FRI: frozenset[int] = frozenset(range(5))
# The daily-hours comparison an applicant sees before enrolling (issue 3): 2, 2.5, 3, 4, 8 h.
PREVIEW_DAILY_MINUTES = (120, 150, 180, 240, 480)
# A plan that needs more study days than the calendar offers in this many years is an input
# mistake (no weekday left open, every day closed), not a plan: refuse it instead of searching on.
SEARCH_YEARS = 5


def gettext_noop(message: str) -> str:
    """Mark an English message for translation without importing Django.

    `makemessages` extracts calls by this name, so the templates below land in the .po files;
    the interface translates `error.template` and fills in `error.params`."""
    return message


class PlanInputError(ValueError):
    """An input the engine cannot plan with, explained.

    `code` names the problem for programs, `template` is the English message with
    %(name)s placeholders (a msgid), `params` fill it; str(error) is the English sentence."""

    def __init__(self, code: str, template: str, **params: object) -> None:
        self.code = code
        self.template = template
        self.params = params
        super().__init__(template % params)


# --- inputs ----------------------------------------------------------------------------


def check_daily_minutes(minutes: int) -> int:
    """The daily study time, if it is 30–480 whole minutes in half-hour steps; else an error.

    Plans, previews and forms share this one rule."""
    valid = (
        isinstance(minutes, int)
        and not isinstance(minutes, bool)
        and MIN_DAILY_MINUTES <= minutes <= MAX_DAILY_MINUTES
        and minutes % DAILY_MINUTES_STEP == 0
    )
    if not valid:
        raise PlanInputError(
            "daily_minutes",
            gettext_noop(
                "Daily study time must be 0.5 to 8 hours in half-hour steps "
                "(30 to 480 minutes, a multiple of 30); got %(minutes)s minutes."
            ),
            minutes=minutes,
        )
    return minutes


def hours_to_minutes(hours: Decimal | int | float | str) -> int:
    """Hours as given by people and the API (2.5, "2.5") to exact whole minutes (150).

    Goes through Decimal so that binary floats never round a half hour away."""
    try:
        minutes = Decimal(str(hours)) * MINUTES_PER_HOUR
    except InvalidOperation:
        minutes = Decimal("NaN")
    if not minutes.is_finite() or minutes != minutes.to_integral_value():
        raise PlanInputError(
            "hours",
            gettext_noop("%(hours)s hours is not a whole number of minutes."),
            hours=hours,
        )
    return int(minutes)


def check_weekdays(weekdays: Iterable[int]) -> frozenset[int]:
    """The study weekdays (Monday=0 … Sunday=6) as a frozenset; at least one is required."""
    days = frozenset(weekdays)
    for day in days:
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise PlanInputError(
                "weekdays",
                gettext_noop(
                    "Study weekdays are numbered 0 (Monday) to 6 (Sunday); got %(weekday)s."
                ),
                weekday=day,
            )
    if not days:
        raise PlanInputError("weekdays", gettext_noop("Choose at least one study weekday."))
    return days


_PERIOD = re.compile(
    r"^\s*(\d{1,2})[-/](\d{1,2})\s*(?:(?:\.\.|[–~〜～])\s*(\d{1,2})[-/](\d{1,2})\s*)?$"
)


@dataclass(frozen=True, slots=True)
class ClosedPeriod:
    """Days the region's program is closed every year, by month and day, ends included.

    A period whose end comes before its start wraps the year end: 12-29..01-03 closes
    29 Dec to 3 Jan of the next year (年末年始)."""

    start_month: int
    start_day: int
    end_month: int
    end_day: int

    def __post_init__(self) -> None:
        _check_month_day(self.start_month, self.start_day)
        _check_month_day(self.end_month, self.end_day)

    @classmethod
    def parse(cls, text: str) -> ClosedPeriod:
        """ "12-29..01-03" (as regions store it); also 12/29〜1/3, and "08-15" for one day."""
        match = _PERIOD.match(text)
        if not match:
            raise PlanInputError(
                "closed_period",
                gettext_noop(
                    "A closed period reads MM-DD..MM-DD, e.g. 12-29..01-03; got “%(text)s”."
                ),
                text=text,
            )
        start_month, start_day, end_month, end_day = match.groups()
        return cls(
            int(start_month),
            int(start_day),
            int(end_month or start_month),
            int(end_day or start_day),
        )

    def __str__(self) -> str:
        return (
            f"{self.start_month:02d}-{self.start_day:02d}..{self.end_month:02d}-{self.end_day:02d}"
        )

    def contains(self, day: dt.date) -> bool:
        month_day = (day.month, day.day)
        start = (self.start_month, self.start_day)
        end = (self.end_month, self.end_day)
        if start <= end:
            return start <= month_day <= end
        return month_day >= start or month_day <= end


def _check_month_day(month: int, day: int) -> None:
    """Any day of a leap year is allowed: 02-29 simply never comes in other years."""
    try:
        dt.date(2000, month, day)
    except (TypeError, ValueError):
        raise PlanInputError(
            "closed_period",
            gettext_noop("%(month)s-%(day)s is not a day of the year."),
            month=month,
            day=day,
        ) from None


def parse_closed_periods(texts: Iterable[str]) -> tuple[ClosedPeriod, ...]:
    """A region's stored list (["12-29..01-03", "08-13..08-15"]) as ClosedPeriods."""
    return tuple(ClosedPeriod.parse(text) for text in texts)


@dataclass(frozen=True, slots=True)
class PlanModule:
    """One module of a course as the engine needs it: its id, title and length in minutes."""

    id: int
    title: str
    minutes: int


# --- the calendar ----------------------------------------------------------------------


class _Calendar(NamedTuple):
    """The participant's and region's choices, validated and hashable: the cache key."""

    weekdays: frozenset[int]
    skip_holidays: bool
    closed_periods: tuple[ClosedPeriod, ...]


def _calendar(
    weekdays: Iterable[int], skip_holidays: bool, closed_periods: Iterable[ClosedPeriod]
) -> _Calendar:
    return _Calendar(check_weekdays(weekdays), bool(skip_holidays), tuple(closed_periods))


@functools.cache
def national_holidays(year: int) -> frozenset[dt.date]:
    """The year's public holidays, 振替休日 and 国民の休日 included; computed once per year."""
    return frozenset(
        day for day, _name in holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    )


@functools.lru_cache(maxsize=4096)
def _study_dates_in_year(year: int, calendar: _Calendar) -> tuple[dt.date, ...]:
    """Every study date of one year, in order: the table all the fast paths read."""
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 12, 31).toordinal()
    holidays = national_holidays(year) if calendar.skip_holidays else frozenset()
    days = (dt.date.fromordinal(ordinal) for ordinal in range(first, last + 1))
    return tuple(
        day
        for day in days
        if day.weekday() in calendar.weekdays
        and day not in holidays
        and not any(period.contains(day) for period in calendar.closed_periods)
    )


def _years_searched(start: dt.date) -> range:
    return range(start.year, start.year + SEARCH_YEARS + 1)


def _dates_from(start: dt.date, calendar: _Calendar) -> Iterator[dt.date]:
    """Study dates from `start` on, up to the end of the search horizon."""
    for year in _years_searched(start):
        dates = _study_dates_in_year(year, calendar)
        yield from islice(dates, bisect_left(dates, start), None) if year == start.year else dates


def _too_few_study_days(start: dt.date) -> PlanInputError:
    return PlanInputError(
        "no_study_days",
        gettext_noop(
            "The plan does not finish within %(years)s years of %(start)s: there are too few "
            "study days. Choose more weekdays, more minutes a day or fewer closed days."
        ),
        years=SEARCH_YEARS,
        start=start.isoformat(),
    )


def is_study_day(
    day: dt.date,
    *,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> bool:
    """Whether the participant studies on `day`."""
    return (
        day.weekday() in check_weekdays(weekdays)
        and not (skip_holidays and day in national_holidays(day.year))
        and not any(period.contains(day) for period in closed_periods)
    )


def study_dates(
    start: dt.date,
    *,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> Iterator[dt.date]:
    """The study dates from `start` (included when it is one) in order.

    Finite: it stops at the end of the search horizon (the 5th year after the start's), so
    list() is safe. Inputs that leave no study day at all are refused at once."""
    calendar = _calendar(weekdays, skip_holidays, closed_periods)
    dates = _dates_from(start, calendar)
    first = next(dates, None)
    if first is None:
        raise _too_few_study_days(start)
    return _prepend(first, dates)


def _prepend(first: dt.date, rest: Iterator[dt.date]) -> Iterator[dt.date]:
    yield first
    yield from rest


def nth_study_date(
    start: dt.date,
    n: int,
    *,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> dt.date:
    """The n-th study date from `start` (n=1: the first), found by index, not by walking.

    This is how a completion date follows from a number of study days, e.g. a projection
    from the actual pace."""
    if n < 1:
        raise ValueError(f"n counts study days from 1; got {n}")
    return _nth(start, n, _calendar(weekdays, skip_holidays, closed_periods))


def _nth(start: dt.date, n: int, calendar: _Calendar) -> dt.date:
    for year in _years_searched(start):
        dates = _study_dates_in_year(year, calendar)
        first = bisect_left(dates, start) if year == start.year else 0
        if first + n <= len(dates):
            return dates[first + n - 1]
        n -= len(dates) - first
    raise _too_few_study_days(start)


def count_study_days(
    first: dt.date,
    last: dt.date,
    *,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> int:
    """How many study days fall from `first` to `last`, both included (0 when last < first).

    For "how far behind the plan" and "no study for 7 study days" (at-risk) questions."""
    calendar = _calendar(weekdays, skip_holidays, closed_periods)
    total = 0
    for year in range(first.year, last.year + 1):
        dates = _study_dates_in_year(year, calendar)
        total += bisect_right(dates, last) - bisect_left(dates, first)
    return max(total, 0)


# --- plans -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One study day: how many minutes, and of which modules (in course order).

    A day can finish one module and start the next; `parts` then has two entries whose
    minutes add up to the day's."""

    date: dt.date
    minutes: int
    parts: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class StudyPlan:
    """The dated plan: every study day in order, and when each module and the course end."""

    days: tuple[PlanDay, ...]
    daily_minutes: int
    total_minutes: int
    completion_date: dt.date
    study_days: int
    module_completion: Mapping[int, dt.date]

    @property
    def start_date(self) -> dt.date:
        """The first study day (the chosen start moves forward to it when it is a day off)."""
        return self.days[0].date

    def minutes_planned_through(self, day: dt.date) -> int:
        """Minutes the plan expects done by the end of `day`: progress is measured against it."""
        done = bisect_right(self.days, day, key=lambda plan_day: plan_day.date)
        return sum(plan_day.minutes for plan_day in self.days[:done])


def plan_study(
    modules: Sequence[PlanModule],
    *,
    start: dt.date,
    daily_minutes: int,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> StudyPlan:
    """Lay the modules' minutes, in order, over the study days from `start`.

    Every study day gets `daily_minutes` except the last, which gets what is left. Modules
    of 0 minutes have nothing to schedule and get no date."""
    check_daily_minutes(daily_minutes)
    calendar = _calendar(weekdays, skip_holidays, closed_periods)
    queue = _modules_to_schedule(modules)
    total = sum(minutes for _id, minutes in queue)
    if not total:
        raise PlanInputError("nothing_to_plan", gettext_noop("There are no minutes to plan."))
    days, module_completion = _lay_out(queue, total, daily_minutes, _dates_from(start, calendar))
    if not days or sum(day.minutes for day in days) < total:
        raise _too_few_study_days(start)
    return StudyPlan(
        days=tuple(days),
        daily_minutes=daily_minutes,
        total_minutes=total,
        completion_date=days[-1].date,
        study_days=len(days),
        module_completion=module_completion,
    )


def _modules_to_schedule(modules: Sequence[PlanModule]) -> list[tuple[int, int]]:
    """(id, minutes) of the modules that have minutes, after checking ids and minutes."""
    seen: set[int] = set()
    queue = []
    for module in modules:
        if module.id in seen:
            raise PlanInputError(
                "duplicate_module",
                gettext_noop("Module %(module)s appears twice in the course."),
                module=module.id,
            )
        seen.add(module.id)
        if isinstance(module.minutes, bool) or not isinstance(module.minutes, int):
            raise TypeError(f"module {module.id}: minutes must be an int, not {module.minutes!r}")
        if module.minutes < 0:
            raise PlanInputError(
                "module_minutes",
                gettext_noop("Module %(module)s cannot have %(minutes)s minutes."),
                module=module.id,
                minutes=module.minutes,
            )
        if module.minutes:
            queue.append((module.id, module.minutes))
    return queue


def _lay_out(
    queue: list[tuple[int, int]], total: int, daily: int, dates: Iterator[dt.date]
) -> tuple[list[PlanDay], dict[int, dt.date]]:
    """Fill each date with up to `daily` minutes, taking modules in order; the hot loop."""
    days: list[PlanDay] = []
    completion: dict[int, dt.date] = {}
    index = 0
    module_id, left = queue[0]
    remaining = total
    for day in dates:
        today = daily if daily < remaining else remaining
        budget = today
        parts = []
        while budget:
            take = left if left < budget else budget
            parts.append((module_id, take))
            budget -= take
            left -= take
            if not left:
                completion[module_id] = day
                index += 1
                if index < len(queue):
                    module_id, left = queue[index]
        days.append(PlanDay(day, today, tuple(parts)))
        remaining -= today
        if not remaining:
            break
    return days, completion


def replan(
    remaining: Sequence[PlanModule],
    *,
    from_date: dt.date,
    daily_minutes: int,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> StudyPlan:
    """A new plan for what is left: each module with its minutes still to do, from a date.

    The same layout as a first plan; finished modules (0 minutes left) get no new date.
    The history of earlier plans is the caller's to keep."""
    return plan_study(
        remaining,
        start=from_date,
        daily_minutes=daily_minutes,
        weekdays=weekdays,
        skip_holidays=skip_holidays,
        closed_periods=closed_periods,
    )


class PreviewRow(NamedTuple):
    """One line of the plan preview: study this much a day, finish then, after so many days."""

    daily_minutes: int
    completion_date: dt.date
    study_days: int


def completion_date_for(
    total_minutes: int,
    *,
    start: dt.date,
    daily_minutes: int,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> dt.date:
    """When a course of `total_minutes` ends; the same date as plan_study's, without the days."""
    calendar = _calendar(weekdays, skip_holidays, closed_periods)
    return _preview_row(total_minutes, start, daily_minutes, calendar).completion_date


def preview(
    total_minutes: int,
    *,
    start: dt.date,
    options: Iterable[int] = PREVIEW_DAILY_MINUTES,
    weekdays: Collection[int] = WEEKDAYS_MON_FRI,
    skip_holidays: bool = True,
    closed_periods: Sequence[ClosedPeriod] = (),
) -> list[PreviewRow]:
    """The comparison an applicant sees before enrolling: per daily time, the end date."""
    calendar = _calendar(weekdays, skip_holidays, closed_periods)
    return [_preview_row(total_minutes, start, daily, calendar) for daily in options]


def _preview_row(total: int, start: dt.date, daily: int, calendar: _Calendar) -> PreviewRow:
    check_daily_minutes(daily)
    if total <= 0:
        raise PlanInputError("nothing_to_plan", gettext_noop("There are no minutes to plan."))
    days = -(-total // daily)  # ceiling division, in integers
    return PreviewRow(daily, _nth(start, days, calendar), days)
