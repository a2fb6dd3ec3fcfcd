"""API schemas for training."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import BaseModel

from sousei.core.bounds import Day, Id, Moment, column, decimal, items, text, whole
from sousei.training.models import LiveSession

# Hours of a day: the services say what a valid amount is; this only keeps out absurd numbers.
HOURS = decimal(0, 24)


class ModuleOut(BaseModel):
    id: int
    title: str
    hours: float


class SkillLevelOut(BaseModel):
    code: str
    level: int


class CourseOut(BaseModel):
    id: int
    title: str
    tool: str
    vendor: str
    category: str
    total_hours: float
    modules: list[ModuleOut]
    skills: list[SkillLevelOut]


class PlanPreviewOut(BaseModel):
    planned_completion_date: dt.date
    study_days: int
    total_hours: float


class EnrolmentIn(Schema):
    participant_id: Id
    course_id: Id
    start_date: Day
    daily_hours: HOURS = Field(description="0.5 to 8, in half hours")  # type: ignore[valid-type]
    weekdays: items(whole(0, 6), 7) = Field(  # type: ignore[valid-type]
        [0, 1, 2, 3, 4], description="0 = Monday … 6 = Sunday"
    )
    skip_holidays: bool = True


class EnrolmentCreatedOut(BaseModel):
    id: int
    status: str
    licence_id: int | None
    waitlist_position: int | None
    planned_completion_date: dt.date
    study_days: int


class EnrolmentOut(BaseModel):
    id: int
    status: str
    course_id: int
    participant_id: int
    hours_done: float
    hours_total: float
    percent: int
    planned_completion_date: dt.date
    projected_completion_date: dt.date | None
    at_risk: bool
    licence_id: int | None
    waitlist_position: int | None


class ProgressIn(Schema):
    date: Day
    hours: HOURS  # type: ignore[valid-type]
    module_id: Id | None = None
    note: str = Field("", max_length=500)


class ProgressOut(BaseModel):
    id: int
    date: dt.date
    hours: float
    module_id: int | None


class ReplanIn(Schema):
    from_date: Day
    daily_hours: HOURS  # type: ignore[valid-type]


class AssessmentIn(Schema):
    score: whole(0, 100)  # type: ignore[valid-type]


class AssessmentOut(BaseModel):
    id: int
    score: int
    passed: bool
    pass_mark: int


class CertificateOut(BaseModel):
    code: str
    url: str
    pdf_url: str


class LicencePoolOut(BaseModel):
    id: int
    product: str
    seats: int
    in_use: int
    waiting: int
    valid_from: dt.date
    valid_to: dt.date


class AtRiskRowOut(BaseModel):
    enrolment_id: int
    participant: str
    course: str
    hours_done: float
    planned_completion_date: dt.date
    projected_completion_date: dt.date | None
    last_studied_on: dt.date | None


class AtRiskPageOut(BaseModel):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[AtRiskRowOut]


class PreviewQuery(Schema):
    course_id: Id
    start_date: Day
    daily_hours: HOURS  # type: ignore[valid-type]
    weekdays: text(20) = "0,1,2,3,4"  # type: ignore[valid-type]
    skip_holidays: bool = True


# --- live sessions ------------------------------------------------------------------------


class LiveSessionIn(Schema):
    course_id: Id
    title: column(LiveSession, "title", min_length=1)  # type: ignore[valid-type]
    starts_at: Moment
    ends_at: Moment
    meeting_url: column(LiveSession, "meeting_url", min_length=1)  # type: ignore[valid-type]
    room_name: column(LiveSession, "room_name") = ""  # type: ignore[valid-type]
    description: str = Field("", max_length=2000)


class AttendanceIn(Schema):
    status: str = Field(..., max_length=10, description="present, late, absent or excused")
    minutes: whole(0, 8 * 60) | None = None  # type: ignore[valid-type]


class AttendanceOut(BaseModel):
    enrolment_id: int
    learner: str
    status: str
    joined_at: dt.datetime | None
    minutes: int


class LiveSessionOut(BaseModel):
    id: int
    course_id: int
    course: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    meeting_url: str
    room_name: str
    closed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    attendance: list[AttendanceOut] | None = None
