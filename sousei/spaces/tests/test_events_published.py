"""Booking a desk or room tells the domain event subscribers, with ids, times and states."""

from __future__ import annotations

import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.tests.events import events_recorded, of_kind
from sousei.spaces.tests import factories as f
from sousei.spaces.tests.factories import MONDAY, at
from sousei.spaces.tests.test_services import book

pytestmark = pytest.mark.usefixtures("in_koga")


def test_booking_publishes_booking_created(
    koga: Region, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = events_recorded(monkeypatch)
    room = f.resource(f.space(koga))
    holder = cast.user("participant")
    booking = book(koga, cast, room.pk, at(MONDAY, 10), at(MONDAY, 12), holder=holder)
    [event] = of_kind(published, "booking.created")
    assert event.payload == {
        "booking_id": booking.pk,
        "resource_id": room.pk,
        "space_id": room.space_id,
        "kind": "member",
        "starts_at": at(MONDAY, 10).isoformat(),
        "ends_at": at(MONDAY, 12).isoformat(),
        "holder_user_id": holder.pk,
        "status": "booked",
    }
