"""`sousei restore FILE [--replace]`: a backup back into an empty, migrated database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.backup.archive import BackupError
from sousei.core.backup.load import restore


class Command(BaseCommand):
    help = (
        "Restore a `sousei backup` file into an empty database migrated to the backup's "
        "schema. Every checksum is checked before anything is written; all in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the backup ZIP file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete every row and write the backup's even if the database holds regions",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(Path(options["file"]), replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name, count in summary.rows.items():
            if count:
                self.stdout.write(f"{count:>9,} {name}")
        self.stdout.write(
            f"{sum(summary.rows.values()):,} rows in {len(summary.rows)} tables and "
            f"{summary.files} files restored in {summary.seconds:.1f} s"
        )
        for line in summary.after_restore:
            self.stdout.write(line)
        if not summary.after_restore and summary.erasure_replay_after is not None:
            self.stdout.write(
                "note: erasures logged after audit entry "
                f"{summary.erasure_replay_after} are not replayed (no privacy app installed)."
            )
