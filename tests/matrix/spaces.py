"""spaces: endpoints, the objects their paths name, and request bodies.

Space managers and operators manage every booking; every member books desks and meeting
rooms for themselves. The matrix's bookings belong to the caller "participant" of Koga, so
they may see and cancel them; other members get 404 for someone else's booking, as for one
that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.spaces.models import Booking, BookingStatus, Resource, ResourceKind, Space
from tests.matrix import ALL_ROLES, Area, Endpoint

SPACE_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})
HOLDER = SPACE_STAFF | {Role.PARTICIPANT}
ALWAYS_OPEN = [["00:00", "23:59"]] * 7

ENDPOINTS: list[Endpoint] = [
    # Pages
    Endpoint("GET", "/r/{slug}/spaces/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/spaces/{space}/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/spaces/{space}/today/", SPACE_STAFF),
    Endpoint("GET", "/r/{slug}/spaces/{space}/settings/", SPACE_STAFF),
    Endpoint("GET", "/r/{slug}/bookings/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/bookings/new/", ALL_ROLES),
    Endpoint("POST", "/r/{slug}/bookings/new/", ALL_ROLES, ok=302, body="page_booking"),
    Endpoint("GET", "/r/{slug}/bookings/{booking}/", HOLDER, others_object=404),
    Endpoint("POST", "/r/{slug}/bookings/{booking}/cancel/", HOLDER, ok=302, others_object=404),
    Endpoint("POST", "/r/{slug}/bookings/{booking}/check-in/", SPACE_STAFF, ok=302),
    Endpoint(
        "POST",
        "/r/{slug}/bookings/{booking}/check-out/",
        SPACE_STAFF,
        ok=302,
        alias={"booking": "inside"},
    ),
    Endpoint("POST", "/r/{slug}/bookings/{booking}/no-show/", SPACE_STAFF, ok=302),
    Endpoint("GET", "/r/{slug}/spaces/check-in/", SPACE_STAFF),
    Endpoint("POST", "/r/{slug}/spaces/check-in/", SPACE_STAFF, ok=302, body="code"),
    Endpoint("GET", "/r/{slug}/spaces/check-in/{code}/", SPACE_STAFF),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/spaces", ALL_ROLES),
    Endpoint("GET", "/api/v1/regions/{slug}/spaces/{space}/occupancy", SPACE_STAFF),
    Endpoint("POST", "/api/v1/regions/{slug}/bookings", ALL_ROLES, ok=201, body="booking"),
    Endpoint("GET", "/api/v1/regions/{slug}/bookings", ALL_ROLES),
    Endpoint("GET", "/api/v1/regions/{slug}/bookings/{booking}", HOLDER, others_object=404),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/bookings/{booking}/cancel",
        HOLDER,
        body="cancel",
        others_object=404,
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/bookings/check-in", SPACE_STAFF, body="code"),
    Endpoint("POST", "/api/v1/regions/{slug}/bookings/{booking}/check-in", SPACE_STAFF),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/bookings/{booking}/check-out",
        SPACE_STAFF,
        alias={"booking": "inside"},
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/bookings/{booking}/no-show", SPACE_STAFF),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """A space open around the clock with a meeting room and a desk; the caller
    "participant"'s booking that started ten minutes ago (in Fukutsu someone else's), and
    a checked-in one on the desk."""
    holder = cast.user("participant", "koga") if region.slug == "koga" else None
    now = timezone.now()
    with region_scope(region):
        space = Space.objects.create(
            region=region,
            name="快生館",
            opening_hours=ALWAYS_OPEN,
            closed_periods=[],
            closed_on_holidays=False,
        )
        room = Resource.objects.create(
            region=region, space=space, kind=ResourceKind.MEETING_ROOM, name="会議室A"
        )
        desk = Resource.objects.create(
            region=region, space=space, kind=ResourceKind.DESK, name="デスク1"
        )
        booking = Booking.objects.create(
            region=region,
            resource=room,
            starts_at=now - dt.timedelta(minutes=10),
            ends_at=now + dt.timedelta(hours=2),
            purpose="打ち合わせ",
            holder=holder,
        )
        inside = Booking.objects.create(
            region=region,
            resource=desk,
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=2),
            purpose="自習",
            holder=holder,
            status=BookingStatus.CHECKED_IN,
            checked_in_at=now - dt.timedelta(hours=1),
        )
    return {
        "space": space.pk,
        "room": room.pk,
        "booking": booking.pk,
        "inside": inside.pk,
        "code": booking.check_in_code,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return {
        "booking": {
            "resource_id": ids["room"],
            "starts_at": f"{tomorrow.isoformat()}T10:00:00+09:00",
            "ends_at": f"{tomorrow.isoformat()}T12:00:00+09:00",
            "purpose": "面談",
        },
        "page_booking": {
            "resource": ids["room"],
            "day": tomorrow.isoformat(),
            "start": "10:00",
            "end": "12:00",
            "purpose": "面談",
        },
        "cancel": {"reason": "予定変更"},
        "code": {"code": ids["code"]},
    }


AREA = Area(
    name="spaces",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:space_id>": "{space}",
        "<int:booking_id>": "{booking}",
        "<str:code>": "{code}",
    },
    api_parameters={"{space_id}": "{space}", "{booking_id}": "{booking}"},
)
