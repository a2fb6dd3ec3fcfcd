"""`sousei events-daily`: pass expired waitlist offers on (run it from cron every 15 minutes;
the name follows training-daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.events.tasks import events_offers_expire


class Command(BaseCommand):
    help = "Expire waitlist offers not confirmed in time and offer the places to the next."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to run for (ISO 8601; default now)")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for the task worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = events_offers_expire.enqueue(now=options["now"])
            self.stdout.write(f"queued events-daily as task {result.id}")
            return
        summary = events_offers_expire.call(now=options["now"])
        self.stdout.write(f"offers expired: {summary['offers_expired']}")
