"""`sousei hiring-reminders`: remind candidates of their interviews in the next 24 hours
(run it hourly from cron; each interview is reminded once)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.hiring.tasks import interview_reminders_send


class Command(ScheduledTaskCommand):
    help = "Queue interview reminders for interviews starting within the next 24 hours."
    task = interview_reminders_send
    name = "hiring-reminders"

    def report(self, result: Any) -> str:
        return f"interview reminders queued: {result}"
