"""Dashboard panels contributed by the apps built on top of people.

The dashboard page lives in people, which must not import the apps that depend on it
(training, staffing, …). Those apps register panels here from their AppConfig.ready();
the dashboard renders the panels for the caller's roles, each with its own template.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from sousei.core.models import Region


@dataclass(frozen=True)
class Panel:
    name: str
    roles: frozenset[str]
    template: str
    context: Callable[[HttpRequest, Region], dict[str, Any]]


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    template: str
    context: dict[str, Any]


_PANELS: dict[str, Panel] = {}


def panel_register(panel: Panel) -> None:
    """Add (or replace, by name) a dashboard panel."""
    _PANELS[panel.name] = panel


def panels_for(request: HttpRequest, region: Region, roles: Collection[str]) -> list[RenderedPanel]:
    """The panels the caller's roles see, in registration order, with their context."""
    return [
        RenderedPanel(panel.name, panel.template, panel.context(request, region))
        for panel in _PANELS.values()
        if panel.roles & set(roles)
    ]
