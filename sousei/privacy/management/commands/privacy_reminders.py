"""`sousei privacy-reminders`: remind operators of privacy requests past their due date
(run it daily from cron; each overdue request is reminded once a day until answered)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.privacy.tasks import overdue_reminders_send


class Command(ScheduledTaskCommand):
    help = "Remind operators of privacy requests past their due date."
    task = overdue_reminders_send
    name = "privacy-reminders"

    def report(self, result: Any) -> str:
        return f"overdue privacy requests reminded: {result}"
