"""`sousei workplace-tidy`: blank expired statuses and take offline people out of their rooms
(run it from cron every 10 minutes; the office reads correctly without it)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.workplace.tasks import workplace_tidy


class Command(ScheduledTaskCommand):
    help = "Blank expired statuses and take offline people out of their rooms."
    task = workplace_tidy
    name = "workplace-tidy"

    def report(self, result: Any) -> str:
        return f"presence rows tidied: {result}"
