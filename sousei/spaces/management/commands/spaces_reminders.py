"""`sousei spaces-reminders`: remind people of their bookings of the next day (run it from
cron hourly; each booking is reminded once)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.spaces.tasks import booking_reminders_send


class Command(ScheduledTaskCommand):
    help = "Queue reminders of bookings starting within the next 24 hours."
    task = booking_reminders_send
    name = "spaces-reminders"

    def report(self, result: Any) -> str:
        return f"booking reminders queued: {result}"
