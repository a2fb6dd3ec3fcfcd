"""`sousei hiring-reminders`: remind candidates of their interviews in the next 24 hours
(run it hourly from cron; each interview is reminded once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.hiring.tasks import interview_reminders_send


class Command(BaseCommand):
    help = "Queue interview reminders for interviews starting within the next 24 hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to run for (ISO 8601; default now)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = interview_reminders_send.enqueue(now=options["now"])
            self.stdout.write(f"queued hiring-reminders as task {result.id}")
            return
        count = interview_reminders_send.call(now=options["now"])
        self.stdout.write(f"interview reminders queued: {count}")
