"""Request and response shapes of the projects API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


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
