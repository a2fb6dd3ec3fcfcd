"""Pace against plan and the at-risk rule (pure engine)."""

from __future__ import annotations

import datetime as dt

from sousei.training.pace import Pace, assess_pace
from sousei.training.planning import ClosedPeriod

YEAR_END = (ClosedPeriod.parse("12-29..01-03"),)
START = dt.date(2026, 12, 1)  # Tue; 160 h at 8 h/day ends Mon 2026-12-28
PLANNED = dt.date(2026, 12, 28)


def pace(minutes_done: int, last: dt.date | None, today: dt.date, total: int = 9600) -> Pace:
    return assess_pace(
        total_minutes=total,
        minutes_done=minutes_done,
        start=START,
        planned_completion=PLANNED,
        last_studied_on=last,
        today=today,
        weekdays=frozenset(range(5)),
        skip_holidays=True,
        closed_periods=YEAR_END,
    )


def test_on_plan_pace_projects_the_planned_date() -> None:
    # Dec 1–4: 4 study days done at 8 h each; on Mon Dec 7 the rest takes 16 more days.
    result = pace(4 * 480, dt.date(2026, 12, 4), dt.date(2026, 12, 7))
    assert result.projected_completion == PLANNED
    assert result.study_days_late == 0
    assert not result.at_risk


def test_half_pace_is_more_than_10_study_days_late() -> None:
    result = pace(4 * 240, dt.date(2026, 12, 4), dt.date(2026, 12, 7))
    assert result.projected_completion is not None
    assert result.projected_completion > PLANNED
    assert result.study_days_late > 10
    assert result.at_risk


def test_seven_study_days_without_study_is_at_risk() -> None:
    # Far ahead of plan (150 h by Wed Dec 2), so only idleness can make it risky:
    # Dec 3, 4, 7, 8, 9, 10, 11 are 7 study days without study by Mon Dec 14.
    ahead = 150 * 60
    assert pace(ahead, dt.date(2026, 12, 2), dt.date(2026, 12, 14)).at_risk
    six_idle = pace(ahead, dt.date(2026, 12, 2), dt.date(2026, 12, 11))
    assert (six_idle.idle_study_days, six_idle.at_risk) == (6, False)


def test_nothing_studied_yet_has_no_projection() -> None:
    result = pace(0, None, dt.date(2026, 12, 3))
    assert result.projected_completion is None
    assert result.idle_study_days == 2
    assert not result.at_risk


def test_a_pace_too_slow_for_the_calendar_is_at_risk_without_a_date() -> None:
    result = pace(30, dt.date(2026, 12, 1), dt.date(2027, 3, 1))
    assert result.projected_completion is None
    assert result.at_risk


def test_before_the_start_and_after_finishing_nothing_is_at_risk() -> None:
    assert pace(0, None, dt.date(2026, 11, 30)).projected_completion == PLANNED
    done = pace(9600, dt.date(2026, 12, 24), dt.date(2027, 1, 20))
    assert (done.projected_completion, done.at_risk) == (dt.date(2026, 12, 24), False)
