"""Scheduled jobs of the workplace (its notifications are sent by the outbox's task, in core).
Tasks take ids or moments and re-enter each region's scope.

- `workplace_tidy` blanks statuses past their expiry and takes offline people out of their
  rooms. Reading presence never depends on it (presence_rules reads expiry and heartbeats
  from the clock); it only keeps stored rows tidy.
- `workplace_reminders` reminds the owners of overdue onboarding steps, and both sides of
  tomorrow's 1-on-1s."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.workplace.services.onboarding import onboarding_reminders
from sousei.workplace.services.one_on_ones import one_on_one_reminders
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


@task()
def workplace_reminders(*, day: str | None = None) -> dict[str, int]:
    """Daily, in every region (`sousei workplace-reminders`): remind the owners of overdue
    onboarding steps, and both sides of tomorrow's 1-on-1s."""
    today = dt.date.fromisoformat(day) if day else clock.today()
    steps = meetings = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            steps += onboarding_reminders(today=today)
            meetings += one_on_one_reminders(today=today)
    return {"onboarding_steps": steps, "one_on_ones": meetings}
