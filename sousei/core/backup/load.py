"""Restore a backup into a migrated database: check first (every checksum, the migration
state, the columns, an empty database), then in one transaction empty the tables, insert the
rows in dependency order in batches, reset PostgreSQL's sequences and write the media files."""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction

from sousei.core.backup.archive import (
    BackupError,
    Manifest,
    applied_migrations,
    checksums_verify,
    columns_of,
    manifest_read,
    migration_state,
    open_archive,
)
from sousei.core.backup.hooks import after_restore_run
from sousei.core.backup.plan import cleared_models
from sousei.core.models import Region
from sousei.core.scoping import cross_region

BATCH = 1000


@dataclass
class RestoreSummary:
    rows: dict[str, int]
    files: int
    seconds: float
    erasure_replay_after: int | None
    # What the after-restore hooks did (the privacy app's replay of later erasures).
    after_restore: list[str]


def restore(path: Path, *, replace: bool = False) -> RestoreSummary:
    started = time.perf_counter()
    with open_archive(Path(path)) as archive:
        manifest = manifest_read(archive)
        checksums_verify(archive, manifest)
        models_by_table = _check_schema(manifest)
        with cross_region("restore"):
            if not replace and Region._base_manager.exists():
                slugs = ", ".join(Region._base_manager.values_list("slug", flat=True)[:5])
                raise BackupError(
                    f"This database already holds regions ({slugs}): restore into an empty, "
                    "migrated database, or add --replace to delete everything in it first."
                )
            with transaction.atomic():
                _clear()
                rows = {
                    table["model"]: _insert(archive, table, models_by_table[table["model"]])
                    for table in manifest.tables
                }
                _reset_sequences([models_by_table[t["model"]] for t in manifest.tables])
                for item in manifest.media:
                    _write_file(item["name"], archive.read(item["member"]))
            # After the commit: what the backup predates (erasures) is applied again.
            done = after_restore_run(manifest.data)
    return RestoreSummary(
        rows=rows,
        files=len(manifest.media),
        seconds=time.perf_counter() - started,
        erasure_replay_after=manifest.data.get("erasure_replay", {}).get("after_audit_entry_id"),
        after_restore=done,
    )


def _check_schema(manifest: Manifest) -> dict[str, type[models.Model]]:
    """The database is at the backup's migration state, and every table has its columns."""
    theirs: dict[str, str] = manifest.data.get("migrations", {})
    applied = applied_migrations()
    ours = migration_state()
    ahead = sorted(f"{app} {name}" for app, name in theirs.items() if (app, name) not in applied)
    if ahead:
        raise BackupError(
            "This backup comes from a newer schema than this database ("
            + ", ".join(ahead[:5])
            + f"; made by Sousei {manifest.data.get('sousei_version')}). Upgrade Sousei and "
            "run `sousei migrate`, then restore."
        )
    behind = sorted(f"{app} {name}" for app, name in ours.items() if theirs.get(app) != name)
    if behind:
        steps = " ".join(f"`sousei migrate {app} {theirs[app]}`" for app in sorted(theirs))
        raise BackupError(
            "This database's schema is newer than the backup's ("
            + ", ".join(behind[:5])
            + "). Migrate an empty database to the backup's state first ("
            + steps
            + "), restore, then run `sousei migrate`."
        )
    found: dict[str, type[models.Model]] = {}
    for table in manifest.tables:
        try:
            model = apps.get_model(table["model"])
        except LookupError:
            raise BackupError(f"The backup holds {table['model']}, a table unknown here.") from None
        if table["columns"] != columns_of(model):
            raise BackupError(
                f"The columns of {table['model']} in the backup differ from this database's; "
                "it was made with a different schema."
            )
        found[table["model"]] = model
    return found


def _clear() -> None:
    """Empty every data table: a migrated database already holds rows (content types,
    permissions, reference data) that the backup's rows replace."""
    tables = [m._meta.db_table for m in cleared_models()]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in tables))
        else:
            for table in reversed(tables):
                cursor.execute(f"DELETE FROM {quote(table)}")


def _converters(model: type[models.Model]) -> list[Callable[[Any], Any]]:
    """For each column, from the backup's JSON to the value the database driver takes."""
    out: list[Callable[[Any], Any]] = []
    for f in model._meta.concrete_fields:

        def convert(value: Any, f: models.Field[Any, Any] = f) -> Any:
            if value is None:
                return None
            if not isinstance(f, models.JSONField):
                value = f.to_python(value)
            return f.get_db_prep_save(value, connection)

        out.append(convert)
    return out


def _lines(archive: zipfile.ZipFile, member: str) -> Iterator[dict[str, Any]]:
    with archive.open(member) as stream:
        for line in stream:
            yield json.loads(line)


def _insert(archive: zipfile.ZipFile, table: dict[str, Any], model: type[models.Model]) -> int:
    columns = list(table["columns"])
    converters = _converters(model)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in _lines(archive, table["member"]):
            batch.append([convert(row[c]) for c, convert in zip(columns, converters, strict=True)])
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    if count != table["rows"]:
        raise BackupError(
            f"{table['model']}: the manifest says {table['rows']} rows, read {count}."
        )
    return count


def _reset_sequences(restored: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _write_file(name: str, content: bytes) -> None:
    """The file under its stored name, replacing any file of that name."""
    if isinstance(default_storage, FileSystemStorage):
        target = Path(default_storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        raise BackupError(f"The storage saved {name} as {saved}.")
