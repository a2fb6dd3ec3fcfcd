"""The backup file: a ZIP of one JSON-lines member per table, the media files, and
manifest.json describing them (version, migration state, row counts, SHA-256 per member).

    manifest.json
    tables/0001-core.Region.jsonl      one JSON object per row, keyed by column
    media/cv/1/3f…e2.pdf               the stored file, under its stored name

Values are written the way Django's serializers write them (ISO dates and times, decimals as
strings, binary as base64) and read back with each field's `to_python`.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import uuid
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

FORMAT = "sousei-backup/1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why and what to do."""


def sousei_version() -> str:
    try:
        return metadata.version("sousei")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def migration_state() -> dict[str, str]:
    """The latest applied migration of each app, e.g. {"core": "0012_…"}."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def applied_migrations() -> set[tuple[str, str]]:
    return set(MigrationRecorder(connection).applied_migrations())


def encode(value: Any) -> Any:
    """JSON for a value json cannot write itself."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def row_line(columns: list[str], values: tuple[Any, ...]) -> bytes:
    return (
        json.dumps(
            dict(zip(columns, values, strict=True)),
            ensure_ascii=False,
            default=encode,
            separators=(",", ":"),
        )
        + "\n"
    ).encode()


def columns_of(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def file_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


class HashingWriter:
    """Writes a member and keeps its SHA-256 and size."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.stream.write(data)


@dataclass
class Manifest:
    data: dict[str, Any]

    @property
    def tables(self) -> list[dict[str, Any]]:
        return list(self.data["tables"])

    @property
    def media(self) -> list[dict[str, Any]]:
        return list(self.data["media"])

    @property
    def checksums(self) -> dict[str, str]:
        return dict(self.data["checksums"])


def manifest_read(archive: zipfile.ZipFile) -> Manifest:
    try:
        data = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("This file has no manifest.json: it is not a Sousei backup.") from None
    except ValueError:
        raise BackupError("manifest.json is not valid JSON: the backup is damaged.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(
            f"This backup's format is {data.get('format') if isinstance(data, dict) else '?'}, "
            f"this Sousei reads {FORMAT}: restore it with the Sousei version that wrote it."
        )
    return Manifest(data)


def checksums_verify(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    """Every member the manifest lists is present with its SHA-256, and no other is."""
    expected = manifest.checksums
    present = {name for name in archive.namelist() if name != MANIFEST and not name.endswith("/")}
    missing = sorted(set(expected) - present)
    unlisted = sorted(present - set(expected))
    if missing:
        raise BackupError(f"The backup is incomplete: {', '.join(missing[:5])} missing.")
    if unlisted:
        raise BackupError(
            f"The backup holds members its manifest does not list: {', '.join(unlisted[:5])}."
        )
    for name, digest in expected.items():
        found = hashlib.sha256()
        with archive.open(name) as member:
            for chunk in iter(lambda: member.read(1 << 20), b""):
                found.update(chunk)
        if found.hexdigest() != digest:
            raise BackupError(
                f"{name} does not match its checksum: the backup is damaged or was altered. "
                "Nothing was written; restore from another copy."
            )


def open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None
    except zipfile.BadZipFile:
        raise BackupError(f"{path} is not a ZIP file: it is not a Sousei backup.") from None
