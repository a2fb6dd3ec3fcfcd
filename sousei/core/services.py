"""Writes of the core: regions, memberships, reference data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sousei.core import municipalities
from sousei.core.audit import audit_record
from sousei.core.models import Membership, MinimumWage, Organization, Region, RegionOrganization
from sousei.core.roles import Role

MINIMUM_WAGES_CSV = Path(__file__).parent / "data" / "minimum_wages.csv"


def region_create(
    *,
    code: str,
    slug: str | None = None,
    name_en: str | None = None,
    actor: User | None = None,
) -> Region:
    """Create the region for a JIS X 0402 municipality code (any of the 1,741, a designated
    city or a Tokyo special ward included), named from core/data/municipalities.csv.

    Idempotent: an existing region with the code is returned unchanged."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    found = municipalities.municipality(code)
    if found is None:
        raise ValidationError({"code": _unknown_code_error(code)})
    with transaction.atomic():
        region = Region.objects.create(
            code=found.code,
            slug=slug or _default_slug(found),
            name_ja=found.name_ja,
            name_kana=found.name_kana,
            name_en=name_en or found.name_en,
            prefecture=found.prefecture,
        )
        audit_record(
            region=region,
            actor=actor,
            action="region.create",
            obj=region,
            changes={"code": found.code, "name_ja": found.name_ja, "name_en": region.name_en},
        )
    return region


def _unknown_code_error(code: str) -> ValidationError:
    """Why the code is refused, naming the designated city when it is one of its wards."""
    for city in municipalities.all_municipalities():
        if code in city.ward_codes:
            message = _(
                "%(code)s is a ward of %(city)s; the region is the whole city. "
                "Use the city's code %(city_code)s."
            )
            return ValidationError(
                message, params={"code": code, "city": city.name_ja, "city_code": city.code}
            )
    message = _(
        "No municipality has the code %(code)s. Use the five-digit JIS X 0402 code, "
        "e.g. 40223 for Koga City, or search by name with sousei find-municipality."
    )
    return ValidationError(message, params={"code": code})


def _default_slug(found: municipalities.Municipality) -> str:
    """munakata for 宗像市; the code when two regions would share a slug (府中市 ×2)."""
    slug = slugify(found.name_en.rsplit(" ", 1)[0]) or found.code
    return found.code if Region.objects.filter(slug=slug).exists() else slug


def membership_grant(
    *,
    region: Region,
    user: User,
    role: str,
    organization: Organization | None = None,
    actor: User | None = None,
) -> Membership:
    """Give a user a role in a region (idempotent)."""
    if role not in Role.values:
        message = _("Unknown role %(role)s. Use one of: %(roles)s.")
        raise ValidationError(
            {
                "role": ValidationError(
                    message, params={"role": role, "roles": ", ".join(Role.values)}
                )
            }
        )
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            region=region, user=user, role=role, defaults={"organization": organization}
        )
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="membership.grant",
                obj=membership,
                changes={"user": user.get_username(), "role": role},
            )
    return membership


def organization_join_region(
    *, organization: Organization, region: Region, actor: User | None = None
) -> RegionOrganization:
    """Make an organisation part of a region's program (idempotent; audited when new)."""
    with transaction.atomic():
        link, created = RegionOrganization.objects.get_or_create(
            region=region, organization=organization
        )
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="organization.join",
                obj=link,
                changes={"organization": organization.name, "kind": organization.kind},
            )
    return link


@dataclass(frozen=True)
class WageLoadResult:
    created: int
    updated: int


def minimum_wages_load(*, path: Path = MINIMUM_WAGES_CSV) -> WageLoadResult:
    """Load (or update) the dated minimum-wage table from a CSV file:
    prefecture,amount_jpy,effective_from,source."""
    created = updated = 0
    with path.open(encoding="utf-8") as handle, transaction.atomic():
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                amount = int(row["amount_jpy"])
                effective_from = date.fromisoformat(row["effective_from"])
            except (KeyError, ValueError) as error:
                raise ValidationError(
                    _(
                        "%(path)s line %(line)s: %(error)s. Each line needs prefecture, "
                        "amount_jpy (whole yen) and effective_from (YYYY-MM-DD)."
                    ),
                    params={"path": path.name, "line": line, "error": error},
                ) from None
            _wage, was_created = MinimumWage.objects.update_or_create(
                prefecture=row["prefecture"].strip(),
                effective_from=effective_from,
                defaults={"amount_jpy": amount, "source": row.get("source", "").strip()},
            )
            created += was_created
            updated += not was_created
    return WageLoadResult(created=created, updated=updated)
