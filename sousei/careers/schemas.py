"""Request and response shapes of the careers API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class RatingIn(Schema):
    skill: str = Field(description="skill code the project asked for, e.g. rpa.uipath")
    rating: int = Field(description="1 (basic) … 4 (expert)")
    note: str = ""


class EvaluationIn(Schema):
    ratings: list[RatingIn]
    recommendation: str = Field(
        description="continue_projects | fulltime_conversion | independent | more_training"
    )
    comment: str = ""


class OutcomeIn(Schema):
    kind: str = Field(
        description="continue_projects | fulltime_conversion | independent | "
        "employed_elsewhere | left_program"
    )
    effective_on: dt.date
    lives_in_region: bool
    municipality_code: str = ""
    step: str = Field(
        "", description="fulltime_conversion: applied | interviewed | offered | hired | declined"
    )
    employer: str = ""
    business_started_on: dt.date | None = None
    opening_notice_filed_on: dt.date | None = None
    note: str = ""
