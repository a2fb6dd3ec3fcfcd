"""The single-region query check (docs/adr/0002-past-one-machine.md).

A distributed PostgreSQL (Citus, distribution column `region_id`) answers a query from one
shard when the query names one region. This module watches every SQL statement a test runs and
classifies each one that touches a tenant table (a table with a `region_id` column, i.e. every
`RegionOwned` model):

- confined: every `region_id = %s` / `region_id IN (…)` condition and every inserted row names
  one and the same region;
- declared: issued inside `scopes_disabled()` (which `cross_region` wraps): the code says it
  works across regions on purpose, e.g. the national comparison or the superuser admin;
- by key: no region condition, but the statement selects, updates or deletes rows by primary key
  only (`"t"."id" = %s`, `"t"."id" IN (…)`): Django's `save()`, `delete()`, `refresh_from_db()`
  and lazy foreign keys. Once the primary keys are `(region_id, id)` these carry the region too
  (migration step 3 of the ADR); until then they are counted, not failed;
- multi-region: region conditions or inserted rows name more than one region: a failure;
- unconfined: none of the above, a query that would fan out to every shard: a failure.

Statements issued from test code (a frame under `tests/` or a `tests` package without any
application frame between) are test setup and assertions, not the application: they are not
checked. The cost per statement is a few regular-expression searches; the stack is only walked
for the statements that are not confined.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection
from django_scopes.state import get_scope

from sousei.core.models import Region

_REGION_CONDITION = re.compile(r'(?:"\w+"|\b[A-Z]\d+)\."region_id" (?:= %s|IN \(((?:%s, )*%s)\))')
_KEY_CONDITION = re.compile(r'"(\w+)"\."(\w+)" (?:= %s|IN \((?:%s, )*%s\))')
_QUOTED = re.compile(r'"(\w+)"')
_WHERE = re.compile(r"\bWHERE\b")
_INSERT = re.compile(r'^INSERT INTO "(\w+)" \(([^)]*)\)')


@cache
def tenant_tables() -> frozenset[str]:
    """Every table with a region foreign key: the tables Citus would distribute by region."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Region and f.column == "region_id":
                tables.add(model._meta.db_table)
    return frozenset(tables)


@cache
def tenant_keys() -> dict[str, frozenset[str]]:
    """Per tenant table, the columns that name rows of one region: its primary key and its
    foreign keys to other tenant tables (a child row lives in its parent's region)."""
    tables = tenant_tables()
    keys: dict[str, frozenset[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table not in tables:
            continue
        columns = {model._meta.pk.column}
        for f in model._meta.concrete_fields:
            related = f.related_model if f.is_relation else None
            if related is not None and related._meta.db_table in tables:
                columns.add(f.column)
        keys[model._meta.db_table] = frozenset(c for c in columns if c is not None)
    return keys


@dataclass
class Finding:
    kind: str
    sql: str
    site: str


@dataclass
class RegionQueryLog:
    tables: frozenset[str]
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def wrapper(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        if isinstance(sql, str) and not many:
            self.check(sql, params)
        return execute(sql, params, many, context)

    def check(self, sql: str, params: Sequence[Any] | None) -> None:
        touched = self.tables.intersection(_QUOTED.findall(sql))
        if not touched:
            return
        kind = classify(sql, list(params or ()), touched)
        if kind == "confined":
            self.counts[kind] += 1
            return
        site = application_site()
        if site is None:
            self.counts["test code"] += 1
            return
        if get_scope().get("_enabled", True) is False:
            kind = "declared"
        self.counts[kind] += 1
        if kind in {"multi-region", "unconfined"}:
            self.findings.append(Finding(kind, sql, site))

    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in {"multi-region", "unconfined"}]


def classify(sql: str, params: list[Any], touched: Set[str]) -> str:
    values = region_values(sql, params)
    if values is None:
        return "unconfined"  # a statement whose parameters we cannot read
    if len(values) > 1:
        return "multi-region"
    if len(values) == 1:
        return "confined"
    if sql.startswith("INSERT"):
        return "unconfined"
    if _WHERE.search(sql) and by_key_only(sql, touched):
        return "by key"
    return "unconfined"


def region_values(sql: str, params: list[Any]) -> set[Any] | None:
    """The regions the statement names: in its region conditions and in inserted rows."""
    values: set[Any] = set()
    insert = _INSERT.match(sql)
    if insert:
        columns = [c.strip().strip('"') for c in insert.group(2).split(",")]
        if "region_id" in columns:
            index, width = columns.index("region_id"), len(columns)
            if "UNNEST(" in sql:  # PostgreSQL bulk insert: one array per column
                column = params[index] if len(params) == width else None
                if not isinstance(column, list | tuple):
                    return None
                values.update(column)
            elif width and len(params) % width == 0:
                values.update(params[index::width])
            else:
                return None
    for match in _REGION_CONDITION.finditer(sql):
        first = placeholder_index(sql, match.start())
        count = match.group(1).count("%s") if match.group(1) else 1
        values.update(params[first : first + count])
    return values


def placeholder_index(sql: str, position: int) -> int:
    """How many parameter placeholders come before `position` (`%%` is a literal percent)."""
    return sql[:position].replace("%%", "").count("%s")


def by_key_only(sql: str, touched: Set[str]) -> bool:
    """Some tenant table in the statement is looked up by its primary key or by a foreign key
    to another tenant table's rows; the other tables are reached through joins."""
    keys = tenant_keys()
    return any(column in keys.get(table, ()) for table, column in _KEY_CONDITION.findall(sql))


def application_site() -> str | None:
    """The innermost frame of project code that is not a test, or None when the statement comes
    from test code (factories, fixtures, assertions)."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename == __file__:
            frame = frame.f_back  # type: ignore[assignment]
            continue
        if "/sousei/" in filename or filename.endswith("/conftest.py"):
            if "/tests/" in filename or filename.endswith("/conftest.py"):
                return None
            return f"{filename.split('/sousei/', 1)[1]}:{frame.f_lineno} ({frame.f_code.co_name})"
        if "/tests/" in filename and "site-packages" not in filename:
            return None
        frame = frame.f_back  # type: ignore[assignment]
    return "(no project frame)"


@contextmanager
def region_queries_checked() -> Iterator[RegionQueryLog]:
    log = RegionQueryLog(tenant_tables())
    with connection.execute_wrapper(log.wrapper):
        yield log
