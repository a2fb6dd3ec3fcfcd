"""Tenant scoping by construction.

Every tenant-owned model uses `RegionScopedManager` as its default manager. Querying it
outside `region_scope(region)` raises `ScopeError` (django-scopes), so a query that forgot
its region fails loudly instead of reading another region's rows. Application code that
truly works across regions (the national comparison, a user's own memberships, the demo
seed, the admin for superusers) says so and why with `cross_region("reason")`; bare
`scopes_disabled()` is left to migrations, benchmarks and tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import models
from django_scopes import ScopedManager, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

if TYPE_CHECKING:
    from sousei.core.models import Region

__all__ = ["RegionOwned", "ScopeError", "cross_region", "region_scope", "scopes_disabled"]


@contextmanager
def region_scope(region: Region) -> Iterator[Region]:
    """Activate the region scope: queries on tenant-owned models see only this region."""
    with scope(region=region):
        yield region


@contextmanager
def cross_region(reason: str) -> Iterator[None]:
    """Declare work that spans regions on purpose (a write into several regions' rows, a
    national read): the scopes are off, and the single-region query check of
    docs/adr/0002-past-one-machine.md counts its statements as declared. Say why in `reason`."""
    if not reason:
        raise ValueError("cross_region needs a reason.")
    with scopes_disabled():
        yield


class RegionOwned(models.Model):
    """Abstract base of every tenant-owned table: a non-null, indexed region and a scoped
    manager. Child rows carry the region too, so the database can be distributed by it."""

    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, db_index=True, related_name="+"
    )

    objects: Any = ScopedManager(region="region")

    class Meta:
        abstract = True
