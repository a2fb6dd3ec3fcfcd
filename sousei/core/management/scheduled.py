"""The shape of a cron command that runs one task: `--now` to run it for another moment,
`--enqueue` to hand it to the task worker instead of running it in the command."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class ScheduledTaskCommand(BaseCommand):
    """Set `task` (a django-tasks task taking `now=`) and `name` (the command's name), and
    say what a run did in `report`."""

    task: Any
    name: str

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to run for (ISO 8601; default now)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            queued = self.task.enqueue(now=options["now"])
            self.stdout.write(f"queued {self.name} as task {queued.id}")
            return
        self.stdout.write(self.report(self.task.call(now=options["now"])))

    def report(self, result: Any) -> str:
        raise NotImplementedError
