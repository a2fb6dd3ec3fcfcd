"""Writes of the core: regions, memberships, reference data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pykakasi
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sousei.core import postal
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
    """Create the region for a JIS X 0402 municipality code, named from Japan Post's data.

    Idempotent: an existing region with the code is returned unchanged."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    found = postal.municipality(code)
    if found is None:
        message = _(
            "No municipality has the code %(code)s in Japan Post's data. "
            "Use the five-digit JIS X 0402 code, e.g. 40223 for Koga City."
        )
        raise ValidationError({"code": ValidationError(message, params={"code": code})})
    with transaction.atomic():
        region = Region.objects.create(
            code=code,
            slug=slug or _default_slug(found.name_kana, code),
            name_ja=found.name,
            name_en=name_en or romanize_municipality(found.name_kana),
            prefecture=found.prefecture,
        )
        audit_record(
            region=region,
            actor=actor,
            action="region.create",
            obj=region,
            changes={"code": code, "name_ja": found.name},
        )
    return region


def _default_slug(kana: str, code: str) -> str:
    """munakata for ムナカタシ; the code when two regions would share a slug."""
    base = romanize_municipality(kana).rsplit(" ", 1)[0]
    slug = slugify(base) or code
    return code if Region.objects.filter(slug=slug).exists() else slug


def romanize_municipality(kana: str) -> str:
    """A provisional English name from the kana reading (コガシ → Koga City) that an
    operator can correct; municipality suffixes become City / Town / Village."""
    suffixes = {
        "シ": "City",
        "マチ": "Town",
        "チョウ": "Town",
        "ムラ": "Village",
        "ソン": "Village",
    }
    for suffix, english in suffixes.items():
        if kana.endswith(suffix) and len(kana) > len(suffix):
            return f"{_hepburn(kana[: -len(suffix)]).title()} {english}"
    return _hepburn(kana).title()


def _hepburn(kana: str) -> str:
    # Place names in English drop long vowels (新宮町 → Shingu, 大野城市 → Onojo).
    romaji = "".join(part["hepburn"] for part in pykakasi.kakasi().convert(kana))
    for long_vowel, short in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        romaji = romaji.replace(long_vowel, short)
    return romaji


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
