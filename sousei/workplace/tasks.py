"""Scheduled housekeeping of the office: blank statuses past their expiry and take offline
people out of their rooms. Reading presence never depends on it (presence_rules reads
expiry and heartbeats from the clock); it only keeps stored rows tidy."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.workplace.services.presence import presence_tidy


@task()
def workplace_tidy(*, now: str | None = None) -> int:
    """Tidy every region's presence rows (run from cron, e.g. every 10 minutes, with
    `sousei workplace-tidy`). Returns how many rows changed."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    changed = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            changed += presence_tidy(now=moment)
    return changed
