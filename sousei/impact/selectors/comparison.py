"""The one cross-region read of impact: figures region by region for a fiscal year.

Every other read stays inside one region's scope; this one says so (`cross_region`) and
reads only the regions the caller may compare:

- a user with the operator role in several regions compares those regions;
- the program's owner nationally (a superuser) compares every region;
- a municipality compares its own region with the regions where both it and they opted in to
  benchmarking (`BenchmarkOptIn`).

The figures come from `RegionFigures` (one row per region and year, kept with the outcome
records), so 1,741 regions are one query; the small-group rule applies to everyone here,
operators included. The caller's service audits the read in each region compared
(`services.comparison_audit`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import cross_region
from sousei.impact.figures import cells_of, figures_shape, summary_relations
from sousei.impact.models import BenchmarkOptIn, RegionFigures
from sousei.impact.suppression import suppress


def comparable_regions(*, user: User) -> list[Region]:
    """The regions this user may compare, by code."""
    with cross_region("the regions a user may compare, from their roles and the opt-ins"):
        if user.is_superuser:
            return list(Region.objects.order_by("code"))
        roles = list(
            Membership.objects.filter(
                user=user, role__in=(Role.OPERATOR, Role.MUNICIPALITY)
            ).values_list("region_id", "role")
        )
        operated = {region_id for region_id, role in roles if role == Role.OPERATOR}
        governed = {region_id for region_id, role in roles if role == Role.MUNICIPALITY}
        allowed = set(operated) | governed
        opted = set(
            BenchmarkOptIn.objects.filter(opted_in=True).values_list("region_id", flat=True)
        )
        if governed & opted:
            allowed |= opted
        return list(Region.objects.filter(id__in=allowed).order_by("code"))


def impact_comparison(*, regions: list[Region], fiscal_year: int) -> list[dict[str, Any]]:
    """Each region's figures of the fiscal year, small groups hidden; regions without figures
    yet are listed with none."""
    relations = summary_relations()
    with cross_region("the national comparison reads each region's kept figures"):
        stored = dict(
            RegionFigures.objects.filter(region__in=regions, fiscal_year=fiscal_year).values_list(
                "region_id", "cells"
            )
        )
    rows = []
    for region in regions:
        cells = stored.get(region.pk)
        figures = figures_shape(suppress(cells_of(cells), relations)) if cells else None
        rows.append(
            {
                "region": region.slug,
                "code": region.code,
                "name": region.name_ja,
                "fiscal_year": fiscal_year,
                "figures": figures,
            }
        )
    return rows
