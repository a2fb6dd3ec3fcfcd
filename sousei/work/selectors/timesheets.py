"""Reads of time records: a participant's assignments, one week of an assignment, the weeks
waiting for approval that a caller may decide. Call inside the region scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from sousei.core.models import Region
from sousei.projects.access import StaffingReader
from sousei.projects.models import Assignment, AssignmentStatus
from sousei.work.models.payroll import PayRun, PayRunStatus
from sousei.work.models.timesheets import (
    RecordStatus,
    TimeBreak,
    TimeRecord,
    WeekReview,
    WeekStatus,
)


def week_start_of(day: dt.date, region: Region) -> dt.date:
    """The first day of the region's pay week that contains `day` (LSA art. 32's week)."""
    return day - dt.timedelta(days=(day.weekday() - region.pay_week_start) % 7)


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_locked(*, day: dt.date) -> bool:
    """True when the month of `day` has a completed pay run in the current region."""
    return PayRun.objects.filter(month=month_of(day), status=PayRunStatus.COMPLETED).exists()


def assignments_of(*, user: User) -> QuerySet[Assignment]:
    """The user's own assignments (as a participant), newest first."""
    return (
        Assignment.objects.filter(participant__person__user=user)
        .select_related("project", "participant__person")
        .order_by("-starts_on", "-pk")
    )


def records_between(
    *, assignment: Assignment, first: dt.date, last: dt.date
) -> QuerySet[TimeRecord]:
    """The assignment's records from `first` to `last` with their breaks, in time order."""
    return (
        TimeRecord.objects.filter(assignment=assignment, date__gte=first, date__lte=last)
        .prefetch_related(Prefetch("breaks", queryset=TimeBreak.objects.order_by("start")))
        .order_by("start")
    )


@dataclass
class DayRow:
    date: dt.date
    records: list[TimeRecord] = field(default_factory=list)
    in_assignment: bool = True

    @property
    def worked_minutes(self) -> int:
        return sum(r.worked_minutes for r in self.records if not r.superseded)


@dataclass
class WeekView:
    assignment: Assignment
    week_start: dt.date
    days: list[DayRow]
    review: WeekReview | None
    editable: bool
    submittable: bool

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def worked_minutes(self) -> int:
        return sum(d.worked_minutes for d in self.days)

    @property
    def previous(self) -> dt.date:
        return self.week_start - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.week_start + dt.timedelta(days=7)


def week_view(*, assignment: Assignment, day: dt.date, region: Region) -> WeekView:
    """The pay week containing `day`: each day with its records, the week's review and
    whether the participant may still change it or submit it."""
    start = week_start_of(day, region)
    end = start + dt.timedelta(days=6)
    records = list(records_between(assignment=assignment, first=start, last=end))
    review = WeekReview.objects.filter(assignment=assignment, week_start=start).first()
    days = [
        DayRow(
            date=start + dt.timedelta(days=n),
            in_assignment=assignment.starts_on
            <= start + dt.timedelta(days=n)
            <= assignment.ends_on,
        )
        for n in range(7)
    ]
    for record in records:
        days[(record.date - start).days].records.append(record)
    closed = review is not None and review.status in (WeekStatus.SUBMITTED, WeekStatus.APPROVED)
    locked = month_locked(day=start) and month_locked(day=end)
    open_records = [r for r in records if r.status in (RecordStatus.DRAFT, RecordStatus.RETURNED)]
    return WeekView(
        assignment=assignment,
        week_start=start,
        days=days,
        review=review,
        editable=not closed and not locked,
        submittable=not closed and bool(open_records),
    )


def weeks_waiting(*, reader: StaffingReader) -> QuerySet[WeekReview]:
    """Submitted weeks of the assignments the caller may see, oldest first, with the hours
    and the number of records of each (two subqueries: one query in all)."""
    records = TimeRecord.objects.filter(
        assignment_id=OuterRef("assignment_id"),
        week_start=OuterRef("week_start"),
        superseded=False,
    ).order_by()
    minutes = records.values("assignment_id").annotate(total=Sum("worked_minutes")).values("total")
    count = records.values("assignment_id").annotate(n=Count("pk")).values("n")
    return (
        WeekReview.objects.filter(
            status=WeekStatus.SUBMITTED, assignment__in=reader.assignments().values("pk")
        )
        .select_related("assignment__project", "assignment__participant__person")
        .annotate(
            worked_minutes=Coalesce(Subquery(minutes), 0),
            record_count=Coalesce(Subquery(count), 0),
        )
        .order_by("week_start", "pk")
    )


def week_worked_minutes(*, assignment: Assignment, week_start: dt.date) -> int:
    """The minutes worked in one week of an assignment, corrections counted once (as the
    approvals list counts them)."""
    total: int = TimeRecord.objects.filter(
        assignment=assignment, week_start=week_start, superseded=False
    ).aggregate(total=Coalesce(Sum("worked_minutes"), 0))["total"]
    return total


def minutes_recorded(*, user: User, first: dt.date, last: dt.date) -> int:
    """Minutes the user recorded on all their assignments between two dates."""
    total: int = TimeRecord.objects.filter(
        participant__person__user=user, date__gte=first, date__lte=last, superseded=False
    ).aggregate(total=Coalesce(Sum("worked_minutes"), 0))["total"]
    return total


def weeks_returned_count(*, user: User) -> int:
    """How many of the user's weeks came back from the reviewer and wait to be mended."""
    return WeekReview.objects.filter(
        status=WeekStatus.RETURNED, assignment__participant__person__user=user
    ).count()


def timesheets_missing(*, region: Region, today: dt.date) -> QuerySet[Assignment]:
    """Working assignments of last week (the pay week before the one of `today`) whose week
    was not submitted: no week waiting for approval or approved."""
    first = week_start_of(today, region) - dt.timedelta(days=7)
    last = first + dt.timedelta(days=6)
    handed_in = WeekReview.objects.filter(
        assignment_id=OuterRef("pk"),
        week_start=first,
        status__in=[WeekStatus.SUBMITTED, WeekStatus.APPROVED],
    )
    return Assignment.objects.filter(
        status=AssignmentStatus.ACTIVE, starts_on__lte=last, ends_on__gte=first
    ).filter(~Exists(handed_in))


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def time_records_of_person(*, person_id: int) -> QuerySet[TimeRecord]:
    return TimeRecord.objects.filter(participant__person_id=person_id).order_by("id")
