"""`sousei onboard-region 40220 --operator 株式会社… --admin-email …`: a region ready to run."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.portal.onboarding import DEFAULT_TEMPLATE, OnboardInput, region_onboard


class Command(BaseCommand):
    help = (
        "Set up a region in one step: the region (JIS X 0402 code), its operator, municipality "
        "and space partner, the year-end closure and pay week, courses copied from a template "
        "region, and an e-mail inviting the first operator to set a password. Safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="five-digit JIS X 0402 code (find it: find-municipality)")
        parser.add_argument("--operator", required=True, help="the operator company's name")
        parser.add_argument("--admin-email", required=True, help="the first operator's e-mail")
        parser.add_argument("--municipality", default="", help="default: the region's name")
        parser.add_argument("--space-partner", default="", help="the shared office's operator")
        parser.add_argument(
            "--template",
            help=f"slug of the region whose courses are copied (default: {DEFAULT_TEMPLATE}, "
            "when it exists)",
        )
        parser.add_argument(
            "--closed",
            action="append",
            help="closed every year, MM-DD..MM-DD (repeatable; default 12-29..01-03)",
        )
        parser.add_argument("--pay-week-start", type=int, default=6, help="0 = Monday … 6 = Sunday")
        parser.add_argument("--day-off", type=int, default=6, help="statutory weekly day off")
        parser.add_argument("--slug")
        parser.add_argument("--name-en")

    def handle(self, *args: Any, **options: Any) -> None:
        data = OnboardInput(
            code=options["code"],
            operator=options["operator"],
            admin_email=options["admin_email"],
            municipality=options["municipality"],
            space_partner=options["space_partner"],
            template=options["template"],
            closed_periods=tuple(options["closed"] or ("12-29..01-03",)),
            pay_week_start=options["pay_week_start"],
            statutory_day_off=options["day_off"],
            slug=options["slug"],
            name_en=options["name_en"],
        )
        try:
            result = region_onboard(data=data)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        region = result.region
        self.stdout.write(
            f"region {region.code} {region.prefecture}{region.name_ja} ({region.name_en}) "
            f"at /r/{region.slug}/"
        )
        self.stdout.write("organisations: " + ", ".join(o.name for o in result.organizations))
        if result.template is not None:
            copied = f"courses copied from {result.template.slug}: {result.courses_copied}"
        else:
            copied = f"no template region {DEFAULT_TEMPLATE}: no courses copied"
        self.stdout.write(copied)
        invited = "invitation e-mailed" if result.invited else "already an operator, not re-sent"
        self.stdout.write(f"operator {data.admin_email}: {invited}")
