"""Spaces, resources and bookings for tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sousei.core.models import Region
from sousei.spaces.models import Booking, BookingStatus, Resource, ResourceKind, Space

TOKYO = ZoneInfo("Asia/Tokyo")
# Monday 1 March 2027: an ordinary weekday (21–22 March are holidays).
MONDAY = dt.date(2027, 3, 1)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TOKYO)


# A moment well before the test bookings, passed as `now=` to the services.
BEFORE = at(MONDAY - dt.timedelta(days=7), 9)


def space(region: Region, *, name: str = "快生館", **fields: object) -> Space:
    """Open Mon–Fri 9:00–21:00, Sat 10:00–18:00; closed on Sunday, holidays and 12/29–1/3."""
    return Space.objects.create(region=region, name=name, address="福岡県古賀市天神", **fields)


def resource(
    space_: Space,
    *,
    kind: str = ResourceKind.MEETING_ROOM,
    name: str = "会議室A",
    capacity: int = 6,
) -> Resource:
    return Resource.objects.create(
        region=space_.region, space=space_, kind=kind, name=name, capacity=capacity
    )


def booking(
    resource_: Resource,
    *,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    purpose: str = "打ち合わせ",
    status: str = BookingStatus.BOOKED,
    **fields: object,
) -> Booking:
    """A booking stored directly (no checks), 10:00–12:00 on MONDAY by default."""
    return Booking.objects.create(
        region=resource_.region,
        resource=resource_,
        starts_at=starts_at or at(MONDAY, 10),
        ends_at=ends_at or at(MONDAY, 12),
        purpose=purpose,
        status=status,
        **fields,
    )
