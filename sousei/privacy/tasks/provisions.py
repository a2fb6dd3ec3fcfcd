"""Scheduled work of the records of provision."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from sousei.core import clock
from sousei.core.provision import provision_records_purge


@task()
def provision_records_purge_old(*, now: str | None = None) -> dict[str, int]:
    """Delete the records of provision past their three years (run daily from cron with
    `sousei provision-records-purge`). Returns the counts per region."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    return provision_records_purge(now=moment)
