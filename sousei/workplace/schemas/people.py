"""Schemas of the onboarding and 1-on-1 endpoints."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import BaseModel


class ChecklistOut(BaseModel):
    id: int
    name: str
    source: str
    start_date: dt.date
    done: int
    total: int
    overdue: int
    completed_at: dt.datetime | None


class StepOut(BaseModel):
    id: int
    title: str
    owner: str
    due_on: dt.date
    done_at: dt.datetime | None


class ChecklistDetailOut(ChecklistOut):
    steps: list[StepOut]


class StepIn(Schema):
    done: bool


class SeriesOut(BaseModel):
    id: int
    manager: str
    member: str
    cadence: str
    next_at: dt.datetime | None


class AgendaOut(BaseModel):
    id: int
    text: str
    carried_forward: bool


class ActionOut(BaseModel):
    id: int
    text: str
    owner: str
    due_on: dt.date | None


class SeriesDetailOut(SeriesOut):
    agenda: list[AgendaOut]
    actions: list[ActionOut]
    shared_notes: str


class AgendaIn(Schema):
    text: str = Field(..., min_length=1, max_length=300)
