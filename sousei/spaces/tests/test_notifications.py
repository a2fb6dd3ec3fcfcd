"""The spaces' notifications: a member's booking is confirmed to its holder, and reminded the
day before, once; in their language, with the link to the booking, by e-mail unless they
chose the app only. An event's own booking tells nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Cast
from sousei.core.models import OutboxMessage, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.notifying import CHOICES, assert_notified, choose
from sousei.spaces import services
from sousei.spaces.models import Booking, BookingKind
from sousei.spaces.notifications import Kind
from sousei.spaces.tasks import booking_reminders_send
from sousei.spaces.tests.factories import BEFORE, MONDAY, at, resource, space

pytestmark = pytest.mark.django_db


def booked(region: Region, cast: Cast, *, kind: str = BookingKind.MEMBER) -> Booking:
    with region_scope(region):
        room = resource(space(region))
        return services.booking_create(
            region=region,
            actor=cast.user("participant"),
            resource_id=room.pk,
            starts_at=at(MONDAY, 10),
            ends_at=at(MONDAY, 12),
            purpose="打ち合わせ",
            holder=cast.user("participant"),
            kind=kind,
            now=BEFORE,
        )


@CHOICES
def test_a_booking_is_confirmed_to_its_holder(koga: Region, cast: Cast, choice: str) -> None:
    holder = cast.user("participant")
    choose(holder, choice, Kind.BOOKING_CONFIRMED)
    booked(koga, cast)
    message = assert_notified(
        koga, user=holder, kind=Kind.BOOKING_CONFIRMED, choice=choice, english="is confirmed"
    )
    assert "10:00" in message.subject
    assert "12:00" in message.subject


@CHOICES
def test_a_booking_is_reminded_the_day_before_once(koga: Region, cast: Cast, choice: str) -> None:
    holder = cast.user("participant")
    choose(holder, choice, Kind.BOOKING_REMINDER)
    booked(koga, cast)
    two_days_before = at(MONDAY - dt.timedelta(days=2), 9).isoformat()
    assert booking_reminders_send.call(now=two_days_before) == 0
    day_before = at(MONDAY - dt.timedelta(days=1), 12).isoformat()
    assert booking_reminders_send.call(now=day_before) == 1
    assert booking_reminders_send.call(now=day_before) == 0
    assert_notified(
        koga, user=holder, kind=Kind.BOOKING_REMINDER, choice=choice, english="If you cannot come"
    )


def test_an_events_booking_tells_nobody(koga: Region, cast: Cast) -> None:
    booked(koga, cast, kind=BookingKind.EVENT)
    with region_scope(koga):
        assert not OutboxMessage.objects.exists()
