"""Progress against plan: the projected completion from the actual pace, and the at-risk
rule. A pure engine (no ORM) over the calendar of planning.py.

At risk (issue 3): the projected completion is more than 10 study days after the plan, or
no study has been logged for 7 study days.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sousei.training.planning import (
    ClosedPeriod,
    PlanInputError,
    count_study_days,
    nth_study_date,
)

DAYS_LATE_AT_RISK = 10
IDLE_STUDY_DAYS_AT_RISK = 7


@dataclass(frozen=True, slots=True)
class Pace:
    projected_completion: dt.date | None  # None: nothing studied yet, so no pace to go by
    study_days_late: int  # study days the projection lies after the plan (0 when on time)
    idle_study_days: int  # study days since the last logged study, today not counted
    at_risk: bool


def assess_pace(
    *,
    total_minutes: int,
    minutes_done: int,
    start: dt.date,
    planned_completion: dt.date,
    last_studied_on: dt.date | None,
    today: dt.date,
    weekdays: Collection[int],
    skip_holidays: bool,
    closed_periods: Sequence[ClosedPeriod],
) -> Pace:
    """Where an enrolment stands today."""

    def count(first: dt.date, last: dt.date) -> int:
        return count_study_days(
            first,
            last,
            weekdays=weekdays,
            skip_holidays=skip_holidays,
            closed_periods=closed_periods,
        )

    yesterday = today - dt.timedelta(days=1)
    if minutes_done >= total_minutes:
        return Pace(last_studied_on or today, 0, 0, at_risk=False)
    if today <= start:
        return Pace(planned_completion, 0, 0, at_risk=False)
    since = (last_studied_on + dt.timedelta(days=1)) if last_studied_on else start
    idle = count(since, yesterday)
    elapsed = count(start, yesterday)
    projected: dt.date | None = None
    late = 0
    if minutes_done > 0 and elapsed > 0:
        days_needed = math.ceil((total_minutes - minutes_done) * elapsed / minutes_done)
        try:
            projected = nth_study_date(
                today,
                days_needed,
                weekdays=weekdays,
                skip_holidays=skip_holidays,
                closed_periods=closed_periods,
            )
        except PlanInputError:
            # At this pace the course would not end within the calendar's horizon (years).
            return Pace(None, days_needed, idle, at_risk=True)
        if projected > planned_completion:
            late = count(planned_completion + dt.timedelta(days=1), projected)
    at_risk = late > DAYS_LATE_AT_RISK or idle >= IDLE_STUDY_DAYS_AT_RISK
    return Pace(projected, late, idle, at_risk)
