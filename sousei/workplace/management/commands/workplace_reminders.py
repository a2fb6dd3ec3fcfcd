"""`sousei workplace-reminders`: overdue onboarding steps and tomorrow's 1-on-1s (run it from
cron once a day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.workplace.tasks import workplace_reminders


class Command(BaseCommand):
    help = "Remind owners of overdue onboarding steps and both sides of tomorrow's 1-on-1s."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = workplace_reminders.enqueue(day=options["date"])
            self.stdout.write(f"queued workplace-reminders as task {result.id}")
            return
        summary = workplace_reminders.call(day=options["date"])
        self.stdout.write(
            f"onboarding steps reminded: {summary['onboarding_steps']}, "
            f"1-on-1s tomorrow: {summary['one_on_ones']}"
        )
