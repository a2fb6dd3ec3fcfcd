"""`sousei provision-records-purge`: delete the records of provision to third parties older
than three years (APPI 規則第21条; run it daily from cron)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.privacy.tasks.provisions import provision_records_purge_old


class Command(ScheduledTaskCommand):
    help = "Delete the records of provision to third parties older than three years."
    task = provision_records_purge_old
    name = "provision-records-purge"

    def report(self, result: Any) -> str:
        total = sum(result.values())
        per_region = " ".join(f"{slug}={count}" for slug, count in sorted(result.items()))
        return f"records of provision deleted: {total} {per_region}".rstrip()
