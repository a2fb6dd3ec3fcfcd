"""Spaces' panel on the region dashboard: today's occupancy for the space manager
(registered in SpacesConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.spaces import selectors
from sousei.spaces.models import Space


def manager_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    today = timezone.localdate()
    now = timezone.now()
    spaces = list(Space.objects.filter(active=True).order_by("name", "id")[:5])
    return {
        "occupancies": [selectors.occupancy(space=space, day=today, now=now) for space in spaces]
    }


def register() -> None:
    panel_register(
        Panel(
            name="spaces.today",
            roles=frozenset({Role.SPACE_MANAGER}),
            template="spaces/_panel_manager.html",
            context=manager_context,
        )
    )
