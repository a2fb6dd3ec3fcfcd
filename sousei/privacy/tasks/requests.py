"""Scheduled jobs of privacy: remind the region's operators of requests past their due date
(daily, `sousei privacy-reminders`). Tasks take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.privacy import notifications, selectors
from sousei.privacy.models import PrivacyRequest


@task()
def overdue_reminders_send(*, now: str | None = None) -> int:
    """Remind each region's operators of every open request past its due date, once a day
    per request. Returns how many requests were reminded."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    today = timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    reminded = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            for request in selectors.overdue_requests(today=today):
                notifications.notify_overdue(request=request)
                PrivacyRequest.objects.filter(pk=request.pk).update(reminded_on=today)
                reminded += 1
    return reminded
