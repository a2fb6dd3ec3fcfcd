"""Pay calculation (給与計算) for one assignment and one month: a pure engine (no ORM).

Every worked minute is classified exactly once under the Labor Standards Act (労働基準法)
as issue 4 states it, and the month's minutes are grouped into statement lines that a
person can check by hand (kind, minutes, rate, multiplier, amount).

Rules and where they come from:

- 労働基準法 第32条: statutory working hours are 8 hours a day and 40 hours a week.
  Minutes beyond the 480th of a day are overtime (daily OT); then, in time order within the
  week, minutes beyond the 2,400th that are not already daily OT are overtime (weekly OT).
  The week starts on Sunday unless the region sets another day (就業規則で定めがなければ
  日曜日から土曜日までの暦週, 昭和63年1月1日基発第1号).
- 労働基準法 第35条: the statutory weekly day off (法定休日, default Sunday). Minutes on that
  calendar day are holiday work: they count neither toward the 8 hours nor the 40 hours and
  are never overtime (休日労働に時間外労働の概念はない).
- 労働基準法 第37条 and 労働基準法第三十七条第一項の時間外及び休日の割増賃金に係る率の
  最低限度を定める政令 (割増賃金令): overtime +25%; holiday work +35%; overtime beyond
  60 hours in the month +50% (第37条第1項ただし書, applies to every employer since
  2023-04-01); late night 22:00–05:00 (第37条第4項) adds +25% on top of any of these.
  The multipliers are therefore additive: late-night OT 1.50, late-night OT beyond 60 h 1.75,
  late-night holiday 1.60, late-night regular 1.25.
- 最低賃金法 第4条: the employer must pay at least the minimum wage in force. A day whose
  hourly rate is below the prefecture's minimum on any calendar day its work touches raises
  :class:`BelowMinimumWageError`, so the operator fixes the rate before the run completes.
- 36協定 (労働基準法 第36条第4項): the default limit of overtime is 45 hours a month; passing it
  is reported as a warning, not an error (the hours were worked and must be paid).

The computation works on runs of minutes with the same attributes rather than on single
minutes, so a month of a full-time assignment is a few hundred steps, not 40,000; the
result is the same as classifying minute by minute (the property test checks it against a
minute-by-minute reference).

Interpretations chosen where the issue is silent:

- A shift belongs to its work date (the record's ``date``, which must be the start's date)
  for the daily 8 hours, the week, the hourly rate and the month, also when it crosses
  midnight (継続勤務は始業時刻の属する日の労働, 昭和63年1月1日基発第1号). Whether a minute is
  holiday work, late night, and which minimum wage applies, follows the minute's own
  calendar day and clock (法定休日は暦日 0:00–24:00, 昭和23年11月9日基収第2968号).
- Monthly overtime (the 60 h and 45 h thresholds) counts the overtime minutes of the work
  days paid in this month, including weekly OT of a week that began in the previous month.
  Holiday work and late-night regular minutes are not overtime and do not count.
- Minutes are paid exactly: no rounding of time (the permitted rounding of monthly OT time
  to the hour is not used, which can only favour the worker).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Final
from zoneinfo import ZoneInfo

from sousei.core.japanese_calendar import month_start

TOKYO: Final = ZoneInfo("Asia/Tokyo")

DAILY_STATUTORY_MINUTES: Final = 8 * 60  # 労働基準法 第32条第2項
WEEKLY_STATUTORY_MINUTES: Final = 40 * 60  # 労働基準法 第32条第1項
MONTHLY_OT_HIGHER_PREMIUM_AFTER: Final = 60 * 60  # 労働基準法 第37条第1項ただし書
MONTHLY_OT_WARNING_AFTER: Final = 45 * 60  # 36協定の限度時間 (労働基準法 第36条第4項)
LATE_NIGHT_FROM: Final = dt.time(22, 0)  # 労働基準法 第37条第4項: 午後10時から午前5時まで
LATE_NIGHT_UNTIL: Final = dt.time(5, 0)

SUNDAY: Final = 6  # datetime.date.weekday() numbering: Monday 0 … Sunday 6

# Statement line kinds and their multipliers (1 + the premiums that apply, 割増賃金令).
REGULAR: Final = "regular"
LATE_NIGHT: Final = "late_night"
OVERTIME: Final = "overtime"
LATE_NIGHT_OVERTIME: Final = "late_night_overtime"
OVERTIME_OVER_60H: Final = "overtime_over_60h"
LATE_NIGHT_OVERTIME_OVER_60H: Final = "late_night_overtime_over_60h"
HOLIDAY: Final = "holiday"
LATE_NIGHT_HOLIDAY: Final = "late_night_holiday"

MULTIPLIERS: Final[dict[str, Decimal]] = {
    REGULAR: Decimal("1.00"),
    LATE_NIGHT: Decimal("1.25"),
    OVERTIME: Decimal("1.25"),
    LATE_NIGHT_OVERTIME: Decimal("1.50"),
    OVERTIME_OVER_60H: Decimal("1.50"),
    LATE_NIGHT_OVERTIME_OVER_60H: Decimal("1.75"),
    HOLIDAY: Decimal("1.35"),
    LATE_NIGHT_HOLIDAY: Decimal("1.60"),
}
KIND_ORDER: Final[tuple[str, ...]] = tuple(MULTIPLIERS)
OVERTIME_KINDS: Final = frozenset(
    {OVERTIME, LATE_NIGHT_OVERTIME, OVERTIME_OVER_60H, LATE_NIGHT_OVERTIME_OVER_60H}
)

# A rate in force per date: a function, or (effective_from, yen) pairs sorted by date.
RateSchedule = Callable[[dt.date], int] | Sequence[tuple[dt.date, int]]


class PayInputError(ValueError):
    """The time records cannot be paid as given (overlaps, breaks outside the day, …)."""


@dataclass(frozen=True, slots=True)
class MinimumWageViolation:
    date: dt.date  # the calendar day whose minimum wage the rate is below
    rate_jpy: int
    minimum_jpy: int
    source: int = 0  # the record's source (the assignment) in pay_compute_person

    def __str__(self) -> str:
        return (
            f"{self.date.isoformat()}: hourly rate ¥{self.rate_jpy:,} is below the minimum wage "
            f"¥{self.minimum_jpy:,} in force on that day (時給 ¥{self.rate_jpy:,} が最低賃金 "
            f"¥{self.minimum_jpy:,} を下回っています)"
        )


class BelowMinimumWageError(PayInputError):
    """At least one worked day is paid below the minimum wage (最低賃金法 第4条).

    All offending days are collected so the operator can fix them in one pass.
    """

    def __init__(self, violations: Sequence[MinimumWageViolation]) -> None:
        self.violations = tuple(violations)
        super().__init__("; ".join(str(v) for v in self.violations))


@dataclass(frozen=True, slots=True)
class WorkDay:
    """One time record: the work date, start and end (end may be on the next day), breaks.

    Naive datetimes are local time in Asia/Tokyo; aware ones are converted to it.
    Times must be whole minutes.
    """

    date: dt.date
    start: dt.datetime
    end: dt.datetime
    breaks: tuple[tuple[dt.datetime, dt.datetime], ...] = ()


@dataclass(frozen=True, slots=True)
class PaySegment:
    """A run of consecutive worked minutes with one classification: the explanation of
    where each minute went. ``paid`` is False for context days of the previous month."""

    start: dt.datetime
    end: dt.datetime
    work_date: dt.date
    kind: str
    rate_jpy: int
    paid: bool

    @property
    def minutes(self) -> int:
        return int((self.end - self.start) // dt.timedelta(minutes=1))

    @property
    def multiplier(self) -> Decimal:
        return MULTIPLIERS[self.kind]


@dataclass(frozen=True, slots=True)
class PayLine:
    kind: str
    minutes: int
    rate_jpy: int
    multiplier: Decimal
    amount_jpy: int


@dataclass(frozen=True, slots=True)
class PayStatement:
    month: dt.date  # first day of the month
    lines: tuple[PayLine, ...]
    gross_jpy: int
    worked_minutes: int
    overtime_minutes: int  # this statement's overtime minutes (daily and weekly)
    holiday_minutes: int
    late_night_minutes: int
    warnings: tuple[str, ...]
    segments: tuple[PaySegment, ...] = field(repr=False)  # paid segments, in time order


def line_amount_jpy(*, minutes: int, rate_jpy: int, multiplier: Decimal) -> int:
    """minutes × rate × multiplier / 60 computed exactly, rounded half up to whole yen.

    Rounding happens once per statement line, on the line's total: 昭和63年3月14日基発第150号
    allows rounding a month's premium total for each kind to the yen, 50銭未満切り捨て・
    50銭以上切り上げ, as not disadvantaging the worker (不利益にならない丸め). Rounding
    per minute or per day instead would compound the error, so it is never done.
    """
    exact = Fraction(minutes * rate_jpy) * Fraction(multiplier) / 60
    return math.floor(exact + Fraction(1, 2))


def _rate_lookup(schedule: RateSchedule, what: str) -> Callable[[dt.date], int]:
    if callable(schedule):
        return schedule
    pairs = list(schedule)
    dates = [d for d, _ in pairs]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise PayInputError(f"the {what} schedule must be sorted by distinct effective dates")

    def lookup(day: dt.date) -> int:
        i = bisect.bisect_right(dates, day) - 1
        if i < 0:
            raise PayInputError(f"no {what} is in force on {day.isoformat()}")
        return pairs[i][1]

    return lookup


_MINUTE: Final = dt.timedelta(minutes=1)


def _local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(TOKYO).replace(tzinfo=None)
    if moment.second or moment.microsecond:
        raise PayInputError(f"{moment.isoformat()} is not a whole minute")
    return moment


def _worked_intervals(day: WorkDay) -> list[tuple[dt.datetime, dt.datetime]]:
    """The day's span minus its breaks (overlapping breaks are merged, not subtracted twice)."""
    start, end = _local(day.start), _local(day.end)
    if start.date() != day.date:
        raise PayInputError(f"{day.date.isoformat()}: the start must be on the work date")
    if end <= start:
        raise PayInputError(f"{day.date.isoformat()}: the end must be after the start")
    breaks = sorted((_local(b0), _local(b1)) for b0, b1 in day.breaks)
    intervals: list[tuple[dt.datetime, dt.datetime]] = []
    cursor = start
    for b0, b1 in breaks:
        if b1 <= b0 or b0 < start or b1 > end:
            raise PayInputError(f"{day.date.isoformat()}: each break must lie inside the day")
        if b0 > cursor:
            intervals.append((cursor, b0))
        cursor = max(cursor, b1)
    if end > cursor:
        intervals.append((cursor, end))
    return intervals


def _uniform_pieces(
    start: dt.datetime, end: dt.datetime
) -> Iterable[tuple[dt.datetime, dt.datetime]]:
    """Cut [start, end) at every midnight, 05:00 and 22:00, so inside a piece the calendar
    day (holiday or not) and late night or not are the same for every minute."""
    day = start.date()
    if (end - _MINUTE).date() == day:  # the usual case: one calendar day
        early = dt.datetime.combine(day, LATE_NIGHT_UNTIL)
        late = dt.datetime.combine(day, LATE_NIGHT_FROM)
        points = [start]
        if start < early < end:
            points.append(early)
        if start < late < end:
            points.append(late)
        points.append(end)
        return itertools.pairwise(points)
    cuts: list[dt.datetime] = []
    while dt.datetime.combine(day, dt.time()) < end:
        for clock in (dt.time(), LATE_NIGHT_UNTIL, LATE_NIGHT_FROM):
            cut = dt.datetime.combine(day, clock)
            if start < cut < end:
                cuts.append(cut)
        day += dt.timedelta(days=1)
    points = [start, *sorted(cuts), end]
    return itertools.pairwise(points)


def _is_late_night(moment: dt.datetime) -> bool:
    clock = moment.time()
    return clock >= LATE_NIGHT_FROM or clock < LATE_NIGHT_UNTIL


@dataclass
class _Counters:
    daily: dict[dt.date, int] = field(default_factory=dict)  # non-holiday minutes per date
    weekly: dict[dt.date, int] = field(default_factory=dict)  # within-8h minutes per week
    monthly_ot: int = 0


def pay_compute(
    *,
    days: Sequence[WorkDay],
    rate: RateSchedule,
    minimum_wage: RateSchedule,
    month: dt.date | str,
    week_start: int = SUNDAY,
    weekly_day_off: int = SUNDAY,
    prior_days: Sequence[WorkDay] = (),
    explain: bool = True,
) -> PayStatement:
    """Gross pay of one assignment for one month, as statement lines.

    ``days`` are the month's work days (their work dates must fall in ``month``, a date in
    the month or "YYYY-MM"). ``prior_days`` are earlier work days of a week that straddles
    the month start: their minutes count toward that week's 40 hours (労働基準法 第32条) but
    are not paid here, because the previous month's statement paid them. ``week_start`` and
    ``weekly_day_off`` use ``date.weekday()`` numbers (Monday 0 … Sunday 6).

    Raises :class:`BelowMinimumWageError` when a paid day's rate is below the minimum wage
    in force (最低賃金法 第4条) and :class:`PayInputError` for records that cannot be paid
    (overlapping records, breaks outside the day, parts of minutes).

    With ``explain=False`` the statement's ``segments`` are left empty and the minutes are
    added up as they are classified (the lines are the same; a pay run over millions of
    records does not need the minute-level explanation of each).
    """
    return pay_compute_person(
        days=[(0, day) for day in days],
        rates={0: rate},
        minimum_wage=minimum_wage,
        month=month,
        week_start=week_start,
        weekly_day_off=weekly_day_off,
        prior_days=[(0, day) for day in prior_days],
        explain=explain,
    )[0]


def pay_compute_person(
    *,
    days: Sequence[tuple[int, WorkDay]],
    rates: Mapping[int, RateSchedule],
    minimum_wage: RateSchedule,
    month: dt.date | str,
    week_start: int = SUNDAY,
    weekly_day_off: int = SUNDAY,
    prior_days: Sequence[tuple[int, WorkDay]] = (),
    explain: bool = True,
) -> dict[int, PayStatement]:
    """One person's month over all their assignments with the same employer, one statement
    per source (the assignment id each record is paired with; ``rates`` has each source's
    hourly rate schedule).

    The 8 hours of a day, the 40 of a week and the 60 of a month count the person's minutes on
    every assignment together (労働基準法 第32条: the hours are the worker's, not the
    project's; 第38条第1項 adds up even different workplaces). Minutes are classified in time
    order across the records, so the minutes past the 8th hour of a day are overtime on
    whichever assignment they were worked, each at that assignment's rate. Every source in
    ``rates`` gets a statement, empty when it has no paid day. Arguments and errors are those
    of :func:`pay_compute`; a :class:`MinimumWageViolation` names its source.
    """
    first = month_start(month)
    next_first = (first + dt.timedelta(days=32)).replace(day=1)
    rate_lookups = {
        source: _rate_lookup(schedule, "hourly rate") for source, schedule in rates.items()
    }
    minimum_on = _rate_lookup(minimum_wage, "minimum wage")
    for source, day in [*days, *prior_days]:
        if source not in rate_lookups:
            raise PayInputError(f"{day.date.isoformat()}: no hourly rate for source {source}")
    for _source, day in days:
        if not first <= day.date < next_first:
            raise PayInputError(f"{day.date.isoformat()} is not in {first:%Y-%m}")
    for _source, day in prior_days:
        if day.date >= first:
            raise PayInputError(f"prior day {day.date.isoformat()} is not before {first:%Y-%m}")

    records = sorted(
        [(source, d, False, _local(d.start)) for source, d in prior_days]
        + [(source, d, True, _local(d.start)) for source, d in days],
        key=lambda item: item[3],
    )
    planned = [(source, day, paid, _worked_intervals(day)) for source, day, paid, _start in records]
    for (_s1, earlier, _p1, _i1), (_s2, later, _p2, _i2) in itertools.pairwise(planned):
        if _local(later.start) < _local(earlier.end):
            raise PayInputError(
                f"{later.date.isoformat()}: the record overlaps the one of "
                f"{earlier.date.isoformat()}"
            )

    # 最低賃金法 第4条: check every calendar day a paid record's work touches.
    rate_cache: dict[tuple[int, dt.date], int] = {}
    minimum_cache: dict[dt.date, int] = {}

    def rate_of(source: int, day: dt.date) -> int:
        found = rate_cache.get((source, day))
        if found is None:
            found = rate_cache[(source, day)] = rate_lookups[source](day)
        return found

    violations: dict[tuple[int, dt.date], MinimumWageViolation] = {}
    for source, day, paid, intervals in planned:
        if not paid:
            continue
        day_rate = rate_of(source, day.date)
        for s, e in intervals:
            for calendar_day in _dates_touched(s, e):
                minimum = minimum_cache.get(calendar_day)
                if minimum is None:
                    minimum = minimum_cache[calendar_day] = minimum_on(calendar_day)
                if day_rate < minimum and (source, calendar_day) not in violations:
                    violations[(source, calendar_day)] = MinimumWageViolation(
                        calendar_day, day_rate, minimum, source
                    )
    if violations:
        raise BelowMinimumWageError([violations[k] for k in sorted(violations)])

    counters = _Counters()
    segments: dict[int, list[PaySegment]] = {source: [] for source in rates}
    totals: dict[int, dict[tuple[str, int], int]] = {source: {} for source in rates}
    first_seen: dict[int, dict[tuple[str, int], dt.datetime]] = {source: {} for source in rates}
    for source, day, paid, intervals in planned:
        day_rate = rate_of(source, day.date) if paid else 0
        week = day.date - dt.timedelta(days=(day.date.weekday() - week_start) % 7)
        source_totals, source_seen = totals[source], first_seen[source]
        for s, e in intervals:
            for piece_start, piece_end in _uniform_pieces(s, e):
                if not explain:
                    for minutes, kind in _classify_counts(
                        piece_start,
                        int((piece_end - piece_start) // _MINUTE),
                        day.date,
                        week,
                        weekly_day_off,
                        counters,
                        paid,
                    ):
                        if paid and minutes:
                            key = (kind, day_rate)
                            if key in source_totals:
                                source_totals[key] += minutes
                            else:
                                source_totals[key] = minutes
                                source_seen[key] = piece_start
                    continue
                for seg_start, seg_end, kind in _classify_piece(
                    piece_start, piece_end, day.date, week, weekly_day_off, counters, paid
                ):
                    if paid:
                        segments[source].append(
                            PaySegment(seg_start, seg_end, day.date, kind, day_rate, paid)
                        )
    if not explain:
        return {
            source: _statement_from_totals(
                first, totals[source], first_seen[source], counters.monthly_ot, ()
            )
            for source in rates
        }
    return {source: _statement(first, segments[source], counters.monthly_ot) for source in rates}


def _dates_touched(start: dt.datetime, end: dt.datetime) -> Iterable[dt.date]:
    last = (end - _MINUTE).date()
    day = start.date()
    if day == last:
        return (day,)
    return _dates_between(day, last)


def _dates_between(day: dt.date, last: dt.date) -> Iterable[dt.date]:
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _classify_piece(
    start: dt.datetime,
    end: dt.datetime,
    work_date: dt.date,
    week: dt.date,
    weekly_day_off: int,
    counters: _Counters,
    paid: bool,
) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """Split a piece of uniform calendar day and clock into its classified runs, in time
    order, advancing the counters exactly as a minute-by-minute walk would."""
    result: list[tuple[dt.datetime, dt.datetime, str]] = []
    cursor = start
    for count, kind in _classify_counts(
        start, int((end - start) // _MINUTE), work_date, week, weekly_day_off, counters, paid
    ):
        run_end = cursor + count * _MINUTE
        result.append((cursor, run_end, kind))
        cursor = run_end
    return result


def _classify_counts(
    start: dt.datetime,
    minutes: int,
    work_date: dt.date,
    week: dt.date,
    weekly_day_off: int,
    counters: _Counters,
    paid: bool,
) -> list[tuple[int, str]]:
    """The piece's runs as (minutes, kind) in time order: [regular][weekly OT][daily OT],
    the OT tail split once at the month's 60 hours."""
    late = _is_late_night(start)
    if start.weekday() == weekly_day_off:  # 第35条: 法定休日の労働, outside the 8 h / 40 h
        return [(minutes, LATE_NIGHT_HOLIDAY if late else HOLIDAY)]
    daily, weekly = counters.daily, counters.weekly
    done_today = daily.get(work_date, 0)
    daily[work_date] = done_today + minutes
    within_day = min(minutes, max(0, DAILY_STATUTORY_MINUTES - done_today))
    done_week = weekly.get(week, 0)
    weekly[week] = done_week + within_day
    regular = min(within_day, max(0, WEEKLY_STATUTORY_MINUTES - done_week))
    overtime = minutes - regular
    if not overtime:
        return [(regular, LATE_NIGHT if late else REGULAR)]
    if paid:
        at_25 = min(overtime, max(0, MONTHLY_OT_HIGHER_PREMIUM_AFTER - counters.monthly_ot))
        counters.monthly_ot += overtime
    else:
        at_25 = overtime  # context days are not this month's overtime
    runs: list[tuple[int, str]] = []
    if regular:
        runs.append((regular, LATE_NIGHT if late else REGULAR))
    if at_25:
        runs.append((at_25, LATE_NIGHT_OVERTIME if late else OVERTIME))
    if overtime - at_25:
        runs.append((overtime - at_25, LATE_NIGHT_OVERTIME_OVER_60H if late else OVERTIME_OVER_60H))
    return runs


def _statement(first: dt.date, segments: list[PaySegment], monthly_ot: int) -> PayStatement:
    grouped: dict[tuple[str, int], int] = {}
    first_seen: dict[tuple[str, int], dt.datetime] = {}
    for seg in segments:
        key = (seg.kind, seg.rate_jpy)
        grouped[key] = grouped.get(key, 0) + seg.minutes
        first_seen.setdefault(key, seg.start)
    return _statement_from_totals(first, grouped, first_seen, monthly_ot, tuple(segments))


def _statement_from_totals(
    first: dt.date,
    grouped: dict[tuple[str, int], int],
    first_seen: dict[tuple[str, int], dt.datetime],
    monthly_ot: int,
    segments: tuple[PaySegment, ...],
) -> PayStatement:
    keys = sorted(grouped, key=lambda k: (KIND_ORDER.index(k[0]), first_seen[k]))
    lines = tuple(
        PayLine(
            kind=kind,
            minutes=grouped[(kind, rate_jpy)],
            rate_jpy=rate_jpy,
            multiplier=MULTIPLIERS[kind],
            amount_jpy=line_amount_jpy(
                minutes=grouped[(kind, rate_jpy)], rate_jpy=rate_jpy, multiplier=MULTIPLIERS[kind]
            ),
        )
        for kind, rate_jpy in keys
    )
    warnings: list[str] = []
    if monthly_ot > MONTHLY_OT_WARNING_AFTER:
        warnings.append(
            f"{first:%Y-%m}: overtime {monthly_ot // 60} h {monthly_ot % 60:02d} min passes "
            f"45 h, the 36 agreement's default monthly limit (時間外労働が月45時間の限度時間を"
            f"超えています)"
        )
    return PayStatement(
        month=first,
        lines=lines,
        gross_jpy=sum(line.amount_jpy for line in lines),
        worked_minutes=sum(line.minutes for line in lines),
        overtime_minutes=sum(line.minutes for line in lines if line.kind in OVERTIME_KINDS),
        holiday_minutes=sum(
            line.minutes for line in lines if line.kind in (HOLIDAY, LATE_NIGHT_HOLIDAY)
        ),
        late_night_minutes=sum(line.minutes for line in lines if line.kind.startswith("late")),
        warnings=tuple(warnings),
        segments=segments,
    )
