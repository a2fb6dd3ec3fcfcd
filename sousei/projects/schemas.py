"""Request and response shapes of the projects API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, Field

from sousei.core.bounds import LIST_MAX, Day, HourlyYen, Id, column, items, whole
from sousei.projects.models import ClientProject
from sousei.training.models import Skill

SKILL_CODE_MAX = Skill._meta.get_field("code").max_length


class SkillNeedIn(Schema):
    code: str = Field(max_length=SKILL_CODE_MAX)
    min_level: int = Field(ge=1, le=4)
    required: bool = True


class ProjectIn(Schema):
    client_id: Id
    title: column(ClientProject, "title")  # type: ignore[valid-type]
    description: column(ClientProject, "description") = ""  # type: ignore[valid-type]
    skills: items(SkillNeedIn) = []  # type: ignore[valid-type]
    tool_ids: items(Id) = []  # type: ignore[valid-type]
    headcount: whole(0, 1000)  # type: ignore[valid-type]
    hours_per_week: whole(0, 168)  # type: ignore[valid-type]
    start_date: Day
    end_date: Day
    place: column(ClientProject, "place") = "remote"  # type: ignore[valid-type]
    place_note: column(ClientProject, "place_note") = ""  # type: ignore[valid-type]
    hourly_rate_jpy: HourlyYen


class PairIn(Schema):
    project_id: Id
    participant_id: Id


class AcceptIn(Schema):
    pairs: items(PairIn, LIST_MAX) | None = None  # type: ignore[valid-type]


class AssignmentIn(Schema):
    project_id: Id
    participant_id: Id
    start_date: Day
    end_date: Day
    hourly_rate_jpy: HourlyYen


class RateIn(Schema):
    effective_from: Day
    hourly_rate_jpy: HourlyYen


class EndIn(Schema):
    end_date: Day


class CandidatesQuery(Schema):
    limit: int = Field(20, ge=1, le=200)
    include_gone: bool = Field(
        False,
        description="Also rank people who left the program, moved away or work elsewhere "
        "(left out by default).",
    )


class ProposalQuery(Schema):
    include_gone: bool = Field(
        False,
        description="Also consider people who left the program, moved away or work elsewhere.",
    )


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
