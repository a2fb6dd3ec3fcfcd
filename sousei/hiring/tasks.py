"""Scheduled jobs of hiring (its mails are sent by the outbox's task, in core): interview
reminders, and the deletion of unsuccessful candidacies past retention. Tasks take ids and
re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.hiring import mail, notifications
from sousei.hiring.models import Interview
from sousei.hiring.services.retention import candidacies_purge


@task()
def interview_reminders_send(*, now: str | None = None) -> int:
    """Remind candidates of interviews starting within the next day (run hourly from cron
    with `sousei hiring-reminders`). Returns how many reminders were queued."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    queued = 0
    for region in Region.objects.all():
        with region_scope(region):
            due = Interview.objects.select_related("candidacy__region").filter(
                reminder_sent_at__isnull=True,
                starts_at__gt=moment,
                starts_at__lte=moment + dt.timedelta(hours=mail.REMINDER_HOURS),
            )
            for interview in due:
                if not interview.candidacy.is_open:
                    continue
                mail.queue(
                    candidacy=interview.candidacy, kind="interview_reminder", interview=interview
                )
                notifications.notify_interview_panel_reminder(interview=interview)
                Interview.objects.filter(pk=interview.pk).update(reminder_sent_at=moment)
                queued += 1
    return queued


@task()
def candidacies_purge_expired(*, now: str | None = None) -> dict[str, int]:
    """Delete, in every region, the candidacies of candidates not hired once the retention
    period has passed (run daily from cron with `sousei hiring-daily`). Returns the counts."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    totals = {"candidacies": 0, "persons": 0, "cv_files": 0}
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            result = candidacies_purge(region=region, now=moment)
        totals["candidacies"] += result.candidacies
        totals["persons"] += result.persons
        totals["cv_files"] += result.cv_files
    return totals
