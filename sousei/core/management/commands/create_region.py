"""`sousei create-region 40220`: a region for any municipality, named from postal data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.services import region_create


class Command(BaseCommand):
    help = (
        "Create a region from its JIS X 0402 municipality code (e.g. 40220 for 宗像市, "
        "40130 for 福岡市); find a code with find-municipality."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="five-digit JIS X 0402 municipality code")
        parser.add_argument("--slug", help="URL name, e.g. munakata (default: from the reading)")
        parser.add_argument("--name-en", help="English name (default: from the municipality data)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            region = region_create(
                code=options["code"], slug=options["slug"], name_en=options["name_en"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"region {region.code} {region.prefecture}{region.name_ja} ({region.name_kana}) "
            f"({region.name_en}) at /r/{region.slug}/"
        )
