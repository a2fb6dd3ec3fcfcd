"""A property of the exports: on generated outcome records, the city's workbook writes a
number only for a figure computed from enough people, and x for every other — the same
figures its summary shows, never one more (no database: the builders take plain data)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sousei.impact.definitions import figures
from sousei.impact.figures import Target, cohort_cells, summary_cells, summary_shape
from sousei.impact.indicators import STAGES, Outcome, Period, funnel_by_cohort, indicators
from sousei.impact.report import ImpactReport
from sousei.impact.report_xlsx import report_workbook
from sousei.impact.suppression import suppress, too_few
from sousei.impact.tests.test_suppression import outcomes

D = dt.date
PERIOD = Period(D(2026, 4, 1), D(2027, 3, 31))


def city_report(records: list[Outcome]) -> ImpactReport:
    computed = indicators(records, PERIOD, as_of=D(2027, 12, 31))
    summary = summary_shape(
        computed,
        exact=False,
        targets=[Target("completers", "研修修了者数", 10), Target("placed", "参画", 5)],
        period_extra={"fiscal_year": 2026},
    )
    funnels = {k: f.as_dict() for k, f in funnel_by_cohort(records).items()}
    cells, relations = cohort_cells(funnels)
    shown = suppress(cells, relations)
    cohorts = {
        "cohorts": {k: {s: shown.values[f"cohorts.{k}.{s}"] for s in STAGES} for k in funnels},
        "total": {s: shown.values[f"cohorts.total.{s}"] for s in STAGES},
        "suppressed": sorted(shown.hidden),
    }
    empty_trend: dict[str, Any] = {"months": {}, "total": {}, "suppressed": []}
    return ImpactReport(
        region_name="古賀市",
        region_slug="koga",
        start=PERIOD.start,
        end=PERIOD.end,
        cohort=False,
        generated_at=timezone.make_aware(dt.datetime(2027, 12, 31, 9)),
        exact=False,
        summary=summary,
        cohorts=cohorts,
        trend=empty_trend,
        kpi_history=(),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(outcomes(), max_size=20))
def test_the_city_workbook_writes_only_figures_from_enough_people(
    records: list[Outcome],
) -> None:
    report = city_report(records)
    cells = {
        cell.name: cell
        for cell in summary_cells(indicators(records, PERIOD, as_of=D(2027, 12, 31)))[0]
    }
    book = load_workbook(io.BytesIO(report_workbook(report)))
    rows = list(book["概要"].iter_rows(values_only=True))
    with translation.override("ja"):
        listed = {str(f.label): f.name for f in figures()}
    written = {listed[row[1]]: row[2] for row in rows if row[1] in listed}
    assert written.keys() == set(listed.values())
    for name, value in written.items():
        if value == "x":
            assert name in report.summary["suppressed"]
        else:
            assert not too_few(cells[name]), name
            assert value == cells[name].value or abs(value - cells[name].value) < 1e-9
    # The cohort sheet: an x wherever the table hid a cell, the value everywhere else.
    cohort_rows = list(book["ファネル(コホート)"].iter_rows(values_only=True))
    hidden = set(report.cohorts["suppressed"])
    for key, row in report.cohorts["cohorts"].items():
        label = f"{key.removeprefix('FY')}年度"
        line = next(r for r in cohort_rows if r[0] == label)
        for stage, value in zip(STAGES, line[1:7], strict=True):
            assert (value == "x") == (f"cohorts.{key}.{stage}" in hidden)
            if value != "x":
                assert value == row[stage]
