"""Scheduled jobs of training (its notifications are sent by the outbox's task, in core).
Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.training.services.enrolments import enrolments_refresh_pace
from sousei.training.services.licences import licences_release_due


@task()
def training_daily(*, day: str | None = None) -> dict[str, int]:
    """Daily upkeep in every region: free the seats of graduates past their grace period and
    of expired pools (handing them on), and re-assess every learner's pace (idle learners
    become at risk with time, not only when they log study)."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    freed = assessed = 0
    for region in Region.objects.all():
        with region_scope(region):
            freed += licences_release_due(day=today)
            assessed += enrolments_refresh_pace(today=today)
    return {"seats_freed": freed, "enrolments_assessed": assessed}
