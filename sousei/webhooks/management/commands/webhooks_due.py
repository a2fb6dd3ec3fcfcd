"""`sousei webhooks-due`: send the webhook deliveries whose attempt is due (run it from cron
every minute; it catches retries a task backend could not defer, and deliveries whose task
was lost)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.webhooks.tasks import webhooks_due_send


class Command(ScheduledTaskCommand):
    help = "Send the webhook deliveries that are due."
    task = webhooks_due_send
    name = "webhooks-due"

    def report(self, result: Any) -> str:
        return f"webhook attempts made: {result}"
