"""The council's report (the workbook and the PDF) as plain data: the same selectors as the
page, with the same reader, so an export hides exactly what the screen hides (call inside
the region scope). A fixed number of queries whatever the number of people or years."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.models import Region
from sousei.impact.figures import Target, summary_shape
from sousei.impact.indicators import Outcome, fiscal_year_period, indicators
from sousei.impact.models import KpiCode
from sousei.impact.report import ImpactReport, KpiLine, kpi_unit
from sousei.impact.selectors.people import impact_cohorts, impact_trend
from sousei.impact.selectors.summary import (
    SummaryPeriod,
    grade_thresholds,
    impact_summary,
    kpi_history,
    outcome_values,
    sees_exact_figures,
)


def _graded_history(*, records: list[Outcome], exact: bool, today: dt.date) -> tuple[KpiLine, ...]:
    """Every fiscal year's targets against that year's figures (to date), graded, hidden as
    the summary hides them: two queries (targets, rule), any number of years."""
    years = kpi_history()
    if not years:
        return ()
    achieved, good = grade_thresholds()
    lines: list[KpiLine] = []
    for year, targets in years.items():
        period = fiscal_year_period(year)
        shaped = summary_shape(
            indicators(records, period, as_of=today),
            exact=exact,
            targets=[
                Target(code=t.code, label=str(KpiCode(t.code).label), target=t.target)
                for t in targets
            ],
            achieved_percent=achieved,
            good_percent=good,
        )
        lines += [
            KpiLine(
                fiscal_year=year,
                code=k["code"],
                label=k["label"],
                unit=kpi_unit(k["code"]),
                target=k["target"],
                actual=k["actual"],
                grade=k["grade"],
            )
            for k in shaped["kpis"]
        ]
    return tuple(lines)


def impact_report(
    *, region: Region, period: SummaryPeriod, reader: Reader, language: str = "ja"
) -> ImpactReport:
    """The report of the region's impact in a period for this reader: the summary, the
    cohorts by fiscal year, the monthly trend and the KPIs year by year — exact for
    operators, small groups hidden for everyone else — dated now, in `language` (the
    council's documents are Japanese)."""
    now = timezone.localtime(clock.now())
    exact = sees_exact_figures(reader)
    # One read of the outcome records for every table.
    records = outcome_values()
    with translation.override(language):
        summary = impact_summary(
            region=region, period=period, reader=reader, as_of=now.date(), records=records
        )
        history = _graded_history(records=records, exact=exact, today=now.date())
    return ImpactReport(
        region_name=region.name_ja if language == "ja" else (region.name_en or region.name_ja),
        region_slug=region.slug,
        start=period.start,
        end=period.end,
        cohort=period.cohort,
        generated_at=now,
        exact=exact,
        summary=summary,
        cohorts=impact_cohorts(reader=reader, by="fiscal_year", records=records),
        trend=impact_trend(reader=reader, period=period, records=records),
        kpi_history=history,
        language=language,
    )
