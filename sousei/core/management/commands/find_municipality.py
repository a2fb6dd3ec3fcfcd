"""`sousei find-municipality 古賀`: the JIS X 0402 code of a municipality, found by name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.municipalities import municipality_search


class Command(BaseCommand):
    help = "Find municipalities by name, kana, English name or code (e.g. 古賀, こが, koga)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help="part of the name, its kana, its English name or code")

    def handle(self, *args: Any, **options: Any) -> None:
        found = municipality_search(options["text"])
        if not found:
            raise CommandError(
                f"No municipality matches {options['text']!r}. Try the name without 市町村 "
                "(古賀), its reading (こが) or its English name (Koga)."
            )
        for item in found:
            wards = f"  wards {' '.join(item.ward_codes)}" if item.ward_codes else ""
            self.stdout.write(
                f"{item.code}  {item.prefecture}{item.name_ja} ({item.name_kana}) "
                f"{item.name_en}{wards}"
            )
