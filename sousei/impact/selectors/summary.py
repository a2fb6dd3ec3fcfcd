"""Reads of the impact figures, shared by the pages and the API (call inside the region
scope). A summary is a fixed number of queries whatever the number of people: the outcome
records of the region in one indexed read, the year's targets, the grading rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.shortcuts import get_object_or_404

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.impact.figures import Target, summary_shape
from sousei.impact.grading import DEFAULT_ACHIEVED_PERCENT, DEFAULT_GOOD_PERCENT
from sousei.impact.indicators import (
    Outcome,
    Period,
    fiscal_year_of,
    fiscal_year_period,
    indicators,
)
from sousei.impact.models import (
    BenchmarkOptIn,
    GradeRule,
    KpiCode,
    KpiTarget,
    OutcomeRecord,
    RefreshMark,
    ResidenceCheck,
)
from sousei.impact.records import OUTCOME_FIELDS, outcome_of


@dataclass(frozen=True)
class SummaryPeriod:
    """What a summary covers: the days [start, end]; `cohort` counts the funnel of the people
    who applied in those days instead of the steps taken in them."""

    start: dt.date
    end: dt.date
    cohort: bool = False

    @classmethod
    def fiscal_year(cls, year: int, *, cohort: bool = False) -> SummaryPeriod:
        return cls(dt.date(year, 4, 1), dt.date(year + 1, 3, 31), cohort)

    @classmethod
    def asked(
        cls,
        start: dt.date | None,
        end: dt.date | None,
        *,
        cohort: bool = False,
        today: dt.date | None = None,
    ) -> SummaryPeriod:
        """The period a reader asked for, with what they left out filled in: without a start,
        the fiscal year of the end (or of today) from April; without an end, up to today or
        the end of that fiscal year, whichever comes first. The caller checks end >= start."""
        today = today or clock.today()
        start = start or fiscal_year_period(fiscal_year_of(end or today)).start
        end = end or max(start, min(today, fiscal_year_period(fiscal_year_of(start)).end))
        return cls(start, end, cohort)


def sees_exact_figures(reader: Reader) -> bool:
    """Operators see every figure exactly; everyone else sees small groups hidden."""
    return Role.OPERATOR in reader.roles


def outcome_values() -> list[Outcome]:
    """Every outcome record of the region as the indicators' plain values (one query)."""
    return [outcome_of(row) for row in OutcomeRecord.objects.values(*OUTCOME_FIELDS)]


def outcome_record_of(*, track: str, source_id: int) -> OutcomeRecord | None:
    return OutcomeRecord.objects.filter(track=track, source_id=source_id).first()


def residence_check_of(*, check_id: int) -> ResidenceCheck:
    """One residence check of the region, with its person; 404 if there is none."""
    return get_object_or_404(ResidenceCheck.objects.select_related("person"), pk=check_id)


def kpi_targets(*, fiscal_year: int) -> list[KpiTarget]:
    """The region's targets of one fiscal year, in the order of the indicators."""
    order = {code: index for index, code in enumerate(KpiCode.values)}
    return sorted(
        KpiTarget.objects.filter(fiscal_year=fiscal_year), key=lambda t: order.get(t.code, 99)
    )


def kpi_history() -> dict[int, list[KpiTarget]]:
    """Every fiscal year's targets of the region, oldest year first."""
    years: dict[int, list[KpiTarget]] = {}
    for target in KpiTarget.objects.order_by("fiscal_year", "code"):
        years.setdefault(target.fiscal_year, []).append(target)
    return years


def benchmarking_opted_in() -> bool:
    """Whether the region takes part in benchmarking (off until someone says so)."""
    return BenchmarkOptIn.objects.filter(opted_in=True).exists()


def grade_thresholds() -> tuple[int, int]:
    """(◎ from %, ○ from %) of the region: its own rule, else 100 % and 80 %."""
    rule = GradeRule.objects.first()
    if rule is None:
        return DEFAULT_ACHIEVED_PERCENT, DEFAULT_GOOD_PERCENT
    return rule.achieved_percent, rule.good_percent


def residence_checks_open() -> list[ResidenceCheck]:
    """Checks asked or due and not answered yet, the oldest first (the operator's list)."""
    return list(
        ResidenceCheck.objects.filter(answered_at__isnull=True, due_on__lte=clock.today())
        .select_related("person")
        .order_by("due_on", "id")
    )


def residence_checks_open_count() -> int:
    """How many residence checks wait for an answer (one query)."""
    return ResidenceCheck.objects.filter(
        answered_at__isnull=True, due_on__lte=clock.today()
    ).count()


def impact_summary(
    *,
    region: Region,
    period: SummaryPeriod,
    reader: Reader,
    as_of: dt.date | None = None,
    records: list[Outcome] | None = None,
) -> dict[str, Any]:
    """The region's impact in a period as the API returns it (docs/impact.md): the funnel,
    the MHLW employment rate, the WIOA-style figures, income, staying, hires and the KPIs of
    the fiscal year the period starts in, graded — with small groups hidden from anyone who
    is not an operator. A count is an int, or None where hidden; `suppressed` names them.
    A page that shows more than the summary reads `outcome_values()` once and passes them."""
    today = as_of or clock.today()
    records = outcome_values() if records is None else records
    # When the records last caught up with the program (the rebuild or the catch-up).
    refreshed = RefreshMark.objects.values_list("refreshed_at", flat=True).first()
    year = fiscal_year_of(period.start)
    targets = [
        Target(code=t.code, label=str(KpiCode(t.code).label), target=t.target)
        for t in kpi_targets(fiscal_year=year)
    ]
    achieved, good = grade_thresholds()
    computed = indicators(
        records, Period(period.start, period.end), as_of=today, cohort=period.cohort
    )
    return summary_shape(
        computed,
        exact=sees_exact_figures(reader),
        targets=targets,
        achieved_percent=achieved,
        good_percent=good,
        period_extra={
            "basis": "cohort" if period.cohort else "period",
            "fiscal_year": year,
            "as_of": today.isoformat(),
            "region": region.slug,
            "refreshed_at": refreshed.isoformat() if refreshed else None,
        },
    )
