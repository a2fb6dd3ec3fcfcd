"""`sousei hiring-daily`: delete the candidacies of candidates who were not hired once the
retention period stated in the privacy notice (one year) has passed (run it daily from
cron; the name follows training-daily and events-daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.hiring.tasks import candidacies_purge_expired


class Command(BaseCommand):
    help = "Delete unsuccessful candidacies (and their CVs) past the one-year retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to run for (ISO 8601; default now)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = candidacies_purge_expired.enqueue(now=options["now"])
            self.stdout.write(f"queued hiring-daily as task {result.id}")
            return
        counts = candidacies_purge_expired.call(now=options["now"])
        self.stdout.write(
            "candidacies deleted: {candidacies}, persons deleted: {persons}, "
            "CV files deleted: {cv_files}".format(**counts)
        )
