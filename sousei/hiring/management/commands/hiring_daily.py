"""`sousei hiring-daily`: delete the candidacies of candidates who were not hired once the
retention period stated in the privacy notice (one year) has passed (run it daily from
cron; the name follows training-daily and events-daily)."""

from __future__ import annotations

from typing import Any

from sousei.core.management.scheduled import ScheduledTaskCommand
from sousei.hiring.tasks import candidacies_purge_expired


class Command(ScheduledTaskCommand):
    help = "Delete unsuccessful candidacies (and their CVs) past the one-year retention."
    task = candidacies_purge_expired
    name = "hiring-daily"

    def report(self, result: Any) -> str:
        return (
            "candidacies deleted: {candidacies}, persons deleted: {persons}, "
            "CV files deleted: {cv_files}".format(**result)
        )
