"""API schemas of hiring."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import BaseModel


class SkillOut(BaseModel):
    code: str
    level: int


class OpeningIn(Schema):
    title: str = Field(max_length=120)
    description: str
    employment_type: str = Field(description="full_time | contract | part_time | freelance")
    work_style: str = Field("location_free", description="location_free | hybrid | on_site")
    salary_min_jpy: int = Field(description="annual, yen")
    salary_max_jpy: int = Field(description="annual, yen")
    working_hours: str = ""
    stages: list[str] = Field(
        default_factory=list,
        description="applied, …your stages…, offer, hired; empty for the default pipeline",
    )
    skills: list[SkillOut] = Field(default_factory=list)
    publish: bool = False


class OpeningOut(BaseModel):
    id: int
    title: str
    description: str
    employment_type: str
    work_style: str
    residence_region: str = Field(description="JIS X 0402 code of the region to live in")
    salary_min_jpy: int
    salary_max_jpy: int
    working_hours: str
    stages: list[str]
    skills: list[SkillOut]
    status: str
    published_at: dt.datetime | None


class CandidacyCreatedOut(BaseModel):
    id: int
    stage: str
    source_registration_id: int | None
    source_event_id: int | None


class MoveIn(Schema):
    stage: str
    reason: str = ""


class StageMoveOut(BaseModel):
    from_stage: str
    to_stage: str
    by: str | None
    at: dt.datetime
    reason: str


class CandidacyOut(BaseModel):
    id: int
    opening_id: int
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    phone: str
    postal_code: str
    prefecture: str
    city: str
    municipality_code: str
    lives_in_region: bool
    desired_residence: str
    desired_residence_note: str
    graduation_year: int | None
    heard_via: str
    stage: str
    stage_entered_at: dt.datetime
    days_in_stage: int
    applied_at: dt.datetime
    rejection_reason: str
    source_registration_id: int | None
    source_event_id: int | None
    cv_url: str
    history: list[StageMoveOut]


class CandidacyRowOut(BaseModel):
    id: int
    name: str
    stage: str
    stage_entered_at: dt.datetime
    days_in_stage: int
    applied_at: dt.datetime
    source_event_id: int | None


class CandidacyPageOut(BaseModel):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[CandidacyRowOut]


class InterviewIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    interviewer_ids: list[int]
    place: str = ""
    online_url: str = ""


class InterviewOut(BaseModel):
    id: int
    candidacy_id: int
    stage: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_url: str
    interviewer_ids: list[int]


class ScorecardIn(Schema):
    skills_score: int = Field(ge=1, le=4)
    communication_score: int = Field(ge=1, le=4)
    motivation_score: int = Field(ge=1, le=4)
    remote_work_score: int = Field(ge=1, le=4)
    skills_note: str = ""
    communication_note: str = ""
    motivation_note: str = ""
    remote_work_note: str = ""
    recommendation: str = Field(description="strong_yes | yes | no | strong_no")
    summary: str = ""


class ScorecardOut(BaseModel):
    id: int
    interview_id: int
    interviewer_id: int
    skills_score: int
    communication_score: int
    motivation_score: int
    remote_work_score: int
    skills_note: str
    communication_note: str
    motivation_note: str
    remote_work_note: str
    recommendation: str
    summary: str
    submitted_at: dt.datetime


class ScorecardsOut(BaseModel):
    scorecards: list[ScorecardOut]
    hidden: int = Field(
        description="scorecards kept from you until you submit yours for their interview"
    )


class OfferIn(Schema):
    salary_jpy: int
    start_date: dt.date
    respond_by: dt.date
    conditions: str = ""


class OfferOut(BaseModel):
    id: int
    candidacy_id: int
    salary_jpy: int
    start_date: dt.date
    respond_by: dt.date
    conditions: str
    status: str
    approved_at: dt.datetime | None
    responded_at: dt.datetime | None
    employee_id: int | None = None


class FunnelOut(BaseModel):
    kind: str
    id: int | None
    label: str
    registrations: int | None
    attendees: int | None
    applicants: int
    interviews: int
    offers: int
    hires: int
    hires_in_region: int
    median_days_to_hire: float | None
    mean_days_to_hire: float | None


class MyCandidacyOut(BaseModel):
    id: int
    opening_id: int
    opening: str
    stage: str
    applied_at: dt.datetime
    offer_id: int | None
    offer_status: str | None


class ApplicationForm(Schema):
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    phone: str
    postal_code: str
    heard_via: str
    consent_privacy_policy: bool = False
    desired_residence: str = "in_region"
    desired_residence_note: str = ""
    graduation_year: int | None = None
    motivation: str = ""
    language: str = "ja"
