"""The impact summary as a table of figures, and its shape for pages and the API: a pure
module (no ORM, no Django).

`summary_cells` turns the indicators of a period into named figures (dotted names, as the
API spells them: "funnel.placed", "retention.months_6.rate"), each with the number of people
it is computed from, and the relations between them; `suppression.suppress` decides what a
reader sees; `summary_shape` nests the result into the API's JSON (docs/impact.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sousei.impact.grading import grade
from sousei.impact.indicators import STAGES, Indicators, Outcome, Period, Share, indicators
from sousei.impact.suppression import Cell, Ratio, Relation, Shown, Sum, suppress

# KPI code → the figure it is measured by.
KPI_FIGURES: dict[str, str] = {
    "completers": "funnel.completed",
    "placed": "funnel.placed",
    "employment_rate_mhlw": "employment_rate_mhlw.rate",
    "income_change_median": "income.median_change_jpy",
    "retention_6m": "retention.months_6.rate",
    "retention_12m": "retention.months_12.rate",
    "hires": "hires.hires",
    "hires_in_region": "hires.in_region",
    "wages_paid_in_region": "income.wages_paid_in_region_jpy",
}


@dataclass(frozen=True)
class Target:
    """A KPI target as the summary needs it (code, its label in the reader's language)."""

    code: str
    label: str
    target: int


def _share(prefix: str, share: Share, numerator: str, denominator: str) -> list[Cell]:
    return [
        Cell(f"{prefix}.{numerator}", share.numerator, share.numerator),
        Cell(f"{prefix}.{denominator}", share.denominator, share.denominator),
        Cell(f"{prefix}.rate", share.rate, share.denominator, "rate"),
    ]


def _ratio(prefix: str, numerator: str, denominator: str) -> Ratio:
    return Ratio(f"{prefix}.rate", f"{prefix}.{numerator}", f"{prefix}.{denominator}")


def summary_cells(ind: Indicators) -> tuple[list[Cell], list[Relation]]:
    """Every figure of the summary with the people behind it, and how the figures relate."""
    cells = [Cell(f"funnel.{stage}", count, count) for stage, count in ind.funnel.as_dict().items()]
    relations: list[Relation] = []
    cells += _share("employment_rate_mhlw", ind.employment_rate_mhlw, "employed", "denominator")
    relations.append(_ratio("employment_rate_mhlw", "employed", "denominator"))
    w = ind.wioa
    for name, share, numerator, denominator in (
        ("wioa.employment_q2", w.employment_q2, "employed", "exiters"),
        ("wioa.employment_q4", w.employment_q4, "employed", "exiters"),
        ("wioa.credential", w.credential, "attained", "exiters"),
        ("wioa.skill_gains", w.skill_gains, "gained", "in_training"),
    ):
        cells += _share(name, share, numerator, denominator)
        relations.append(_ratio(name, numerator, denominator))
    cells.append(
        Cell(
            "wioa.median_earnings_q2_jpy",
            w.median_earnings_q2.value,
            w.median_earnings_q2.n,
            "median",
        )
    )
    i = ind.income
    cells += [
        Cell("income.median_before_jpy", i.before.value, i.before.n, "median"),
        Cell("income.median_after_jpy", i.after.value, i.after.n, "median"),
        Cell("income.median_change_jpy", i.change.value, i.change.n, "median"),
        Cell("income.wages_paid_in_region_jpy", i.wages_paid, i.wage_earners, "sum"),
    ]
    for months, kept in ((6, ind.retention_6m), (12, ind.retention_12m)):
        prefix = f"retention.months_{months}"
        cells += [
            Cell(f"{prefix}.asked", kept.asked, kept.asked),
            Cell(f"{prefix}.answered", kept.answered, kept.answered),
            Cell(f"{prefix}.staying", kept.staying, kept.staying),
            Cell(f"{prefix}.rate", kept.rate, kept.answered, "rate"),
        ]
        relations.append(Ratio(f"{prefix}.rate", f"{prefix}.staying", f"{prefix}.answered"))
    h = ind.hires
    cells += [
        Cell("hires.hires", h.hires, h.hires),
        Cell("hires.in_region", h.in_region, h.in_region),
        Cell("hires.median_days_to_hire", h.days_to_hire.value, h.days_to_hire.n, "median"),
        Cell("hires.from_events", h.from_events, h.from_events),
    ]
    return cells, relations


def summary_relations() -> list[Relation]:
    """How the summary's figures relate (the same for every region and period)."""
    return summary_cells(empty_indicators())[1]


def empty_indicators() -> Indicators:
    nobody: list[Outcome] = []
    period = Period(dt.date(2000, 1, 1), dt.date(2000, 1, 1))
    return indicators(nobody, period, as_of=period.end)


def stored_cells(cells: list[Cell]) -> dict[str, list[Any]]:
    """Figures as a region's stored row keeps them: {name: [value, people, kind]}."""
    return {cell.name: [cell.value, cell.n, cell.kind] for cell in cells}


def cells_of(stored: Mapping[str, Sequence[Any]]) -> list[Cell]:
    return [Cell(name, value, n, kind) for name, (value, n, kind) in stored.items()]


def figures_shape(shown: Shown) -> dict[str, Any]:
    """Shown figures nested as the summary nests them, with `suppressed`."""
    body: dict[str, Any] = {}
    for name, value in shown.values.items():
        _nest(body, name, value)
    body["suppressed"] = sorted(shown.hidden)
    return body


def _nest(into: dict[str, Any], dotted: str, value: Any) -> None:
    *path, last = dotted.split(".")
    for key in path:
        into = into.setdefault(key, {})
    into[last] = value


def summary_shape(
    ind: Indicators,
    *,
    exact: bool,
    targets: Sequence[Target] = (),
    achieved_percent: int = 100,
    good_percent: int = 80,
    period_extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The summary as the API returns it: every figure, None where hidden from this reader,
    the KPIs with their grades, and `suppressed`, the dotted names of every None figure."""
    cells, relations = summary_cells(ind)
    shown: Shown = suppress(cells, relations, exact=exact)
    body: dict[str, Any] = {
        "period": {
            "from": ind.period.start.isoformat(),
            "to": ind.period.end.isoformat(),
            **(period_extra or {}),
        }
    }
    for name, value in shown.values.items():
        _nest(body, name, value)
    hidden = set(shown.hidden)
    kpis = []
    for target in targets:
        figure = KPI_FIGURES[target.code]
        actual = shown.values[figure]
        if actual is None:
            hidden.add(f"kpis.{target.code}.actual")
        kpis.append(
            {
                "code": target.code,
                "label": target.label,
                "target": target.target,
                "actual": actual,
                "grade": grade(
                    actual,
                    target.target,
                    achieved_percent=achieved_percent,
                    good_percent=good_percent,
                ),
            }
        )
    body["kpis"] = kpis
    body["suppressed"] = sorted(hidden)
    return body


def table_cells(
    prefix: str,
    rows: Mapping[str, Mapping[str, tuple[int, int]]],
    columns: Sequence[str],
    *,
    total_people: Mapping[str, int] | None = None,
) -> tuple[list[Cell], list[Relation]]:
    """A table of counts or sums — rows (cohorts, months) by columns, each (value, people) —
    with its total row: each column adds up to its total, so a hidden cell needs a second one
    in its column. Sums (yen) are columns whose name ends in "_jpy". `total_people` gives the
    number of distinct people behind a column's total where one person can be in several
    rows (paid in several months); otherwise the rows' people are added up."""
    cells: list[Cell] = []
    relations: list[Relation] = []
    for column in columns:
        names = []
        total = people = 0
        kind: Any = "sum" if column.endswith("_jpy") else "count"
        for key, row in rows.items():
            value, n = row.get(column, (0, 0))
            total += value
            people += n
            name = f"{prefix}.{key}.{column}"
            cells.append(Cell(name, value, n, kind))
            names.append(name)
        if total_people is not None and column in total_people:
            people = total_people[column]
        cells.append(Cell(f"{prefix}.total.{column}", total, people, kind))
        relations.append(Sum(f"{prefix}.total.{column}", tuple(names)))
    return cells, relations


def cohort_cells(
    funnels: Mapping[str, Mapping[str, int]],
) -> tuple[list[Cell], list[Relation]]:
    """The funnel by cohort (rows) and stage (columns) with its total row."""
    rows = {key: {stage: (n, n) for stage, n in row.items()} for key, row in funnels.items()}
    return table_cells("cohorts", rows, STAGES)
