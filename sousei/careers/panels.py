"""Careers' audit labels and its dashboard panel (registered from CareersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from sousei.careers import selectors
from sousei.core.access import region_roles
from sousei.core.audit import action_labels_register
from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.projects.access import staffing_reader

CAREER_LABELS = {
    "evaluation.record": gettext_lazy("Assignment evaluated"),
    "career_outcome.record": gettext_lazy("Career outcome recorded"),
}


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
    action_labels_register(CAREER_LABELS)
    panel_register(
        Panel(
            name="careers.outcomes",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="careers/career_panel.html",
            context=panel_context,
        )
    )
