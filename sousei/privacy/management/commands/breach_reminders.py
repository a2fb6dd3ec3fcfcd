"""`sousei breach-reminders`: remind the operators of breach reports to the PPC coming due or
overdue (run it daily from cron; each incident is reminded at most once a day)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.privacy.tasks.breach import breach_reminders_send


class Command(ScheduledTaskCommand):
    help = "Remind the operators of breach reports to the PPC coming due or overdue."
    task = breach_reminders_send
    name = "breach-reminders"

    def report(self, result: Any) -> str:
        return f"breach incidents reminded: {result}"
