"""Demo time records and pay: a month of realistic work days for each assignment (mostly
weekdays, some overtime, a late evening, the odd Saturday and a rare Sunday), every week
submitted and approved, and a completed pay run for the month.

Idempotent: a month whose pay run is completed is left alone, days already recorded are
skipped, and the random choices are seeded per assignment, so a second run adds nothing.
Works on SQLite and PostgreSQL. Call inside `region_scope(region)`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from sousei.core import clock
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.projects.models import Assignment
from sousei.work.models.payroll import PayRun
from sousei.work.models.timesheets import RecordStatus, TimeRecord, WeekReview
from sousei.work.services import payroll, timesheets

SEED = 2026


@dataclass(frozen=True)
class TimeAndPaySummary:
    month: dt.date
    records: int
    weeks_approved: int
    statements: int
    gross_total_jpy: int
    run_status: str

    def line(self) -> str:
        return (
            f"  time and pay {self.month:%Y-%m}: {self.records} work days recorded, "
            f"{self.weeks_approved} weeks approved, {self.statements} pay statements "
            f"({self.run_status}), gross ¥{self.gross_total_jpy:,}"
        )


def _shift(rng: random.Random, day: dt.date) -> timesheets.DayInput | None:
    """One plausible day of work, or None for a day off."""
    t = dt.time
    weekday = day.weekday()
    if weekday == 6:  # Sunday: the statutory day off, worked rarely
        if rng.random() > 0.08:
            return None
        return timesheets.DayInput(
            date=day, start=t(10), end=t(14), note="リリース前の確認（休日対応）"
        )
    if weekday == 5:  # Saturday: sometimes a half day
        if rng.random() > 0.25:
            return None
        return timesheets.DayInput(date=day, start=t(9), end=t(13), note="週次レポートの仕上げ")
    if rng.random() < 0.08:  # a weekday off
        return None
    roll = rng.random()
    if roll < 0.06:  # a late evening: cut-over work until 23:00
        return timesheets.DayInput(
            date=day,
            start=t(13),
            end=t(23),
            breaks=((t(17, 30), t(18, 30)),),
            note="本番切替の立ち会い",
        )
    start = t(9) if rng.random() < 0.7 else t(9, 30)
    if roll < 0.3:  # overtime: one to two and a half hours
        end_hour = rng.choice((19, 19, 20, 20, 21))
        end = t(end_hour, rng.choice((0, 30)))
        note = "月末の処理で残業"
    elif roll < 0.45:  # a short day
        end = t(14) if start == t(9) else t(14, 30)
        return timesheets.DayInput(date=day, start=start, end=end, note="午前のみ")
    else:
        end = t(18) if start == t(9) else t(18, 30)
        note = ""
    return timesheets.DayInput(date=day, start=start, end=end, breaks=((t(12), t(13)),), note=note)


def _user_of(assignment: Assignment, fallback: User) -> User:
    user = assignment.participant.person.user
    return user if user is not None else fallback


def seed_time_and_pay(
    *, region: Region, operator: User, assignments: list[Assignment], month: dt.date
) -> TimeAndPaySummary:
    """Record, submit and approve a month of work for each assignment, then run and complete
    the month's pay. The month must have started; days after yesterday are not recorded."""
    first = month.replace(day=1)
    after = payroll.next_month(first)
    existing = PayRun.objects.filter(month=first).first()
    if existing is not None and existing.completed:
        return _summary(first, existing)
    yesterday = clock.today() - dt.timedelta(days=1)
    busy: dict[int, set[dt.date]] = {}  # a person's days, so two assignments never overlap
    for record in TimeRecord.objects.filter(date__gte=first, date__lt=after).values_list(
        "participant_id", "date"
    ):
        busy.setdefault(record[0], set()).add(record[1])
    for assignment in sorted(assignments, key=lambda a: a.pk):
        rng = random.Random(SEED * 100_003 + assignment.pk)
        actor = _user_of(assignment, operator)
        taken = busy.setdefault(assignment.participant_id, set())
        weeks: set[dt.date] = set()
        day = max(first, assignment.starts_on)
        last = min(after - dt.timedelta(days=1), assignment.ends_on, yesterday)
        while day <= last:
            shift = _shift(rng, day)
            if shift is not None and day not in taken:
                try:
                    timesheets.time_record_create(assignment=assignment, data=shift, actor=actor)
                except ValidationError:
                    pass  # a week closed by an earlier seed: leave it as it is
                else:
                    taken.add(day)
                    weeks.add(timesheets.week_start_of(day, region))
            day += dt.timedelta(days=1)
        open_weeks = set(
            TimeRecord.objects.filter(
                assignment=assignment,
                date__gte=first,
                date__lt=after,
                status__in=(RecordStatus.DRAFT, RecordStatus.RETURNED),
            ).values_list("week_start", flat=True)
        )
        for week in sorted(weeks | open_weeks):
            with contextlib.suppress(Conflict, ValidationError):
                timesheets.week_submit(assignment=assignment, week_start=week, actor=actor)
            with contextlib.suppress(Conflict):
                timesheets.week_approve(assignment=assignment, week_start=week, actor=operator)
    run = payroll.pay_run_create(region=region, month=first, actor=operator)
    run = payroll.pay_run_complete(run=run, actor=operator)
    return _summary(first, run)


def _summary(first: dt.date, run: PayRun) -> TimeAndPaySummary:
    after = payroll.next_month(first)
    return TimeAndPaySummary(
        month=first,
        records=TimeRecord.objects.filter(date__gte=first, date__lt=after).count(),
        weeks_approved=WeekReview.objects.filter(
            week_start__gte=first - dt.timedelta(days=6), week_start__lt=after, status="approved"
        ).count(),
        statements=run.statement_count,
        gross_total_jpy=run.gross_total_jpy,
        run_status=run.status,
    )
