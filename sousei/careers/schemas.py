"""Request and response shapes of the careers API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.careers.models import CareerOutcome, Evaluation, EvaluationSkill
from sousei.core.bounds import Day, column, items, whole


class RatingIn(Schema):
    skill: str = Field(
        description="skill code the project asked for, e.g. rpa.uipath", max_length=60
    )
    rating: whole(0, 100) = Field(description="1 (basic) … 4 (expert)")  # type: ignore[valid-type]
    note: column(EvaluationSkill, "note") = ""  # type: ignore[valid-type]


class EvaluationIn(Schema):
    ratings: items(RatingIn)  # type: ignore[valid-type]
    recommendation: str = Field(
        description="continue_projects | fulltime_conversion | independent | more_training",
        max_length=20,
    )
    comment: column(Evaluation, "comment") = ""  # type: ignore[valid-type]


class OutcomeIn(Schema):
    kind: str = Field(
        description="continue_projects | fulltime_conversion | independent | "
        "employed_elsewhere | left_program",
        max_length=20,
    )
    effective_on: Day
    lives_in_region: bool
    municipality_code: column(CareerOutcome, "municipality_code") = ""  # type: ignore[valid-type]
    step: str = Field(
        "",
        description="fulltime_conversion: applied | interviewed | offered | hired | declined",
        max_length=12,
    )
    employer: column(CareerOutcome, "employer") = ""  # type: ignore[valid-type]
    business_started_on: Day | None = None
    opening_notice_filed_on: Day | None = None
    employment_insured: bool | None = Field(
        None, description="covered by employment insurance (雇用保険); null when not known"
    )
    note: column(CareerOutcome, "note") = ""  # type: ignore[valid-type]


class RatingOut(BaseModel):
    skill: str
    skill_name: str
    rating: int
    note: str
    level_before: int
    level_after: int
    raised: bool


class EvaluationOut(BaseModel):
    id: int
    assignment_id: int
    participant_id: int
    project_id: int
    evaluator_role: str
    evaluated_at: dt.datetime
    recommendation: str
    comment: str
    average: float | None
    ratings: list[RatingOut]


class OutcomeOut(BaseModel):
    id: int
    participant_id: int
    kind: str
    effective_on: dt.date
    current: bool
    step: str
    steps: dict[str, dt.date]
    employer: str
    business_started_on: dt.date | None
    opening_notice_filed_on: dt.date | None
    opening_notice_late: bool
    employment_insured: bool | None
    lives_in_region: bool
    municipality_code: str
    note: str
    recorded_at: dt.datetime


class KindCountOut(BaseModel):
    kind: str
    count: int
    in_region: int


class SummaryOut(BaseModel):
    participants: int
    with_outcome: int
    without_outcome: int
    in_region: int
    moved_away: int
    kinds: list[KindCountOut]
    conversion_steps: dict[str, int]


class ApplicationOut(BaseModel):
    id: int
    submitted_at: dt.datetime
    status: str
    decided_at: dt.datetime | None
    baseline_monthly_income_jpy: int


class JourneyCertificateOut(BaseModel):
    code: str
    completed_on: dt.date


class TrainingOut(BaseModel):
    enrolment_id: int
    course: str
    tool: str
    status: str
    start_date: dt.date
    completed_at: dt.datetime | None
    certificate: JourneyCertificateOut | None


class JourneySkillOut(BaseModel):
    code: str
    name: str
    level: int
    source: str


class MonthOut(BaseModel):
    month: str  # YYYY-MM
    hours: float
    gross_jpy: int


class JourneyProjectOut(BaseModel):
    assignment_id: int
    project_id: int
    project: str
    client: str
    start_date: dt.date
    end_date: dt.date
    status: str
    hourly_rate_jpy: int | None
    hours: float
    earned_jpy: int
    months: list[MonthOut]
    evaluation_id: int | None


class JourneyOut(BaseModel):
    participant_id: int
    name: str
    name_kana: str
    application: ApplicationOut
    training: list[TrainingOut]
    skills: list[JourneySkillOut]
    projects: list[JourneyProjectOut]
    earnings_by_month: list[MonthOut]
    total_earned_jpy: int
    total_hours: float
    average_month_jpy: int | None
    evaluations: list[EvaluationOut]
    outcome: OutcomeOut | None
    outcome_history: list[OutcomeOut]
