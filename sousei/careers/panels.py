"""Careers' panel on the region dashboard: outcomes so far (registered from CareersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.careers import selectors
from sousei.core.access import region_roles
from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.projects.access import staffing_reader


def panel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    roles = region_roles(request, region)
    context: dict[str, Any] = {"summary": selectors.outcome_summary(), "operator": False}
    if Role.OPERATOR in roles:
        context["operator"] = True
        context["moved_away"] = selectors.moved_away(limit=5)
        context["waiting"] = len(
            selectors.evaluation_queue(reader=staffing_reader(request, region))
        )
    return context


def register() -> None:
    panel_register(
        Panel(
            name="careers.outcomes",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="careers/career_panel.html",
            context=panel_context,
        )
    )
