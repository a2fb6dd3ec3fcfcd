"""`sousei onboard-region 40220 --operator 株式会社… --admin-email …`: a region ready to run."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.services import operator_invitation_resend
from sousei.portal.onboarding import DEFAULT_TEMPLATE, OnboardInput, region_onboard


class Command(BaseCommand):
    help = (
        "Set up a region in one step: the region (JIS X 0402 code), its operator, municipality "
        "and space partner, the year-end closure and pay week, courses copied from a template "
        "region, the default KPI targets of the fiscal year, and an e-mail inviting the first "
        "operator to set a password. Safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="five-digit JIS X 0402 code (find it: find-municipality)")
        parser.add_argument("--operator", help="the operator company's name (required to onboard)")
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
        parser.add_argument(
            "--resend-invitation",
            action="store_true",
            help="only e-mail the operator at --admin-email a new invitation (the first one "
            "expired or was lost); the region must be onboarded already",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["resend_invitation"]:
            self.resend(options["code"], options["admin_email"])
            return
        if not (options["operator"] or "").strip():
            raise CommandError("Name the operator company with --operator to onboard a region.")
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
        self.stdout.write(
            f"KPI targets for fiscal year {result.fiscal_year}: {result.targets_set} defaults set"
            + ("" if result.targets_set else " (the year had its targets already)")
        )
        invited = "invitation e-mailed" if result.invited else "already an operator, not re-sent"
        self.stdout.write(f"operator {data.admin_email}: {invited}")

    def resend(self, code: str, email: str) -> None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(
                f"No region has the code {code}; onboard it first (without --resend-invitation)."
            )
        try:
            with region_scope(region):
                operator_invitation_resend(region=region, email=email)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"operator {email}: a new invitation e-mailed for {region.name_ja}")
