"""What a client's projects cost, per project and month: approved hours × the assignment's
hourly rate in force on each day. One query whatever the number of projects and months.

Only approved records count (a week still awaiting approval or returned is not a cost yet),
and a corrected record counts once, as corrected. Premiums for overtime and late-night work
belong to the pay run, not to this view: it is the plain hours × rate the client agreed."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear, TruncMonth

from sousei.projects.access import StaffingReader
from sousei.projects.models import AssignmentRate
from sousei.work.models.timesheets import RecordStatus, TimeRecord


@dataclass(frozen=True)
class ProjectMonthCost:
    project_id: int
    project_title: str
    client_name: str
    month: dt.date
    minutes: int
    cost_jpy: int


@dataclass
class _Sum:
    title: str
    client: str
    minutes: int = 0
    exact: Fraction = field(default_factory=Fraction)


def _costed(reader: StaffingReader) -> QuerySet[TimeRecord]:
    """The records that are costs: approved, counted once as corrected, of the caller's
    projects."""
    return TimeRecord.objects.filter(
        status=RecordStatus.APPROVED,
        superseded=False,
        assignment__in=reader.assignments().values("pk"),
    )


def cost_years(*, reader: StaffingReader) -> list[int]:
    """The years in which the caller's projects have approved hours, newest first (one
    query): the costs page offers these, not empty years."""
    years = (
        _costed(reader)
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return list(years)


def project_month_costs(*, reader: StaffingReader, year: int) -> list[ProjectMonthCost]:
    """The caller's projects' costs in calendar year `year`, newest month first, then by
    project. Each project-month is rounded once, half up to the yen."""
    rate = (
        AssignmentRate.objects.filter(
            assignment_id=OuterRef("assignment_id"), effective_from__lte=OuterRef("date")
        )
        .order_by("-effective_from")
        .values("hourly_rate_jpy")[:1]
    )
    groups = (
        _costed(reader)
        .filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
        .annotate(month=TruncMonth("date"), rate=Subquery(rate))
        .values(
            "assignment__project_id",
            "assignment__project__title",
            "assignment__project__client__name",
            "month",
            "rate",
        )
        .annotate(minutes=Sum("worked_minutes"))
        .order_by()
    )
    totals: dict[tuple[int, dt.date], _Sum] = {}
    for group in groups:
        month = group["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        key = (group["assignment__project_id"], month)
        total = totals.setdefault(
            key,
            _Sum(group["assignment__project__title"], group["assignment__project__client__name"]),
        )
        total.minutes += group["minutes"]
        total.exact += Fraction(group["minutes"] * (group["rate"] or 0), 60)
    rows = [
        ProjectMonthCost(
            project_id=project_id,
            project_title=total.title,
            client_name=total.client,
            month=month,
            minutes=total.minutes,
            cost_jpy=math.floor(total.exact + Fraction(1, 2)),
        )
        for (project_id, month), total in totals.items()
    ]
    return sorted(rows, key=lambda row: (-row.month.toordinal(), row.project_title, row.project_id))
