"""Dashboard panels contributed by the apps built on top of people.

The dashboard page lives in people, which must not import the apps that depend on it
(training, staffing, …). Those apps register panels here from their AppConfig.ready();
the dashboard renders the panels for the caller's roles, each with its own template.

Above the panels, the dashboard is a work queue: "what awaits me today". Each app registers
its `QueueItem`s (a label, the roles it concerns, the list it links to, and a count made in
one query), so the queue costs one query per item whatever the amount of data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

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


@dataclass(frozen=True)
class QueueItem:
    """Work that waits on the caller: `count(request, region)` makes one query; the item links
    to the list `url` (a region URL name) with `query` appended, or to `path` under the region
    when that URL name is not installed."""

    name: str
    roles: frozenset[str]
    label: Promise
    url: str
    count: Callable[[HttpRequest, Region], int]
    query: str = ""
    path: str = ""


@dataclass(frozen=True)
class QueuedWork:
    name: str
    label: Promise
    href: str
    count: int


_QUEUE: dict[str, QueueItem] = {}


def queue_register(item: QueueItem) -> None:
    """Add (or replace, by name) an item of the dashboard's work queue."""
    _QUEUE[item.name] = item


def _href(item: QueueItem, region: Region) -> str | None:
    try:
        return reverse(item.url, kwargs={"slug": region.slug}) + item.query
    except NoReverseMatch:
        return f"/r/{region.slug}/{item.path}{item.query}" if item.path else None


def queue_for(request: HttpRequest, region: Region, roles: Collection[str]) -> list[QueuedWork]:
    """What awaits the caller's roles today, in registration order, each with its count."""
    held = set(roles)
    work = []
    for item in _QUEUE.values():
        if not item.roles & held:
            continue
        href = _href(item, region)
        if href is not None:
            work.append(QueuedWork(item.name, item.label, href, item.count(request, region)))
    return work
