"""API schemas for training."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import BaseModel

from sousei.core.bounds import Day, Id, decimal, items, text, whole

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
