"""Which tables a backup holds, in which order, and which of their rows.

Every concrete model counts, the many-to-many tables Django creates included, except the
tables that hold no data worth keeping (`NOT_DATA`). Tables are ordered so that a table comes
after every table it points at (`dependency_order`). A backup of one region
(`region_querysets`) holds that region's rows of every region-owned table, the region row,
the shared reference tables whole, and only the accounts and organisations its rows point at
(members of the region included: their memberships point at them).

Reads go through each model's `_base_manager`, never its scoped default manager, and callers
run them inside `cross_region("backup")`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from sousei.core.models import Region
from sousei.core.scoping import RegionOwned

# Not data to keep: sign-in sessions (everyone signs in again after a restore), the sign-in
# throttle's attempts and logs and the public forms' counts (short-lived security state),
# and the task queue (its results are logs; what a pending task would have done is redone by
# the daily commands and the outbox, which is kept).
NOT_DATA = frozenset(
    {
        "sessions.Session",
        "axes.AccessAttempt",
        "axes.AccessAttemptExpiration",
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "core.ThrottleCount",
        "django_tasks_database.DBTaskResult",
    }
)

# Shared reference data every region reads: kept whole in a one-region backup.
SHARED = frozenset(
    {
        "contenttypes.ContentType",
        "auth.Permission",
        "auth.Group",
        "auth.Group_permissions",
        "core.MinimumWage",
        "training.Skill",
        "training.ToolProduct",
    }
)

# Left out of a one-region backup: the admin's change history names objects of every region
# in free text (object_repr), so it cannot be cut by region.
WHOLE_DATABASE_ONLY = frozenset({"admin.LogEntry"})


def label(model: type[models.Model]) -> str:
    return model._meta.label


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def dependency_order(selected: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """The models, each after the models its foreign keys point at (a cycle, or a key to its
    own table, is broken by name order); ties in name order, so the order is stable."""
    pending = {label(m): m for m in selected}
    needs = {
        name: {
            label(f.related_model)
            for f in foreign_keys(model)
            if label(f.related_model) in pending and label(f.related_model) != name
        }
        for name, model in pending.items()
    }
    ordered: list[type[models.Model]] = []
    done: set[str] = set()
    while pending:
        ready = sorted(name for name in pending if needs[name] <= done)
        if not ready:  # a cycle: take the first by name, its keys are checked at commit
            ready = [min(pending)]
        for name in ready:
            ordered.append(pending.pop(name))
            done.add(name)
    return ordered


def backed_up_models(*, one_region: bool = False) -> list[type[models.Model]]:
    """Every concrete model whose rows a backup keeps, in dependency order."""
    chosen = [
        m
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.proxy
        and m._meta.managed
        and label(m) not in NOT_DATA
        and not (one_region and label(m) in WHOLE_DATABASE_ONLY)
    ]
    return dependency_order(chosen)


def cleared_models() -> list[type[models.Model]]:
    """The tables a restore empties before it writes: every table holding data."""
    return backed_up_models()


def is_region_owned(model: type[models.Model]) -> bool:
    return issubclass(model, RegionOwned)


def region_querysets(
    region: Region, ordered: list[type[models.Model]]
) -> dict[str, models.QuerySet[Any]]:
    """The rows of one region, per model label (see the module's docstring)."""
    user_model = get_user_model()
    picked: dict[str, models.QuerySet[Any]] = {}
    # Rows owned by the region, and the shared reference tables.
    for model in ordered:
        rows = model._base_manager.all()
        if is_region_owned(model):
            picked[label(model)] = rows.filter(region=region)
        elif label(model) in SHARED:
            picked[label(model)] = rows
    # The rows they point at that belong to no region: accounts, organisations, and other
    # regions' rows named on purpose (an opening's residence region).
    wanted: dict[str, set[Any]] = {label(Region): {region.pk}}
    for rows in list(picked.values()):
        for fk in foreign_keys(rows.model):
            target = fk.related_model
            if is_region_owned(target) or label(target) in SHARED:
                continue
            ids = rows.exclude(**{fk.attname: None}).values_list(fk.attname, flat=True)
            wanted.setdefault(label(target), set()).update(ids.distinct())
    for model in ordered:
        name = label(model)
        if name in picked:
            continue
        if name in wanted:
            picked[name] = model._base_manager.filter(pk__in=wanted[name])
            continue
        # Rows hanging off picked rows: a user's tokens and groups, a project's tools.
        hooks = [f for f in foreign_keys(model) if label(f.related_model) in picked]
        owners = [f for f in hooks if label(f.related_model) not in SHARED]
        if owners:
            fk = owners[0]
            picked[name] = model._base_manager.filter(
                **{f"{fk.attname}__in": picked[label(fk.related_model)].values("pk")}
            )
    # An account table with no rows pointing at it still exists in the backup (empty).
    picked.setdefault(label(user_model), user_model._base_manager.none())
    return {label(m): picked[label(m)] for m in ordered if label(m) in picked}
