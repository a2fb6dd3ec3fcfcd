"""An event held in a space resource holds a booking of it for the event's whole time.

The booking goes through the spaces app's services (sousei.spaces.services), which refuse
an overlap with a Conflict; called inside the event service's transaction, the refusal
rolls the event back with it. Called inside the event's transaction only."""

from __future__ import annotations

from typing import Any

from sousei.events.models import Event
from sousei.spaces.models import BookingStatus
from sousei.spaces.services import booking_cancel, booking_create


def event_book(*, event: Event, resource_id: int, actor: Any) -> None:
    booking = booking_create(
        region=event.region,
        actor=actor,
        resource_id=resource_id,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        purpose=event.title[:200],
        kind="event",
    )
    event.booking = booking
    event.save(update_fields=["booking"])


def event_unbook(*, event: Event, actor: Any, reason: str = "") -> None:
    if event.booking_id is None:
        return
    booking = event.booking
    if booking is not None and booking.status not in (BookingStatus.CANCELLED,):
        booking_cancel(booking_id=booking.pk, actor=actor, reason=reason or "event")
    event.booking = None
    event.save(update_fields=["booking"])


def event_rebook(*, event: Event, resource_id: int | None, actor: Any) -> None:
    """After an edit: keep the booking if the space and time are unchanged, otherwise
    release it and book again (an overlap refuses the whole edit)."""
    booking = event.booking if event.booking_id else None
    if booking is not None and (
        booking.resource_id == resource_id
        and booking.starts_at == event.starts_at
        and booking.ends_at == event.ends_at
    ):
        return
    event_unbook(event=event, actor=actor, reason="event changed")
    if resource_id:
        event_book(event=event, resource_id=resource_id, actor=actor)
