"""`sousei work-reminders`: remind participants of a pay week that ended without its hours
submitted (run it from cron daily; each week is reminded once)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.work.tasks import timesheet_reminders_send


class Command(ScheduledTaskCommand):
    help = "Queue reminders of last week's timesheets not submitted."
    task = timesheet_reminders_send
    name = "work-reminders"

    def report(self, result: Any) -> str:
        return f"timesheet reminders queued: {result}"
