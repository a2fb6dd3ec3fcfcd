"""Impact's panel on the region dashboard: this fiscal year's KPIs with their grades, and for
operators the residence checks waiting for an answer (registered from ImpactConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import region_reader
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.impact import page, selectors
from sousei.impact.indicators import fiscal_year_of


def panel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    reader = region_reader(request, region)
    today = clock.today()
    year = fiscal_year_of(today)
    period = selectors.SummaryPeriod(selectors.SummaryPeriod.fiscal_year(year).start, today)
    summary = selectors.impact_summary(region=region, period=period, reader=reader)
    context: dict[str, Any] = {
        "summary": summary,
        "kpis": page.kpi_rows(summary["kpis"]),
        "fiscal_year": year,
        "operator": False,
    }
    if Role.OPERATOR in reader.roles:
        context["operator"] = True
        context["checks_open"] = len(selectors.residence_checks_open())
    return context


def residence_checks(request: HttpRequest, region: Region) -> int:
    return selectors.residence_checks_open_count()


def register() -> None:
    queue_register(
        QueueItem(
            name="impact.residence_checks",
            roles=frozenset({Role.OPERATOR}),
            label=_("Residence checks waiting for an answer"),
            url="impact-page",
            path="impact/",
            count=residence_checks,
        )
    )
    panel_register(
        Panel(
            name="impact.kpis",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="impact/impact_panel.html",
            context=panel_context,
        )
    )
