"""Template context every page needs: the current region and the caller's roles there."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core.access import region_roles


def navigation(request: HttpRequest) -> dict[str, Any]:
    region = getattr(request, "region", None)
    roles = region_roles(request, region) if region is not None else frozenset()
    return {"current_region": region, "current_roles": roles}
