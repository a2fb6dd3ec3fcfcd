"""What the impact page draws, from the figures the selectors give (already hidden where the
reader may not see them): the funnel's bars, income before and after, the monthly column
chart, the KPI rows with their progress. No queries here; the view passes the summary in.

A hidden figure stays None all the way to the template, which prints x (秘匿): nothing on
this page is computed from a figure the reader may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.charts import Column, ColumnChart, column_chart
from sousei.impact.definitions import STAGE_LABELS
from sousei.impact.indicators import STAGES
from sousei.impact.report import kpi_unit

GRADE_WORDS: dict[str, Promise] = {
    "◎": _("achieved"),
    "○": _("close to the target"),
    "△": _("some progress"),
    "×": _("no progress"),
}


@dataclass(frozen=True)
class Bar:
    """One labelled bar of a meter list: value None where hidden."""

    code: str
    label: Any
    value: int | float | None


@dataclass(frozen=True)
class Bars:
    bars: tuple[Bar, ...]
    top: int | float


def _bars(items: list[Bar]) -> Bars:
    top = max((b.value for b in items if b.value is not None), default=0) or 1
    return Bars(tuple(items), top)


def funnel_bars(funnel: Mapping[str, int | None]) -> Bars:
    """Each step of the funnel against the largest shown step."""
    return _bars([Bar(stage, STAGE_LABELS[stage], funnel.get(stage)) for stage in STAGES])


def income_bars(income: Mapping[str, int | None]) -> Bars:
    """The median monthly income before the program and after its outcome."""
    return _bars(
        [
            Bar("before", _("Before (median a month)"), income.get("median_before_jpy")),
            Bar("after", _("After (median a month)"), income.get("median_after_jpy")),
        ]
    )


def wages_chart(months: Mapping[str, Mapping[str, int | None]]) -> ColumnChart:
    """Wages paid to residents month by month ("2026-04" keys, oldest first)."""
    return column_chart(
        [
            Column(label=str(int(key[5:])), title=key, value=row.get("wages_paid_jpy"))
            for key, row in sorted(months.items())
        ]
    )


@dataclass(frozen=True)
class KpiRow:
    code: str
    label: str
    unit: str
    target: int
    actual: int | float | None
    grade: str | None
    percent_of_target: int | None

    @property
    def grade_word(self) -> Any:
        return GRADE_WORDS.get(self.grade or "", "")


def kpi_rows(kpis: list[dict[str, Any]]) -> list[KpiRow]:
    """The KPIs as the page's table rows, each with how far along its target it is."""
    rows = []
    for kpi in kpis:
        actual, target = kpi["actual"], kpi["target"]
        percent = None
        if actual is not None and target > 0:
            percent = round(100 * actual / target)
        rows.append(
            KpiRow(
                code=kpi["code"],
                label=kpi["label"],
                unit=kpi_unit(kpi["code"]),
                target=target,
                actual=actual,
                grade=kpi["grade"],
                percent_of_target=percent,
            )
        )
    return rows


@dataclass(frozen=True)
class StageRow:
    """A row of a table by funnel step (a cohort, a month): its key as the selectors name it
    ("FY2026", "2026-04"), the month or fiscal year it stands for, one value per step in the
    order of STAGES, and for months the wages paid."""

    key: str
    values: tuple[int | None, ...]
    wages_paid_jpy: int | None = None
    month: dt.date | None = None
    fiscal_year: int | None = None


def stage_rows(rows: Mapping[str, Mapping[str, int | None]]) -> list[StageRow]:
    return [stage_row(key, row) for key, row in rows.items()]


def stage_row(key: str, row: Mapping[str, int | None]) -> StageRow:
    month = fiscal_year = None
    if key.startswith("FY"):
        fiscal_year = int(key[2:])
    elif key != "total":
        month = dt.date(int(key[:4]), int(key[5:7]), 1)
    return StageRow(
        key=key,
        values=tuple(row.get(stage) for stage in STAGES),
        wages_paid_jpy=row.get("wages_paid_jpy"),
        month=month,
        fiscal_year=fiscal_year,
    )


# The per-person rows (selectors.impact_people) as the page and its CSV show them.
PEOPLE_COLUMNS: tuple[tuple[str, Promise], ...] = (
    ("participant_id", _("Participant number")),
    ("applied_on", pgettext_lazy("program application", "Applied on")),
    ("completed_on", _("Completed on")),
    ("left_early_on", _("Left training early on")),
    ("left_early_for_job", _("Left early for a job")),
    ("employed_on", _("Employed on")),
    ("employment_insured", _("Covered by employment insurance")),
    ("age_at_completion", _("Age at completion")),
    ("baseline_monthly_income_jpy", _("Monthly income before (yen)")),
    ("monthly_earnings_jpy", _("Monthly earnings from pay (yen)")),
    ("staying_6m", _("In the region at 6 months")),
    ("staying_12m", _("In the region at 12 months")),
)


def people_cells(row: Mapping[str, Any]) -> list[Any]:
    """One person's row as cells: yes/no for the answers, dates as they are."""
    cells: list[Any] = []
    for key, _label in PEOPLE_COLUMNS:
        value = row.get(key)
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        cells.append(value)
    return cells
