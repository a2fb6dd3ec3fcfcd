"""Scheduled jobs of events: the periodic expiry of waitlist offers (registrants' e-mails are
sent by the outbox's task, in core). Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.events.services import offers_expire


@task()
def events_offers_expire(*, now: str | None = None) -> dict[str, int]:
    """In every region: expire waitlist offers not confirmed in time and pass each place
    to the next in line. Run it often (every 10–15 minutes) from cron or the worker."""
    moment = dt.datetime.fromisoformat(now) if now else timezone.now()
    expired = 0
    for region in Region.objects.all():
        with region_scope(region):
            expired += offers_expire(now=moment)
    return {"offers_expired": expired}
