"""Write a backup: every table (or one region's rows) and the media, read in one consistent
snapshot, into a ZIP with its manifest (archive.py)."""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from sousei.core import clock
from sousei.core.backup.archive import (
    FORMAT,
    MANIFEST,
    BackupError,
    HashingWriter,
    columns_of,
    file_fields,
    migration_state,
    row_line,
    sousei_version,
)
from sousei.core.backup.plan import NOT_DATA, WHOLE_DATABASE_ONLY, backed_up_models, label
from sousei.core.backup.plan import region_querysets as region_rows
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import cross_region

CHUNK = 2000


@dataclass
class BackupSummary:
    path: Path
    rows: dict[str, int]
    files: int
    missing_files: list[str] = field(default_factory=list)
    seconds: float = 0.0


@contextmanager
def snapshot() -> Iterator[None]:
    """One transaction every read sees the same data in. On PostgreSQL it is REPEATABLE READ
    and READ ONLY, set by its first statement. On SQLite it is a DEFERRED one, a read
    snapshot that (in WAL mode) leaves writers free, rather than the IMMEDIATE transactions
    the server takes to write (settings.py), which would hold the write lock throughout."""
    if connection.in_atomic_block:
        raise BackupError(
            "A backup must start its own transaction to read one consistent snapshot; "
            "run it outside any open transaction."
        )
    connection.ensure_connection()
    mode = getattr(connection, "transaction_mode", None)
    if connection.vendor == "sqlite":
        connection.transaction_mode = "DEFERRED"  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = mode  # type: ignore[attr-defined]


def backup_write(path: Path, *, region_slug: str | None = None) -> BackupSummary:
    """Write the backup to `path` (replaced only once complete)."""
    started = time.perf_counter()
    path = Path(path)
    directory = path.resolve().parent
    if not directory.is_dir():
        raise BackupError(f"The folder {directory} does not exist: create it or choose another.")
    descriptor, partial = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=directory)
    os.close(descriptor)
    try:
        with snapshot(), cross_region("backup"):
            summary = _write(Path(partial), region_slug)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    summary.path = path
    summary.seconds = time.perf_counter() - started
    return summary


def _write(path: Path, region_slug: str | None) -> BackupSummary:
    region = None
    if region_slug is not None:
        region = Region._base_manager.filter(slug=region_slug).first()
        if region is None:
            slugs = ", ".join(Region._base_manager.order_by("slug").values_list("slug", flat=True))
            raise BackupError(f"No region {region_slug!r}; the regions are: {slugs or 'none'}.")
    ordered = backed_up_models(one_region=region is not None)
    if region is None:
        querysets = {label(m): m._base_manager.all() for m in ordered}
    else:
        querysets = region_rows(region, ordered)
    checksums: dict[str, str] = {}
    tables: list[dict[str, Any]] = []
    names: list[str] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, (name, rows) in enumerate(querysets.items(), start=1):
            model = rows.model
            member = f"tables/{number:04d}-{name}.jsonl"
            columns = columns_of(model)
            count = 0
            files = file_fields(model)
            with archive.open(member, "w", force_zip64=True) as stream:
                out = HashingWriter(stream)
                values = rows.order_by("pk").values_list(*columns).iterator(chunk_size=CHUNK)
                for row in values:
                    out.write(row_line(columns, row))
                    count += 1
                    for attname in files:
                        stored = row[columns.index(attname)]
                        if stored:
                            names.append(stored)
            checksums[member] = out.digest.hexdigest()
            tables.append(
                {
                    "model": name,
                    "db_table": model._meta.db_table,
                    "member": member,
                    "rows": count,
                    "columns": columns,
                }
            )
        media, missing = _write_media(archive, sorted(set(names)), checksums)
        manifest = {
            "format": FORMAT,
            "sousei_version": sousei_version(),
            "created_at": timezone.localtime(clock.now()).isoformat(),
            "database": connection.vendor,
            "scope": {"region": region.slug if region else None},
            "migrations": migration_state(),
            "tables": tables,
            "media": media,
            "missing_media": missing,
            "checksums": checksums,
            "excluded": sorted(NOT_DATA | (WHOLE_DATABASE_ONLY if region else frozenset())),
            # Erasures logged after this entry are to be replayed after a restore; the replay
            # comes with the privacy workflows (a restore says so while it cannot replay).
            "erasure_replay": {"after_audit_entry_id": _last_audit_entry(region)},
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return BackupSummary(
        path=path,
        rows={t["model"]: t["rows"] for t in tables},
        files=len(media),
        missing_files=missing,
    )


def _write_media(
    archive: zipfile.ZipFile, names: list[str], checksums: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    media: list[dict[str, Any]] = []
    missing: list[str] = []
    for name in names:
        member = f"media/{name}"
        try:
            source = default_storage.open(name, "rb")
        except FileNotFoundError:
            missing.append(name)
            continue
        with source, archive.open(member, "w", force_zip64=True) as stream:
            out = HashingWriter(stream)
            size = 0
            while chunk := source.read(1 << 20):
                out.write(chunk)
                size += len(chunk)
        checksums[member] = out.digest.hexdigest()
        media.append({"name": name, "member": member, "size": size})
    return media, missing


def _last_audit_entry(region: Region | None) -> int | None:
    entries: models.QuerySet[AuditEntry] = AuditEntry._base_manager.all()
    if region is not None:
        entries = entries.filter(region=region)
    return entries.order_by("-pk").values_list("pk", flat=True).first()
