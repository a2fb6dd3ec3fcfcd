"""Scheduled jobs of work: remind participants of a week that ended without its hours
submitted. Tasks take ids or moments and re-enter each region's scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.projects.models import Assignment, AssignmentStatus
from sousei.work import notifications
from sousei.work.models.timesheets import WeekReview, WeekStatus
from sousei.work.selectors.timesheets import week_start_of


def timesheet_reminders_for(*, region: Region, moment: dt.datetime) -> int:
    """In the current region scope: remind each participant whose assignment covered the pay
    week that ended before `moment` and who has not submitted it. Each week is reminded
    once (a reminder with that week's link is already in the outbox). Returns how many."""
    today = timezone.localtime(moment).date()
    week = week_start_of(today, region) - dt.timedelta(days=7)
    week_end = week + dt.timedelta(days=6)
    handed_in = WeekReview.objects.filter(
        assignment=OuterRef("pk"),
        week_start=week,
        status__in=[WeekStatus.SUBMITTED, WeekStatus.APPROVED],
    )
    due = (
        Assignment.objects.filter(
            status=AssignmentStatus.ACTIVE,
            starts_on__lte=week_end,
            ends_on__gte=week,
            participant__person__user__isnull=False,
        )
        .exclude(Exists(handed_in))
        .select_related("region", "project", "participant__person__user")
        .order_by("pk")
    )
    queued = 0
    for assignment in due:
        link = notifications.week_path(assignment=assignment, week_start=week)
        already = OutboxMessage.objects.filter(
            kind=notifications.Kind.TIMESHEET_MISSING,
            about_model=Assignment._meta.label_lower,
            about_id=assignment.pk,
            link=link,
        ).exists()
        if already:
            continue
        if notifications.notify_timesheet_missing(assignment=assignment, week_start=week):
            queued += 1
    return queued


@task()
def timesheet_reminders_send(*, now: str | None = None) -> int:
    """Remind participants of last week's missing timesheets in every region (run daily
    from cron with `sousei work-reminders`). Returns how many reminders were queued."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    queued = 0
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            queued += timesheet_reminders_for(region=region, moment=moment)
    return queued
