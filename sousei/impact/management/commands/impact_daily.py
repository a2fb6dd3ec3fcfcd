"""`sousei impact-daily`: rebuild the outcome records of every region (or of the regions
named), then create and ask the residence checks that fell due (run it nightly from cron).
`sousei impact-daily --catch-up`: refresh only the people whose records changed since the
last run (run it every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.core.models import Region
from sousei.impact.tasks import impact_catch_up, impact_daily


class Command(BaseCommand):
    help = "Rebuild the impact outcome records and ask the residence checks that fell due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("regions", nargs="*", help="region slugs (default: every region)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )
        parser.add_argument(
            "--catch-up",
            action="store_true",
            help="only refresh the people whose records changed since the last run",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["catch_up"]:
            if options["enqueue"]:
                queued = impact_catch_up.enqueue()
                self.stdout.write(f"queued impact catch-up as task {queued.id}")
                return
            counts = impact_catch_up.call()
            self.stdout.write(" ".join(f"{name}={count}" for name, count in counts.items()))
            return
        ids = None
        if options["regions"]:
            ids = list(
                Region.objects.filter(slug__in=options["regions"]).values_list("id", flat=True)
            )
        if options["enqueue"]:
            result = impact_daily.enqueue(region_ids=ids)
            self.stdout.write(f"queued impact-daily as task {result.id}")
            return
        totals = impact_daily.call(region_ids=ids)
        self.stdout.write(" ".join(f"{name}={count}" for name, count in totals.items()))
