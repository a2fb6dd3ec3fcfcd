"""API schemas of hiring."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import BaseModel

from sousei.core.bounds import LONG_TEXT, Day, Id, Moment, Year, Yen, column, items, text, whole
from sousei.hiring.models import Candidacy
from sousei.people.models import Person


class OpeningSkillOut(BaseModel):
    code: str
    level: int


class OpeningSkillIn(Schema):
    code: str = Field(max_length=60)
    level: whole(0, 100)  # type: ignore[valid-type]


class OpeningIn(Schema):
    title: str = Field(max_length=120)
    description: str = Field(max_length=LONG_TEXT)
    employment_type: str = Field(
        description="full_time | contract | part_time | freelance", max_length=20
    )
    work_style: str = Field(
        "location_free", description="location_free | hybrid | on_site", max_length=20
    )
    salary_min_jpy: Yen = Field(description="annual, yen")
    salary_max_jpy: Yen = Field(description="annual, yen")
    working_hours: str = Field("", max_length=200)
    stages: items(text(40), 30) = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="applied, …your stages…, offer, hired; empty for the default pipeline",
    )
    skills: items(OpeningSkillIn) = Field(default_factory=list)  # type: ignore[valid-type]
    publish: bool = False
    employer_id: Id | None = Field(
        None,
        description="the hiring organisation, a company of the region; none: the operator",
    )


class OpeningEmployerOut(BaseModel):
    id: int
    name: str
    name_en: str


class OpeningOut(BaseModel):
    id: int
    employer: OpeningEmployerOut
    title: str
    description: str
    employment_type: str
    work_style: str
    residence_region: str = Field(description="JIS X 0402 code of the region to live in")
    salary_min_jpy: int
    salary_max_jpy: int
    working_hours: str
    stages: list[str]
    skills: list[OpeningSkillOut]
    status: str
    published_at: dt.datetime | None


class CandidacyCreatedOut(BaseModel):
    id: int
    stage: str
    source_registration_id: int | None
    source_event_id: int | None


class MoveIn(Schema):
    stage: str = Field(max_length=40)
    reason: str = Field("", max_length=LONG_TEXT)


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
    starts_at: Moment
    ends_at: Moment
    interviewer_ids: items(Id, 20)  # type: ignore[valid-type]
    place: str = Field("", max_length=200)
    online_url: str = Field("", max_length=200)


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
    skills_note: str = Field("", max_length=LONG_TEXT)
    communication_note: str = Field("", max_length=LONG_TEXT)
    motivation_note: str = Field("", max_length=LONG_TEXT)
    remote_work_note: str = Field("", max_length=LONG_TEXT)
    recommendation: str = Field(description="strong_yes | yes | no | strong_no", max_length=20)
    summary: str = Field("", max_length=LONG_TEXT)


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
    salary_jpy: Yen
    start_date: Day
    respond_by: Day
    conditions: str = Field("", max_length=LONG_TEXT)


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
    family_name: column(Person, "family_name")  # type: ignore[valid-type]
    given_name: column(Person, "given_name")  # type: ignore[valid-type]
    family_name_kana: column(Person, "family_name_kana")  # type: ignore[valid-type]
    given_name_kana: column(Person, "given_name_kana")  # type: ignore[valid-type]
    email: column(Person, "email")  # type: ignore[valid-type]
    phone: column(Person, "phone")  # type: ignore[valid-type]
    postal_code: text(10)  # type: ignore[valid-type]
    heard_via: column(Candidacy, "heard_via")  # type: ignore[valid-type]
    consent_privacy_policy: bool = False
    desired_residence: column(Candidacy, "desired_residence") = "in_region"  # type: ignore[valid-type]
    desired_residence_note: column(Candidacy, "desired_residence_note") = ""  # type: ignore[valid-type]
    graduation_year: Year | None = None
    motivation: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    language: column(Candidacy, "language") = "ja"  # type: ignore[valid-type]
