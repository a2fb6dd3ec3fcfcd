"""The impact indicators: pure functions over plain outcome values (no ORM, no Django).

Each function takes `Outcome` values (one per person, as `OutcomeRecord` keeps them) and a
period, and returns counts with the number of people behind each figure, so the suppression
engine (`suppression.py`) can hide small groups. The definitions, with their sources, are in
docs/impact.md; each docstring names the one it implements.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PROGRAM = "program"
HIRE = "hire"
# The MHLW employment rate of 求職者支援訓練 leaves out people aged 65 or over.
MHLW_AGE_LIMIT = 65
MHLW_MONTHS = 3
# Outcome kinds that are work (an independent's business included).
WORK_KINDS = frozenset(
    {"continue_projects", "fulltime_conversion", "independent", "employed_elsewhere"}
)


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One person's outcome values: what `OutcomeRecord` holds, as plain data.

    `employment` lists the spells of paid work (start, end or None while it lasts);
    `earnings` the gross pay per month from pay statements, as (first day of month, yen);
    `skill_gains` the dates of proof of a measurable skill gain."""

    track: str = PROGRAM
    applied_on: dt.date | None = None
    decided_on: dt.date | None = None
    accepted: bool = False
    enrolled_on: dt.date | None = None
    completed_on: dt.date | None = None
    left_early_on: dt.date | None = None
    left_early_for_job: bool = False
    first_paid_on: dt.date | None = None
    last_paid_on: dt.date | None = None
    outcome_kind: str = ""
    outcome_on: dt.date | None = None
    employed_on: dt.date | None = None
    insured_employed_on: dt.date | None = None
    age_at_completion: int | None = None
    baseline_monthly_income_jpy: int | None = None
    earnings: tuple[tuple[dt.date, int], ...] = ()
    earnings_after_monthly_jpy: int | None = None
    employment: tuple[tuple[dt.date, dt.date | None], ...] = ()
    credential_on: dt.date | None = None
    skill_gains: tuple[dt.date, ...] = ()
    lives_in_region: bool | None = None
    asked_6m_on: dt.date | None = None
    staying_6m: bool | None = None
    asked_12m_on: dt.date | None = None
    staying_12m: bool | None = None
    hired_on: dt.date | None = None
    days_to_hire: int | None = None
    from_event: bool = False

    @property
    def exit_on(self) -> dt.date | None:
        """The last day of training: completion, or the day they left early."""
        return self.completed_on or self.left_early_on


@dataclass(frozen=True)
class Period:
    """A closed range of days [start, end]."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


# --- calendar helpers -------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def fiscal_year_of(day: dt.date) -> int:
    """The Japanese fiscal year (年度) a day falls in: April to March, named by its April."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_period(year: int) -> Period:
    return Period(dt.date(year, 4, 1), dt.date(year + 1, 3, 31))


def quarter_after(day: dt.date, n: int) -> Period:
    """The n-th calendar quarter after the quarter containing `day` (WIOA's "second quarter
    after the exit quarter")."""
    index = day.year * 4 + (day.month - 1) // 3 + n
    year, quarter = divmod(index, 4)
    start = dt.date(year, quarter * 3 + 1, 1)
    return Period(start, add_months(start, 3) - dt.timedelta(days=1))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def median(values: Sequence[int]) -> int | None:
    """The median rounded to the yen/day (half to even), None for no values."""
    return round(statistics.median(values)) if values else None


def rate(numerator: int, denominator: int) -> float | None:
    """A share in per cent with one decimal, None when nobody is in the denominator."""
    return round(100 * numerator / denominator, 1) if denominator else None


@dataclass(frozen=True)
class Share:
    """numerator of denominator, and their rate in per cent."""

    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        return rate(self.numerator, self.denominator)


@dataclass(frozen=True)
class Median:
    """A median of `n` people's values (None when n is 0)."""

    value: int | None
    n: int


def _median_of(values: Iterable[int]) -> Median:
    listed = list(values)
    return Median(median(listed), len(listed))


def _program(records: Iterable[Outcome]) -> list[Outcome]:
    return [r for r in records if r.track == PROGRAM]


# --- funnel -------------------------------------------------------------------------------

STAGES = ("applied", "accepted", "enrolled", "completed", "placed", "outcome")


@dataclass(frozen=True)
class Funnel:
    applied: int = 0
    accepted: int = 0
    enrolled: int = 0
    completed: int = 0
    placed: int = 0
    outcome: int = 0

    def as_dict(self) -> dict[str, int]:
        return {stage: getattr(self, stage) for stage in STAGES}


def _stage_dates(r: Outcome) -> dict[str, dt.date | None]:
    return {
        "applied": r.applied_on,
        "accepted": r.decided_on if r.accepted else None,
        "enrolled": r.enrolled_on,
        "completed": r.completed_on,
        "placed": r.first_paid_on,
        "outcome": r.outcome_on,
    }


def funnel(records: Iterable[Outcome], period: Period, *, cohort: bool = False) -> Funnel:
    """applied → accepted → enrolled → completed → placed on paid work → outcome recorded.

    By period (cohort=False): each stage counts the people who reached it within the period.
    By cohort (cohort=True): the people who applied within the period, counted by every stage
    they have reached so far, whenever they reached it."""
    counts = dict.fromkeys(STAGES, 0)
    for r in _program(records):
        dates = _stage_dates(r)
        if cohort and r.applied_on not in period:
            continue
        for stage, day in dates.items():
            if day is not None and (cohort or day in period):
                counts[stage] += 1
    return Funnel(**counts)


def cohort_key(day: dt.date, by: str) -> str:
    """The cohort a day of application belongs to: "2026-04" by month, "FY2026" by fiscal year."""
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "fiscal_year":
        return f"FY{fiscal_year_of(day)}"
    raise ValueError(f"cohorts are by 'month' or 'fiscal_year', not {by!r}")


def funnel_by_cohort(records: Iterable[Outcome], *, by: str = "fiscal_year") -> dict[str, Funnel]:
    """The funnel of each cohort of application (month or fiscal year), oldest first."""
    grouped: dict[str, list[Outcome]] = {}
    for r in _program(records):
        if r.applied_on is not None:
            grouped.setdefault(cohort_key(r.applied_on, by), []).append(r)
    everything = Period(dt.date.min, dt.date.max)
    return {key: funnel(grouped[key], everything) for key in sorted(grouped)}


def months_of(period: Period) -> list[Period]:
    """The calendar months of a period, each cut to the period."""
    months = []
    start = month_start(period.start)
    while start <= period.end:
        end = add_months(start, 1) - dt.timedelta(days=1)
        months.append(Period(max(start, period.start), min(end, period.end)))
        start = add_months(start, 1)
    return months


@dataclass(frozen=True)
class Month:
    """One month of the trend: the funnel's steps taken in it, and the wages paid for it to
    participants living in the region (with how many were paid)."""

    funnel: Funnel
    wages_paid: int
    wage_earners: int


def monthly_trend(records: Sequence[Outcome], period: Period) -> dict[str, Month]:
    """The month-by-month trend of a period ("2026-04": …), oldest first: per month, what
    `funnel` and `income` give for that month, in one pass over the records (a page shows
    twelve months of a thousand people)."""
    keys = {(m.start.year, m.start.month): f"{m.start:%Y-%m}" for m in months_of(period)}
    steps = {key: dict.fromkeys(STAGES, 0) for key in keys}
    wages = dict.fromkeys(keys, 0)
    earners = dict.fromkeys(keys, 0)
    for r in _program(records):
        for stage, day in _stage_dates(r).items():
            if day is not None and day in period:
                steps[(day.year, day.month)][stage] += 1
        if r.lives_in_region is False:
            continue
        paid: dict[tuple[int, int], int] = {}
        for month, yen in r.earnings:
            if month in period:
                paid[(month.year, month.month)] = paid.get((month.year, month.month), 0) + yen
        for key, yen in paid.items():
            if yen:
                wages[key] += yen
                earners[key] += 1
    return {
        name: Month(Funnel(**steps[key]), wages[key], earners[key]) for key, name in keys.items()
    }


# --- MHLW employment rate (求職者支援訓練の就職率) ------------------------------------------


def employment_rate_mhlw(records: Iterable[Outcome], period: Period, *, as_of: dt.date) -> Share:
    """就職率 as MHLW defines it for 求職者支援訓練 (docs/impact.md, "就職率").

    Denominator: people whose training ended in the period — completers, plus those who left
    early to take a job — and whose 3 months after the end have passed by `as_of`; people aged
    65 or over at the end are left out. Numerator: those among them in a job covered by
    employment insurance by 3 months after the end (a job taken before the end counts)."""
    employed = denominator = 0
    for r in _program(records):
        end = r.completed_on or (r.left_early_on if r.left_early_for_job else None)
        if end is None or end not in period or add_months(end, MHLW_MONTHS) > as_of:
            continue
        if r.age_at_completion is not None and r.age_at_completion >= MHLW_AGE_LIMIT:
            continue
        denominator += 1
        if r.insured_employed_on is not None and r.insured_employed_on <= add_months(
            end, MHLW_MONTHS
        ):
            employed += 1
    return Share(employed, denominator)


# --- WIOA-style figures --------------------------------------------------------------------


def employed_during(r: Outcome, span: Period) -> bool:
    """Whether any spell of paid work overlaps the span."""
    return any(
        start <= span.end and (end is None or end >= span.start) for start, end in r.employment
    )


def earnings_in(r: Outcome, span: Period) -> int:
    """Earnings in a span of whole months: pay statements of those months, and for months
    after the outcome without a statement the monthly earnings after the outcome."""
    paid = {month: yen for month, yen in r.earnings}
    total = 0
    month = month_start(span.start)
    while month <= span.end:
        if month in paid:
            total += paid[month]
        elif (
            r.outcome_on is not None
            and r.earnings_after_monthly_jpy is not None
            and r.outcome_kind in WORK_KINDS
            and month_start(r.outcome_on) <= month
        ):
            total += r.earnings_after_monthly_jpy
        month = add_months(month, 1)
    return total


@dataclass(frozen=True)
class Wioa:
    employment_q2: Share
    employment_q4: Share
    median_earnings_q2: Median
    credential: Share
    skill_gains: Share


def wioa(records: Iterable[Outcome], period: Period, *, as_of: dt.date) -> Wioa:
    """WIOA-style figures for the people who exited training in the period (docs/impact.md).

    - employment rate in the 2nd / 4th quarter after the exit quarter, among exiters whose
      quarter has ended by `as_of`;
    - median earnings in the 2nd quarter after exit, among those employed in it;
    - credential attainment: a certificate during training or within one year after exit,
      among exiters whose year has passed (or who already hold one);
    - measurable skill gains: people in training during the period with a proof of a gain
      (certificate, passed assessment, a rating that raised a skill) dated in the period."""
    program = _program(records)
    q2_employed = q2_all = q4_employed = q4_all = 0
    q2_earnings: list[int] = []
    credential = credential_all = 0
    for r in program:
        exit_on = r.exit_on
        if exit_on is None or exit_on not in period:
            continue
        q2, q4 = quarter_after(exit_on, 2), quarter_after(exit_on, 4)
        if q2.end <= as_of:
            q2_all += 1
            if employed_during(r, q2):
                q2_employed += 1
                q2_earnings.append(earnings_in(r, q2))
        if q4.end <= as_of:
            q4_all += 1
            q4_employed += employed_during(r, q4)
        window_end = add_months(exit_on, 12)
        attained = r.credential_on is not None and r.credential_on <= window_end
        if attained or window_end <= as_of:
            credential_all += 1
            credential += attained
    in_training = gained = 0
    for r in program:
        if r.enrolled_on is None or r.enrolled_on > period.end:
            continue
        if r.exit_on is not None and r.exit_on < period.start:
            continue
        in_training += 1
        gained += any(day in period for day in r.skill_gains)
    return Wioa(
        employment_q2=Share(q2_employed, q2_all),
        employment_q4=Share(q4_employed, q4_all),
        median_earnings_q2=_median_of(q2_earnings),
        credential=Share(credential, credential_all),
        skill_gains=Share(gained, in_training),
    )


# --- income -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Income:
    before: Median
    after: Median
    change: Median
    wages_paid: int
    wage_earners: int


def income(records: Iterable[Outcome], period: Period) -> Income:
    """Income before and after, for the people whose outcome is dated in the period.

    - before: the monthly income they gave when applying;
    - after: their monthly earnings after the outcome;
    - change: the median of each person's (after − before), among those with both;
    - wages paid: gross pay of pay statements for months in the period, to participants who
      live in the region (not known to have moved away), and how many people were paid."""
    program = _program(records)
    before, after, change = [], [], []
    for r in program:
        if r.outcome_on not in period:
            continue
        if r.baseline_monthly_income_jpy is not None:
            before.append(r.baseline_monthly_income_jpy)
        if r.earnings_after_monthly_jpy is not None:
            after.append(r.earnings_after_monthly_jpy)
            if r.baseline_monthly_income_jpy is not None:
                change.append(r.earnings_after_monthly_jpy - r.baseline_monthly_income_jpy)
    wages = earners = 0
    for r in program:
        if r.lives_in_region is False:
            continue
        paid = sum(yen for month, yen in r.earnings if month in period)
        if paid:
            wages += paid
            earners += 1
    return Income(
        before=_median_of(before),
        after=_median_of(after),
        change=_median_of(change),
        wages_paid=wages,
        wage_earners=earners,
    )


# --- staying in the region ------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    """Residence checks due in the period: asked, answered, and still living in the region."""

    asked: int = 0
    answered: int = 0
    staying: int = 0

    @property
    def rate(self) -> float | None:
        return rate(self.staying, self.answered)


def retention(records: Iterable[Outcome], period: Period, *, months: int) -> Retention:
    """定住率: of the people whose 6- or 12-month check fell due in the period (`months` after
    their first outcome, a hire's start date), how many were asked, answered, and still live
    in the region. The rate is over those who answered."""
    if months not in (6, 12):
        raise ValueError("residence checks are at 6 and 12 months")
    asked = answered = staying = 0
    for r in records:
        # The first outcome; a hire's is the start date (as the checks are created).
        anchor = r.outcome_on
        if anchor is None or add_months(anchor, months) not in period:
            continue
        asked_on = r.asked_6m_on if months == 6 else r.asked_12m_on
        answer = r.staying_6m if months == 6 else r.staying_12m
        if asked_on is None and answer is None:
            continue
        asked += 1
        if answer is not None:
            answered += 1
            staying += answer
    return Retention(asked, answered, staying)


# --- location-free hiring --------------------------------------------------------------------


@dataclass(frozen=True)
class Hires:
    hires: int
    in_region: int
    days_to_hire: Median
    from_events: int


def hires(records: Iterable[Outcome], period: Period) -> Hires:
    """Location-free hires dated in the period: how many, how many live in the region, the
    median days from application to hire, and how many came through an event."""
    hired = [r for r in records if r.track == HIRE and r.hired_on in period]
    return Hires(
        hires=len(hired),
        in_region=sum(1 for r in hired if r.lives_in_region),
        days_to_hire=_median_of(r.days_to_hire for r in hired if r.days_to_hire is not None),
        from_events=sum(1 for r in hired if r.from_event),
    )


@dataclass(frozen=True)
class Indicators:
    """Every indicator of one period."""

    period: Period
    funnel: Funnel
    employment_rate_mhlw: Share
    wioa: Wioa
    income: Income
    retention_6m: Retention
    retention_12m: Retention
    hires: Hires


def indicators(
    records: Sequence[Outcome], period: Period, *, as_of: dt.date, cohort: bool = False
) -> Indicators:
    """All indicators of a period at once (the summary, the report and the comparison)."""
    return Indicators(
        period=period,
        funnel=funnel(records, period, cohort=cohort),
        employment_rate_mhlw=employment_rate_mhlw(records, period, as_of=as_of),
        wioa=wioa(records, period, as_of=as_of),
        income=income(records, period),
        retention_6m=retention(records, period, months=6),
        retention_12m=retention(records, period, months=12),
        hires=hires(records, period),
    )
