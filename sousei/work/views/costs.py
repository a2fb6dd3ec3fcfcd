"""The client's costs per project and month (hours × rate), as a page and as CSV."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sousei.core import clock
from sousei.core.access import region_view
from sousei.core.exports import csv_download
from sousei.core.forms import query_int
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.text import format_month, format_month_ja, hours_text
from sousei.projects.access import staffing_reader
from sousei.work.selectors.costs import ProjectMonthCost, cost_years, project_month_costs

COST_READERS = frozenset({Role.CLIENT, Role.OPERATOR})
CSV_HEADINGS = ["年月", "案件", "発注企業", "承認済み時間", "費用（円）"]


@dataclass(frozen=True)
class CostLine:
    cost: ProjectMonthCost
    month: str
    hours: str


def _year(request: HttpRequest) -> int:
    """The year asked for (?year=), the current one when absent or out of range."""
    this_year = clock.today().year
    asked = query_int(request, "year")
    return asked if asked is not None and 2000 <= asked <= this_year + 1 else this_year


@region_view(roles=COST_READERS)
def project_costs(request: HttpRequest, region: Region) -> HttpResponse:
    """Approved hours × rate per project and month, for the caller's companies' projects."""
    year = _year(request)
    reader = staffing_reader(request, region)
    costs = project_month_costs(reader=reader, year=year)
    lines = [CostLine(c, format_month(c.month), hours_text(c.minutes)) for c in costs]
    # This year, the one shown, and the years with approved hours: no tab opens on nothing
    # but the current year's.
    years = sorted({clock.today().year, year, *cost_years(reader=reader)}, reverse=True)
    return render(
        request,
        "work/project_costs.html",
        {
            "region": region,
            "year": year,
            "years": years,
            "lines": lines,
            "total_jpy": sum(c.cost_jpy for c in costs),
            "total_hours": hours_text(sum(c.minutes for c in costs)),
        },
    )


@region_view(roles=COST_READERS)
def project_costs_csv(request: HttpRequest, region: Region) -> HttpResponse:
    """The same rows as CSV, UTF-8 with a byte-order mark so Excel opens the Japanese."""
    year = _year(request)
    costs = project_month_costs(reader=staffing_reader(request, region), year=year)
    return csv_download(
        f"costs-{region.slug}-{year}.csv",
        CSV_HEADINGS,
        (
            [
                format_month_ja(cost.month),
                cost.project_title,
                cost.client_name,
                hours_text(cost.minutes),
                cost.cost_jpy,
            ]
            for cost in costs
        ),
    )
