"""`sousei privacy-retention`: erase the identity kept with the statutory records (wage
ledger, time records) of erased persons whose retention has ended (run it daily from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.privacy.erasure.retention import retention_end_due


class Command(BaseCommand):
    help = "Erase the names kept with erased persons' wage and time records past retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("regions", nargs="*", help="region slugs (default: every region)")

    def handle(self, *args: Any, **options: Any) -> None:
        regions = Region.objects.order_by("slug")
        if options["regions"]:
            regions = regions.filter(slug__in=options["regions"])
        total = 0
        for region in regions:
            with region_scope(region):
                ended = retention_end_due(region=region).ended
            total += ended
            if ended:
                self.stdout.write(f"{region.slug}: {ended} retained identities erased")
        self.stdout.write(f"retention ended for {total} persons")
