"""Careers' panel on the region dashboard: outcomes so far (registered from CareersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.careers import selectors
from sousei.core.access import region_roles
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
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


def evaluations_to_write(request: HttpRequest, region: Region) -> int:
    return selectors.evaluation_queue_count(reader=staffing_reader(request, region))


def register() -> None:
    queue_register(
        QueueItem(
            name="careers.evaluations",
            roles=frozenset({Role.OPERATOR, Role.CLIENT}),
            label=_("Evaluations to write"),
            url="evaluation-list",
            count=evaluations_to_write,
        )
    )
    panel_register(
        Panel(
            name="careers.outcomes",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="careers/career_panel.html",
            context=panel_context,
        )
    )
