"""API schemas for events, registrations, check-in and surveys."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import BaseModel

from sousei.core.bounds import LONG_TEXT, Id, Moment, Year, items, whole


class ItineraryItemIn(Schema):
    starts_at: Moment
    ends_at: Moment | None = None
    activity: str = Field(
        description="work_session, company_visit, nature, lecture, networking, meal, travel, other",
        max_length=20,
    )
    title: str = Field(max_length=160)
    place: str = Field("", max_length=160)


class EventIn(Schema):
    kind: str = Field(
        description="workation_internship, recruiting_event, info_session or online_session",
        max_length=24,
    )
    title: str = Field(max_length=160)
    description: str = Field("", max_length=LONG_TEXT)
    starts_at: Moment
    ends_at: Moment
    capacity: whole(0, 100_000)  # type: ignore[valid-type]
    registration_opens_at: Moment | None = None
    registration_closes_at: Moment | None = Field(
        None, description="default: registration closes when the event starts"
    )
    resource_id: Id | None = Field(
        None, description="a space resource, booked automatically for the event's time"
    )
    venue: str = Field("", max_length=160, description="a place outside the spaces")
    online_url: str = Field("", max_length=200)
    audience_graduation_year: Year | None = None
    lodging_notes: str = Field("", max_length=4000)
    offer_hours: whole(0, 32767) = Field(  # type: ignore[valid-type]
        48, description="hours a waitlist offer stays open"
    )
    status: str = Field("published", description="draft or published", max_length=10)
    itinerary: items(ItineraryItemIn) = Field(default_factory=list)  # type: ignore[valid-type]


class ItineraryItemOut(BaseModel):
    starts_at: datetime
    ends_at: datetime | None
    activity: str
    title: str
    place: str


class EventOut(BaseModel):
    id: int
    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    places_left: int
    waitlisted: int
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    registration_open: bool
    resource_id: int | None
    booking_id: int | None
    location: str
    online_url: str
    audience_graduation_year: int | None
    lodging_notes: str
    offer_hours: int
    status: str
    itinerary: list[ItineraryItemOut]


class EventRowOut(BaseModel):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    places_left: int
    waitlisted: int
    location: str
    status: str
    registration_open: bool


class RegistrationConsentsIn(Schema):
    privacy_policy: bool = Field(
        description="Agree to the purpose of use shown with the form (required)"
    )


class RegistrationIn(Schema):
    family_name: str = Field(max_length=60)
    given_name: str = Field(max_length=60)
    family_name_kana: str = Field(max_length=60)
    given_name_kana: str = Field(max_length=60)
    email: str = Field(max_length=254)
    university: str = Field("", max_length=120)
    graduation_year: Year | None = None
    language: str = Field("ja", description="ja or en: the language of our e-mails", max_length=8)
    consents: RegistrationConsentsIn


class RegistrationCreatedOut(BaseModel):
    id: int
    status: str
    waitlist_position: int | None
    token: str = Field(description="proves the registration is yours: cancel, confirm, survey")
    manage_url: str


class RegistrationOut(BaseModel):
    id: int
    event_id: int
    status: str
    waitlist_position: int | None
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    email: str
    university: str
    graduation_year: int | None
    offer_expires_at: datetime | None
    checked_in_at: datetime | None
    created_at: datetime


class RegistrationTokenIn(Schema):
    token: str = Field(
        "", max_length=64, description="the registration's token (not needed by event staff)"
    )


class RegistrationCancelIn(RegistrationTokenIn):
    reason: str = Field("", max_length=200)


class CheckInIn(Schema):
    code: str = Field(max_length=12, description="the check-in code on the registrant's page")


class SurveyIn(RegistrationTokenIn):
    rating: whole(0, 100) = Field(description="1 (poor) to 5 (excellent)")  # type: ignore[valid-type]
    comments: str = Field("", max_length=4000)
    interested_in_jobs: bool = False


class SurveyOut(BaseModel):
    id: int
    rating: int


class SurveySummaryOut(BaseModel):
    responses: int
    average: float | None
    distribution: dict[str, int]
    interested_in_jobs: int
    attended: int
