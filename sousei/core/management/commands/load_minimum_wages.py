"""`sousei load-minimum-wages [file.csv]`: load the dated minimum-wage table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.services import MINIMUM_WAGES_CSV, minimum_wages_load


class Command(BaseCommand):
    help = "Load prefectural minimum wages (prefecture,amount_jpy,effective_from,source)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(MINIMUM_WAGES_CSV))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = minimum_wages_load(path=Path(options["path"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"minimum wages: {result.created} added, {result.updated} updated")
