"""Template context every page needs: the current region, the caller's roles there and the
site's menu for them (sousei.core.navigation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core.access import region_roles
from sousei.core.navigation import site_menu


def navigation(request: HttpRequest) -> dict[str, Any]:
    region = getattr(request, "region", None)
    if region is None:
        return {"current_region": None, "current_roles": frozenset(), "site_menu": []}
    roles = region_roles(request, region)
    match = getattr(request, "resolver_match", None)
    here = match.url_name if match is not None else None
    return {
        "current_region": region,
        "current_roles": roles,
        "site_menu": site_menu(roles=roles, slug=region.slug, here=here),
    }
