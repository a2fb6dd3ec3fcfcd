"""The council's report as plain data (`ImpactReport`, built by `selectors.impact_report`) and
its tables, shared by the workbook (`report_xlsx`) and the PDF (`report_pdf`). No ORM.

Every figure here is the one the selectors give the reader: hidden figures are already None,
so an export can only print x where the screen does, never a number the reader may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sousei.core.text import format_date_en, format_date_ja
from sousei.impact.definitions import (
    DAYS,
    PEOPLE,
    PERCENT,
    STAGE_LABELS,
    YEN,
    definitions,
    figures,
)
from sousei.impact.indicators import STAGES

TEXT, GRADE = "text", "grade"
HIDDEN_MARK = "x"

Value = int | float | str | None


@dataclass(frozen=True)
class KpiLine:
    """One KPI of one fiscal year: the target, the actual figure as the reader may see it
    (None where hidden or not measurable yet) and its grade."""

    fiscal_year: int
    code: str
    label: str
    unit: str
    target: int
    actual: int | float | None
    grade: str | None

    @property
    def percent_of_target(self) -> int | None:
        if self.actual is None or self.target <= 0:
            return None
        return round(100 * self.actual / self.target)


@dataclass(frozen=True)
class ImpactReport:
    """Everything the workbook and the PDF print, as the reader may see it."""

    region_name: str
    region_slug: str
    start: dt.date
    end: dt.date
    cohort: bool
    generated_at: dt.datetime
    exact: bool
    summary: Mapping[str, Any]
    cohorts: Mapping[str, Any]
    trend: Mapping[str, Any]
    kpi_history: tuple[KpiLine, ...]
    language: str = "ja"

    @property
    def fiscal_year(self) -> int:
        return int(self.summary["period"]["fiscal_year"])

    @property
    def kpis(self) -> list[KpiLine]:
        """The KPIs of the fiscal year the period starts in, graded on the period."""
        return [
            KpiLine(
                fiscal_year=self.fiscal_year,
                code=k["code"],
                label=k["label"],
                unit=kpi_unit(k["code"]),
                target=k["target"],
                actual=k["actual"],
                grade=k["grade"],
            )
            for k in self.summary["kpis"]
        ]

    @property
    def anything_hidden(self) -> bool:
        return bool(
            self.summary["suppressed"]
            or self.cohorts["suppressed"]
            or self.trend["suppressed"]
            or any(k.actual is None for k in self.kpi_history)
        )

    def filename(self, extension: str) -> str:
        return (
            f"impact-{self.region_slug}-{self.start.isoformat()}_{self.end.isoformat()}.{extension}"
        )


KPI_UNITS = {
    "completers": PEOPLE,
    "placed": PEOPLE,
    "employment_rate_mhlw": PERCENT,
    "income_change_median": YEN,
    "retention_6m": PERCENT,
    "retention_12m": PERCENT,
    "hires": PEOPLE,
    "hires_in_region": PEOPLE,
    "wages_paid_in_region": YEN,
}


def kpi_unit(code: str) -> str:
    return KPI_UNITS.get(code, PEOPLE)


@dataclass(frozen=True)
class Item:
    """One cell of a table: its value (None: hidden, printed x) and how it is written."""

    value: Value
    unit: str = TEXT

    @property
    def hidden(self) -> bool:
        return self.value is None and self.unit != TEXT


@dataclass(frozen=True)
class Table:
    """A table of the report: a title, column headings, rows, and a total row if any."""

    key: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Item, ...], ...]
    total: tuple[Item, ...] | None = None

    @property
    def anything_hidden(self) -> bool:
        rows = (*self.rows, self.total) if self.total else self.rows
        return any(item.hidden for row in rows for item in row)


# --- words ----------------------------------------------------------------------------------


def day_text(day: dt.date, language: str) -> str:
    return format_date_ja(day, weekday=False) if language == "ja" else format_date_en(day)


def period_text(report: ImpactReport) -> str:
    """2026年4月1日〜2026年12月3日（期間別）."""
    basis = _("by cohort") if report.cohort else _("by period")
    return _("%(start)s to %(end)s (%(basis)s)") % {
        "start": day_text(report.start, report.language),
        "end": day_text(report.end, report.language),
        "basis": basis,
    }


def generated_text(report: ImpactReport) -> str:
    moment = report.generated_at
    return _("%(day)s %(time)s") % {
        "day": day_text(moment.date(), report.language),
        "time": f"{moment:%H:%M}",
    }


def title_text(report: ImpactReport) -> str:
    return _("%(region)s: the program's impact (効果検証)") % {"region": report.region_name}


def figures_text(report: ImpactReport) -> str:
    if report.exact:
        return _("Exact figures (operator): small groups are not hidden.")
    return _("Small groups are hidden (秘匿): see the note below the tables.")


def hidden_note() -> str:
    return _(
        "x: hidden (秘匿). The figure comes from fewer than 3 people, or would reveal one "
        "that does; a median or rate needs at least 3 people. x also marks a figure with "
        "nobody to count."
    )


def unit_word(unit: str) -> str:
    return {
        PEOPLE: _("people"),
        PERCENT: "%",
        YEN: _("yen"),
        DAYS: _("days"),
    }.get(unit, "")


def written(item: Item) -> str:
    """A cell as text (the PDF): x where hidden, yen with ¥, rates with one decimal."""
    value = item.value
    if value is None:
        return HIDDEN_MARK if item.hidden else ""
    if item.unit == YEN and isinstance(value, int):
        return f"¥{value:,}"
    if item.unit == PERCENT and isinstance(value, int):
        return f"{value}%"  # a target or a share of one
    if item.unit == PERCENT and isinstance(value, float):
        return f"{value:.1f}%"  # a rate, one decimal as the summary gives it
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


# --- tables ---------------------------------------------------------------------------------


def _lookup(summary: Mapping[str, Any], dotted: str) -> Any:
    value: Any = summary
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def summary_table(report: ImpactReport) -> Table:
    rows = tuple(
        (
            Item(str(f.section)),
            Item(str(f.label)),
            Item(_lookup(report.summary, f.name), f.unit),
            Item(unit_word(f.unit)),
        )
        for f in figures()
    )
    return Table(
        "summary",
        _("Summary"),
        (_("Section"), _("Figure"), _("Value"), _("Unit")),
        rows,
    )


def _kpi_row(line: KpiLine, *, with_year: bool) -> tuple[Item, ...]:
    target = Item(line.target, line.unit)
    items = (
        Item(line.label),
        target,
        Item(line.actual, line.unit),
        Item(line.percent_of_target, PERCENT),
        Item(line.grade, GRADE),
    )
    return (Item(_("FY%(year)s") % {"year": line.fiscal_year}), *items) if with_year else items


def kpi_table(report: ImpactReport) -> Table:
    return Table(
        "kpis",
        _("KPIs of FY%(year)s (graded on the period)") % {"year": report.fiscal_year},
        (_("Figure"), _("Target"), _("Actual"), _("Share of target (%)"), _("Grade")),
        tuple(_kpi_row(line, with_year=False) for line in report.kpis),
    )


def kpi_history_table(report: ImpactReport) -> Table:
    return Table(
        "kpi_history",
        _("KPIs year by year (each fiscal year as a whole, to date)"),
        (
            _("Fiscal year"),
            _("Figure"),
            _("Target"),
            _("Actual"),
            _("Share of target (%)"),
            _("Grade"),
        ),
        tuple(_kpi_row(line, with_year=True) for line in report.kpi_history),
    )


def _stage_items(row: Mapping[str, Any]) -> tuple[Item, ...]:
    return tuple(Item(row.get(stage), PEOPLE) for stage in STAGES)


def stage_headings() -> tuple[str, ...]:
    return tuple(str(STAGE_LABELS[stage]) for stage in STAGES)


def cohort_table(report: ImpactReport) -> Table:
    rows = tuple(
        (Item(_("FY%(year)s") % {"year": key.removeprefix("FY")}), *_stage_items(row))
        for key, row in report.cohorts["cohorts"].items()
    )
    return Table(
        "cohorts",
        _("Funnel by cohort (fiscal year of application)"),
        (_("Cohort"), *stage_headings()),
        rows,
        (Item(_("Total")), *_stage_items(report.cohorts["total"])),
    )


def month_text(key: str, language: str) -> str:
    year, month = key.split("-")
    return f"{year}年{int(month)}月" if language == "ja" else key


def trend_table(report: ImpactReport) -> Table:
    def items(row: Mapping[str, Any]) -> tuple[Item, ...]:
        return (*_stage_items(row), Item(row.get("wages_paid_jpy"), YEN))

    rows = tuple(
        (Item(month_text(key, report.language)), *items(row))
        for key, row in report.trend["months"].items()
    )
    return Table(
        "trend",
        _("Month by month"),
        (pgettext("impact report", "Month"), *stage_headings(), _("Wages paid to residents (yen)")),
        rows,
        (Item(_("Total")), *items(report.trend["total"])),
    )


def definitions_table() -> Table:
    return Table(
        "definitions",
        _("Definitions"),
        (_("Figure"), _("Definition")),
        tuple((Item(title), Item(text)) for title, text in definitions()),
    )


def tables(report: ImpactReport) -> list[Table]:
    """Every table of the report, in the order the workbook's sheets follow."""
    return [
        summary_table(report),
        kpi_table(report),
        kpi_history_table(report),
        cohort_table(report),
        trend_table(report),
        definitions_table(),
    ]
