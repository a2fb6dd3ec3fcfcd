"""Scheduled work of the breach register."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.privacy.breach import notifications, selectors, services


@task()
def breach_reminders_send(*, now: str | None = None) -> int:
    """Remind each region's operators of the breach reports coming due or overdue (run daily
    from cron with `sousei breach-reminders`; an incident is reminded once a day). Returns
    how many incidents were reminded."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    today = timezone.localdate(moment)
    reminded = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            for view in selectors.breaches_to_remind(today=today):
                report = selectors.report_due(view, today=today)
                if report is None:
                    continue
                with transaction.atomic():
                    notifications.notify_breach_report_due(view=view, report=report)
                    services.breach_reminded(incident=view.incident, on=today)
                reminded += 1
    return reminded
