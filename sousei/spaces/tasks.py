"""Scheduled jobs of the spaces: remind holders of their bookings of the next day. Tasks
take moments and re-enter each region's scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.spaces import notifications
from sousei.spaces.models import Booking, BookingKind, BookingStatus


def booking_reminders_for(*, moment: dt.datetime) -> int:
    """In the current region scope: remind the holder of each member booking starting within
    REMINDER_HOURS of `moment`, once (a reminder about it is already in the outbox).
    Returns how many."""
    reminded = OutboxMessage.objects.filter(
        kind=notifications.Kind.BOOKING_REMINDER,
        about_model=Booking._meta.label_lower,
        about_id=OuterRef("pk"),
    )
    due = (
        Booking.objects.filter(
            kind=BookingKind.MEMBER,
            status=BookingStatus.BOOKED,
            holder__isnull=False,
            starts_at__gt=moment,
            starts_at__lte=moment + dt.timedelta(hours=notifications.REMINDER_HOURS),
        )
        .exclude(Exists(reminded))
        .select_related("region", "resource__space", "holder")
        .order_by("starts_at", "pk")
    )
    queued = 0
    for booking in due:
        if notifications.notify_booking_reminder(booking=booking):
            queued += 1
    return queued


@task()
def booking_reminders_send(*, now: str | None = None) -> int:
    """Remind holders of their bookings of the next day in every region (run hourly from
    cron with `sousei spaces-reminders`). Returns how many reminders were queued."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    queued = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            queued += booking_reminders_for(moment=moment)
    return queued
