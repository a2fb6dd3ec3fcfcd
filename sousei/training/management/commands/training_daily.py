"""`sousei training-daily`: the daily training upkeep (run it from cron once a day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.training.tasks import training_daily


class Command(BaseCommand):
    help = "Free seats past their grace period or pool expiry; re-assess learners' pace."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for (YYYY-MM-DD; default today)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = training_daily.enqueue(day=options["date"])
            self.stdout.write(f"queued training-daily as task {result.id}")
            return
        summary = training_daily.call(day=options["date"])
        self.stdout.write(
            f"seats freed: {summary['seats_freed']}, "
            f"enrolments assessed: {summary['enrolments_assessed']}"
        )
