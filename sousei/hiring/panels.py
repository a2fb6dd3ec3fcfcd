"""Hiring's panel on the region dashboard: the recruiting funnel (registered from
HiringConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.hiring.funnel import funnel


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def register() -> None:
    panel_register(
        Panel(
            name="hiring.funnel",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="hiring/_panel_funnel.html",
            context=funnel_context,
        )
    )
