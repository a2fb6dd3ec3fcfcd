"""Notifications of the shared spaces: a booking confirmed and its reminder the day before,
to the person who holds it, in their inbox and by e-mail (as they chose), in their language,
through the outbox, linking to the booking (its check-in code and the cancel button)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.text import format_date
from sousei.spaces.models import Booking

# Bookings are reminded this many hours ahead (by `sousei spaces-reminders`).
REMINDER_HOURS = 24


class Kind(models.TextChoices):
    BOOKING_CONFIRMED = "booking_confirmed", gettext_lazy("Booking confirmed")
    BOOKING_REMINDER = "booking_reminder", gettext_lazy("Booking reminder")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def _values(booking: Booking) -> dict[str, str]:
    zone = ZoneInfo(booking.resource.space.timezone)
    starts = booking.starts_at.astimezone(zone)
    ends = booking.ends_at.astimezone(zone)
    return {
        "resource": booking.resource.name,
        "space": booking.resource.space.name,
        "day": format_date(starts.date()),
        "start": starts.strftime("%H:%M"),
        "end": ends.strftime("%H:%M"),
    }


def notify_booking_confirmed(*, booking: Booking) -> OutboxMessage | None:
    """Confirm a member's booking to its holder (an event's own booking tells nobody)."""

    def text() -> tuple[str, str]:
        values = _values(booking)
        return (
            _("Booked: %(resource)s on %(day)s, %(start)s–%(end)s") % values,
            _(
                "Your booking of %(resource)s at %(space)s on %(day)s from %(start)s to "
                "%(end)s is confirmed. Show its check-in code at the space, or cancel it if "
                "your plans change."
            )
            % values,
        )

    return notification_send(
        region=booking.region,
        user=booking.holder,
        kind=Kind.BOOKING_CONFIRMED,
        text=text,
        link=_link(booking),
        about=booking,
    )


def notify_booking_reminder(*, booking: Booking) -> OutboxMessage | None:
    """Remind the holder of their booking the day before."""

    def text() -> tuple[str, str]:
        values = _values(booking)
        return (
            _("Reminder: %(resource)s on %(day)s, %(start)s–%(end)s") % values,
            _(
                "You have booked %(resource)s at %(space)s on %(day)s from %(start)s to "
                "%(end)s. If you cannot come, cancel the booking so that someone else can use "
                "it."
            )
            % values,
        )

    return notification_send(
        region=booking.region,
        user=booking.holder,
        kind=Kind.BOOKING_REMINDER,
        text=text,
        link=_link(booking),
        about=booking,
    )


def _link(booking: Booking) -> str:
    return reverse("booking-detail", kwargs={"slug": booking.region.slug, "booking_id": booking.pk})
