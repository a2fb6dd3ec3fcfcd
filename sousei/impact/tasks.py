"""Scheduled jobs of impact (messages are sent by the outbox's task, in core). Tasks take
ids and re-enter the region scope.

- `impact_daily`: in every region, rebuild the outcome records from the program's records,
  create the residence checks that fell due and ask them. Run it nightly from cron
  (`sousei impact-daily`) or the worker.
- `impact_catch_up`: every few minutes, in every region, refresh the records of the people
  whose records changed since the last run (followed through the audit log);
- `outcome_records_rebuild_task`: rebuild one region now (after a bulk import, say)."""

from __future__ import annotations

from django_tasks import task

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.impact.services import (
    outcome_records_catch_up,
    outcome_records_rebuild,
    residence_checks_ask,
    residence_checks_create,
)


@task()
def impact_daily(*, region_ids: list[int] | None = None) -> dict[str, int]:
    """Rebuild, then create and ask the due residence checks, region by region."""
    totals = {"written": 0, "dropped": 0, "checks_created": 0, "checks_asked": 0}
    regions = Region.objects.order_by("id")
    if region_ids is not None:
        regions = regions.filter(id__in=region_ids)
    for region in regions:
        with region_scope(region):
            counts = outcome_records_rebuild(region=region, actor=None)
            totals["written"] += counts["written"]
            totals["dropped"] += counts["dropped"]
            totals["checks_created"] += residence_checks_create(region=region)
            totals["checks_asked"] += residence_checks_ask(region=region)
    return totals


@task()
def impact_catch_up() -> dict[str, int]:
    """Refresh, region by region, the records of the people whose records changed."""
    totals = {"people": 0, "written": 0}
    for region in Region.objects.order_by("id"):
        with region_scope(region):
            counts = outcome_records_catch_up(region=region)
            totals["people"] += max(counts["people"], 0)
            totals["written"] += counts["written"]
    return totals


@task()
def outcome_records_rebuild_task(*, region_id: int) -> dict[str, int]:
    region = Region.objects.get(pk=region_id)
    with region_scope(region):
        return outcome_records_rebuild(region=region, actor=None)
