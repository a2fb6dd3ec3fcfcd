"""The erasure journal: an append-only file outside the database, one JSON line per erasure
with ids only (person, user, region, when; never a name or address), so that a restore of a
backup taken before an erasure can erase the person again.

The table ErasureRecord holds the same facts but is replaced by a restore; this file is not.
Its place is `settings.SOUSEI_PRIVACY_JOURNAL`, by default `<SOUSEI_VAR_DIR>/privacy/
erasure-journal.jsonl`; keep it on storage that outlives the database (and out of the
backups' retention cycle), and copy it along when the server moves.

Ids are reused after a restore (the sequences restart from the backup's highest id), so each
line also carries when the person row and the account were created: a replay erases a row
only when both its id and its creation time match, never another human who got the id
later."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class JournalLine:
    action: str  # "erase" or "retention_end"
    region: int
    person: int
    person_created_at: str
    user: int | None
    user_joined_at: str | None
    at: str


def journal_path() -> Path:
    configured = getattr(settings, "SOUSEI_PRIVACY_JOURNAL", None)
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "privacy" / "erasure-journal.jsonl"


def journal_append(line: JournalLine) -> None:
    """Append one line and flush it to the disk before returning: the caller writes it inside
    the erasure's transaction, after its rows, so a crash loses no erasure (at worst the file
    names one whose transaction then failed, which a replay erases: the person asked)."""
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(line), ensure_ascii=True, sort_keys=True) + "\n"
    with path.open("a", encoding="ascii") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def journal_read() -> Iterator[JournalLine]:
    path = journal_path()
    if not path.exists():
        return
    with path.open(encoding="ascii") as stream:
        for raw in stream:
            raw = raw.strip()
            if not raw:
                continue
            try:
                yield JournalLine(**json.loads(raw))
            except (ValueError, TypeError):
                continue  # a line torn by a crash mid-write: the next ones still count


def stamp(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
