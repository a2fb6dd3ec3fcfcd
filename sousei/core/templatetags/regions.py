"""The region switcher (`{% load regions %}{% region_switch as choices %}`): the regions
where the signed-in caller holds a role, each with where switching takes them. Rendered by
`core/_region_switch.html`; one query (the regions), the caller's memberships being read
once per request already."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from sousei.core.access import roles_by_region
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.selectors import regions_of

register = template.Library()


@dataclass(frozen=True)
class RegionChoice:
    region: Region
    url: str
    current: bool


def _switch_url(request: Any, region: Region, same_page: bool) -> str:
    """The same list page in the other region when the caller holds the same roles there
    (a page that names no object), else the region's dashboard."""
    match = getattr(request, "resolver_match", None)
    if same_page and match is not None:
        try:
            return reverse(match.view_name, kwargs={"slug": region.slug})
        except NoReverseMatch:
            pass
    return reverse("dashboard", kwargs={"slug": region.slug})


@register.simple_tag(takes_context=True)
def region_switch(context: template.Context) -> list[RegionChoice]:
    """The caller's regions when they hold a role in more than one, else none."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return []
    held = roles_by_region(request)
    if len(held) < 2:
        return []
    current: Region | None = getattr(request, "region", None)
    match = getattr(request, "resolver_match", None)
    list_page = match is not None and set(match.kwargs) == {"slug"}
    here = held.get(current.pk, frozenset()) if current is not None else frozenset()
    return [
        RegionChoice(
            region=region,
            url=_switch_url(request, region, list_page and held[region.pk] == here),
            current=current is not None and region.pk == current.pk,
        )
        for region in regions_of(region_ids=held)
    ]


@register.simple_tag(takes_context=True)
def runs_programs(context: template.Context) -> bool:
    """Whether the caller is an operator somewhere (the company's programs page is theirs)."""
    request = context.get("request")
    if request is None:
        return False
    return any(Role.OPERATOR in roles for roles in roles_by_region(request).values())
