"""Request and response shapes of the work API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema

from sousei.core.bounds import SHORT_TEXT, Day, Id, Month, column, items, text
from sousei.work.models.timesheets import TimeRecord, WeekReview


class PayRunIn(Schema):
    month: Month  # "2026-12"


class PayLineOut(Schema):
    kind: str
    minutes: int
    rate_jpy: int
    multiplier: Decimal
    amount_jpy: int
    adjusts_month: str | None


class StatementOut(Schema):
    id: int
    assignment_id: int
    participant_id: int
    participant: str
    project: str
    month: str
    gross_jpy: int
    adjustment_jpy: int
    worked_minutes: int
    overtime_minutes: int
    days_worked: int
    lines: list[PayLineOut]


class WarningOut(Schema):
    kind: str
    participant_id: int | None = None
    assignment_id: int | None = None
    message: str
    ja: str
    en: str


class PayRunSummaryOut(Schema):
    id: int
    month: str
    status: str
    statement_count: int
    gross_total_jpy: int
    records_paid: int
    records_left_out: int
    computed_at: dt.datetime | None
    completed_at: dt.datetime | None
    warnings: list[WarningOut]


class PayRunOut(PayRunSummaryOut):
    statements: list[StatementOut]


class BreakIn(Schema):
    start: dt.time
    end: dt.time


class TimeRecordIn(Schema):
    date: Day
    start: dt.time
    end: dt.time
    ends_next_day: bool = False
    breaks: items(BreakIn, 20) = []  # type: ignore[valid-type]
    note: column(TimeRecord, "note") = ""  # type: ignore[valid-type]


class CorrectionIn(TimeRecordIn):
    reason: text(SHORT_TEXT * 5)  # type: ignore[valid-type]
    adjusts_id: Id | None = None


class BreakOut(Schema):
    start: dt.datetime
    end: dt.datetime


class TimeRecordOut(Schema):
    id: int
    assignment_id: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    worked_minutes: int
    break_minutes: int
    breaks: list[BreakOut]
    note: str
    status: str
    is_adjustment: bool
    adjusts_id: int | None
    superseded: bool
    locked: bool


class WeekIn(Schema):
    week_start: Day


class ReturnIn(WeekIn):
    comment: column(WeekReview, "comment")  # type: ignore[valid-type]


class WeekOut(Schema):
    assignment_id: int
    week_start: dt.date
    status: str
    comment: str
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None


class WeekWaitingOut(WeekOut):
    participant_id: int
    participant: str
    project_id: int
    project: str
    worked_minutes: int
    record_count: int


class RecordsQuery(Schema):
    week: Day | None = None
    month: Month | None = None
