"""`sousei events-daily`: pass expired waitlist offers on (run it from cron every 15 minutes;
the name follows training-daily)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.events.tasks import events_offers_expire


class Command(ScheduledTaskCommand):
    help = "Expire waitlist offers not confirmed in time and offer the places to the next."
    task = events_offers_expire
    name = "events-daily"

    def report(self, result: Any) -> str:
        return f"offers expired: {result['offers_expired']}"
