"""Request and response shapes of the projects API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field


class SkillNeedIn(Schema):
    code: str
    min_level: int = Field(ge=1, le=4)
    required: bool = True


class ProjectIn(Schema):
    client_id: int
    title: str
    description: str = ""
    skills: list[SkillNeedIn] = []
    tool_ids: list[int] = []
    headcount: int
    hours_per_week: int
    start_date: dt.date
    end_date: dt.date
    place: str = "remote"
    place_note: str = ""
    hourly_rate_jpy: int


class PairIn(Schema):
    project_id: int
    participant_id: int


class AcceptIn(Schema):
    pairs: list[PairIn] | None = None


class AssignmentIn(Schema):
    project_id: int
    participant_id: int
    start_date: dt.date
    end_date: dt.date
    hourly_rate_jpy: int


class RateIn(Schema):
    effective_from: dt.date
    hourly_rate_jpy: int


class EndIn(Schema):
    end_date: dt.date


class CandidatesQuery(Schema):
    limit: int = Field(20, ge=1, le=200)


class SkillNeedOut(BaseModel):
    code: str
    name: str
    min_level: int
    required: bool


class ProjectOut(BaseModel):
    id: int
    client_id: int
    client: str
    title: str
    description: str
    skills: list[SkillNeedOut]
    tools: list[str]
    headcount: int
    staffed: int
    hours_per_week: int
    start_date: dt.date
    end_date: dt.date
    place: str
    place_note: str
    hourly_rate_jpy: int
    status: str


class SkillMatchOut(BaseModel):
    code: str
    name: str
    level: int
    min_level: int
    required: bool
    certified: bool


class CandidateOut(BaseModel):
    participant_id: int
    name: str
    score: float
    matched_skills: list[SkillMatchOut]
    missing_skills: list[SkillMatchOut]
    availability_fit: float
    available_hours: float
    current_projects: int
    resident: bool
    evaluation_average: float | None
    reasons: list[str]


class PairOut(BaseModel):
    project_id: int
    participant_id: int
    score: int
    reasons: list[str]
    assignment_id: int | None


class ProposalOut(BaseModel):
    id: int
    status: str
    pairs: list[PairOut]
    total_score: int
    unassigned: list[int]
    solve_ms: int


class AcceptedOut(BaseModel):
    assignment_ids: list[int]


class RateOut(BaseModel):
    effective_from: dt.date
    hourly_rate_jpy: int


class AssignmentOut(BaseModel):
    id: int
    project_id: int
    project: str
    client: str
    participant_id: int
    participant: str
    start_date: dt.date
    end_date: dt.date
    status: str
    hourly_rate_jpy: int | None
    rates: list[RateOut]
