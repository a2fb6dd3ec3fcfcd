"""`sousei backup FILE [--region SLUG]`: the database and the media files in one ZIP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.backup.archive import BackupError
from sousei.core.backup.dump import backup_write


class Command(BaseCommand):
    help = (
        "Back up the database (every region, or one with --region) and the media files (CVs) "
        "into one ZIP with a manifest of row counts and checksums. Restore with `sousei restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the ZIP file to write, e.g. sousei-2026-12-03.zip")
        parser.add_argument("--region", metavar="SLUG", help="back up this region only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_write(Path(options["file"]), region_slug=options["region"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name, count in summary.rows.items():
            if count:
                self.stdout.write(f"{count:>9,} {name}")
        for name in summary.missing_files:
            self.stderr.write(f"warning: {name} is in the database but not in the media folder")
        self.stdout.write(
            f"{sum(summary.rows.values()):,} rows in {len(summary.rows)} tables and "
            f"{summary.files} files written to {summary.path} in {summary.seconds:.1f} s"
        )
