"""Scheduled jobs of the workplace (its notifications are sent by the outbox's task, in core).
Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.workplace.services.onboarding import onboarding_reminders
from sousei.workplace.services.one_on_ones import one_on_one_reminders


@task()
def workplace_reminders(*, day: str | None = None) -> dict[str, int]:
    """Daily, in every region: remind the owners of overdue onboarding steps, and both sides
    of tomorrow's 1-on-1s."""
    today = dt.date.fromisoformat(day) if day else clock.today()
    steps = meetings = 0
    for region in Region.objects.all():
        with region_scope(region):
            steps += onboarding_reminders(today=today)
            meetings += one_on_one_reminders(today=today)
    return {"onboarding_steps": steps, "one_on_ones": meetings}
