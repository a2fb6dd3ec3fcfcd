"""API schemas for spaces and bookings."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from sousei.core.bounds import Id, Moment


class ResourceOut(Schema):
    id: int
    kind: str = Field(description="desk | meeting_room | event_hall")
    name: str
    capacity: int


class SpaceOut(Schema):
    id: int
    name: str
    address: str
    timezone: str
    opening_hours: list[list[str] | None] = Field(
        description="Seven entries, Monday first: [opens, closes] or null when closed."
    )
    resources: list[ResourceOut]


class BookingIn(Schema):
    resource_id: Id
    starts_at: Moment = Field(description="With its offset, e.g. 2027-03-01T10:00:00+09:00")
    ends_at: Moment
    purpose: str = Field(max_length=200)
    kind: str = Field(
        "member",
        description="member, or event (space managers and operators only)",
        max_length=10,
    )


class BookingOut(Schema):
    id: int
    resource_id: int
    resource: str
    resource_kind: str
    space_id: int
    space: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    purpose: str
    status: str = Field(description="booked | cancelled | checked_in | checked_out | no_show")
    holder: str | None
    check_in_code: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    cancel_reason: str


class BookingPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[BookingOut]


class BookingCancelIn(Schema):
    reason: str = Field("", max_length=200)


class CodeIn(Schema):
    code: str = Field(
        description="The check-in code from the booking's QR, or its number", max_length=24
    )


class OccupantOut(Schema):
    booking_id: int
    resource: str
    holder: str | None
    purpose: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str


class OccupancyOut(Schema):
    space_id: int
    date: dt.date
    checked_in: list[OccupantOut]
    expected: list[OccupantOut]
    desks: int
    free_desks: list[ResourceOut]
