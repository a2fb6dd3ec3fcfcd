"""The core part of the demo scenario (`sousei seed-demo`): the minimum-wage table, Koga City
and Fukutsu City, the organisations of the program, one user per role per region and the
superuser.

Idempotent: organisations, users and memberships are found by their natural keys, so a second
run finds everything in place and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from sousei.core.models import Organization, Region
from sousei.core.roles import Role
from sousei.core.services import (
    membership_grant,
    minimum_wages_load,
    organization_join_region,
    region_create,
    region_office_set,
)

Kind = Organization.Kind


@dataclass(frozen=True)
class RegionSpec:
    code: str
    slug: str
    name_en: str


REGIONS = (
    RegionSpec("40223", "koga", "Koga City"),
    RegionSpec("40224", "fukutsu", "Fukutsu City"),
)

OPERATOR = ("株式会社ミライワークス", "Mirai Works Inc.", "https://miraiworks.example.jp/")
CLIENT = (
    "株式会社玄海ロジテック",
    "Genkai Logitech Co., Ltd.",
    "https://genkai-logitech.example.jp/",
)
MUNICIPALITIES = {
    "koga": ("古賀市", "Koga City", "https://www.city.koga.fukuoka.jp/"),
    "fukutsu": ("福津市", "Fukutsu City", "https://www.city.fukutsu.lg.jp/"),
}
SPACE_PARTNERS = {
    "koga": ("快生館（シェアオフィス）", "Kaiseikan shared office", ""),
    "fukutsu": ("ふくま浜ワークラボ", "Fukuma-hama Work Lab", ""),
}
# Each region's program office (事務局), run by the operator: how people reach it. Invented
# for the demo (example.jp addresses, 0123 numbers); no real person's data.
OFFICE_HOURS_EN = "Weekdays 9:00–17:00 (closed at weekends, public holidays and 29 Dec–3 Jan)"
OFFICES: dict[str, dict[str, str]] = {
    "koga": {
        "office_name": "古賀市デジタル人材育成プログラム事務局（株式会社ミライワークス）",
        "office_name_en": "Koga City digital-talent program office (Mirai Works Inc.)",
        "office_postal_code": "811-3103",
        "office_address": "福岡県古賀市中央2丁目1-1 古賀駅前ビル3階",
        "office_address_en": "3F Koga Ekimae Bldg., 2-1-1 Chuo, Koga, Fukuoka",
        "office_phone": "092-555-0123",
        "office_email": "office-koga@miraiworks.example.jp",
        "office_hours": "平日 9:00〜17:00（土日祝日・年末年始を除く）",
        "office_hours_en": OFFICE_HOURS_EN,
    },
    "fukutsu": {
        "office_name": "福津市デジタル人材育成プログラム事務局（株式会社ミライワークス）",
        "office_name_en": "Fukutsu City digital-talent program office (Mirai Works Inc.)",
        "office_postal_code": "811-3217",
        "office_address": "福岡県福津市中央3丁目2-1 福間駅前ビル2階",
        "office_address_en": "2F Fukuma Ekimae Bldg., 3-2-1 Chuo, Fukutsu, Fukuoka",
        "office_phone": "0940-55-0123",
        "office_email": "office-fukutsu@miraiworks.example.jp",
        "office_hours": "平日 9:00〜17:00（土日祝日・年末年始を除く）",
        "office_hours_en": OFFICE_HOURS_EN,
    },
}
# Hiring companies other than the operator, one per region: each has one demo user
# (employer-<slug>) who sees only its openings and candidacies.
EMPLOYERS = {
    "koga": (
        "株式会社花鶴テック",
        "Kaju Tech Co., Ltd.",
        "https://kaju-tech.example.jp/",
        "古賀市の花鶴浜近くで、地元の商店や農家向けの受発注アプリとECサイトを作っています。"
        "社員の多くが在宅で働き、月に一度快生館に集まります。",
        "福岡県古賀市花鶴丘",
    ),
    "fukutsu": (
        "宮地嶽デザイン株式会社",
        "Miyajidake Design Inc.",
        "",
        "福津市の観光と暮らしの情報を届けるウェブ制作会社です。",
        "福岡県福津市宮司",
    ),
}
# The operator's staff who run the program in both regions: one user with an operator role
# in each, who switches between them.
AREA_OPERATOR = "operator-miraiworks"
TOOL_VENDORS = (
    ("UiPath株式会社", "UiPath (UiPath)", "https://www.uipath.com/ja"),
    ("NTTアドバンステクノロジ株式会社", "NTT-AT (WinActor)", "https://winactor.biz/"),
    ("サイボウズ株式会社", "Cybozu (kintone)", "https://kintone.cybozu.co.jp/"),
    (
        "日本マイクロソフト株式会社",
        "Microsoft Japan (Power Automate)",
        "https://www.microsoft.com/ja-jp/",
    ),
)

# Which organisation each role's demo user belongs to (None: a private person).
ROLE_ORGANIZATION = {
    Role.OPERATOR: "operator",
    Role.MUNICIPALITY: "municipality",
    Role.SPACE_MANAGER: "space_partner",
    Role.TRAINER: "operator",
    Role.CLIENT: "client",
    Role.PARTICIPANT: None,
    Role.CANDIDATE: None,
    Role.EMPLOYER: "employer",
}


# The names of the staff demo users (family name, given name), so pages that name the person
# who acted (histories, panels, chat, the audit log) read as they would in use. The
# participant's and the candidate's names come from their applications; a name is given only
# to an account that has none.
STAFF_NAMES = {
    (Role.OPERATOR, "koga"): ("松本", "由紀"),
    (Role.MUNICIPALITY, "koga"): ("田中", "誠"),
    (Role.SPACE_MANAGER, "koga"): ("中村", "彩"),
    (Role.TRAINER, "koga"): ("吉田", "健"),
    (Role.CLIENT, "koga"): ("井上", "直樹"),
    (Role.EMPLOYER, "koga"): ("花田", "亮"),
    (Role.OPERATOR, "fukutsu"): ("小川", "真理"),
    (Role.MUNICIPALITY, "fukutsu"): ("石井", "浩"),
    (Role.SPACE_MANAGER, "fukutsu"): ("藤本", "舞"),
    (Role.TRAINER, "fukutsu"): ("岡田", "剛"),
    (Role.CLIENT, "fukutsu"): ("村上", "恵"),
    (Role.EMPLOYER, "fukutsu"): ("宮崎", "翔太"),
    # Fukutsu has no openings in the demo, so its candidate has no application to take a
    # name from.
    (Role.CANDIDATE, "fukutsu"): ("西村", "陽菜"),
}
AREA_OPERATOR_NAME = ("山口", "聡")


@dataclass
class CoreSummary:
    regions: list[Region] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        return "\n".join(self.lines)


def demo_user(region: Region, role: str) -> User:
    """The region's demo user of a role (`<role>-<slug>`, e.g. operator-koga)."""
    return get_user_model().objects.get(username=f"{role}-{region.slug}")


def seed_core(*, password: str) -> CoreSummary:
    """Seed the wages, organisations, regions and users (call inside a transaction with the
    scopes disabled: organisations and users belong to no single region)."""
    summary = CoreSummary()
    wages = minimum_wages_load()
    summary.lines.append(f"minimum wages: {wages.created} added, {wages.updated} updated")
    users = _Users(password)
    organizations = _organizations()
    for spec in REGIONS:
        region = _region(spec, organizations, users)
        summary.regions.append(region)
        summary.lines.append(f"region {region.code} {region.name_ja} at /r/{region.slug}/")
    admin = users.get("admin", is_staff=True, is_superuser=True)
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    return summary


def _organization(kind: str, name: str, name_en: str, website: str) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        kind=kind, name=name, defaults={"name_en": name_en, "website": website}
    )
    return organization


def _organizations() -> dict[str, Organization]:
    found = {
        "operator": _organization(Kind.OPERATOR, *OPERATOR),
        "client": _organization(Kind.CLIENT, *CLIENT),
    }
    for slug, municipality in MUNICIPALITIES.items():
        found[f"municipality:{slug}"] = _organization(Kind.MUNICIPALITY, *municipality)
    for slug, partner in SPACE_PARTNERS.items():
        found[f"space_partner:{slug}"] = _organization(Kind.SPACE_PARTNER, *partner)
    for slug, (name, name_en, website, about, location) in EMPLOYERS.items():
        employer, _created = Organization.objects.get_or_create(
            kind=Kind.EMPLOYER,
            name=name,
            defaults={
                "name_en": name_en,
                "website": website,
                "about": about,
                "location": location,
            },
        )
        found[f"employer:{slug}"] = employer
    for index, vendor in enumerate(TOOL_VENDORS):
        found[f"tool_vendor:{index}"] = _organization(Kind.TOOL_VENDOR, *vendor)
    return found


def _region(spec: RegionSpec, organizations: dict[str, Organization], users: _Users) -> Region:
    region = region_create(code=spec.code, slug=spec.slug, name_en=spec.name_en)
    if spec.slug in OFFICES:
        region = region_office_set(region=region, values=OFFICES[spec.slug], actor=None)
    in_region = {
        "operator": organizations["operator"],
        "client": organizations["client"],
        "municipality": organizations[f"municipality:{spec.slug}"],
        "space_partner": organizations[f"space_partner:{spec.slug}"],
        "employer": organizations[f"employer:{spec.slug}"],
    }
    vendors = [org for key, org in organizations.items() if key.startswith("tool_vendor:")]
    for organization in [*in_region.values(), *vendors]:
        organization_join_region(organization=organization, region=region)
    for role in Role.values:
        user = users.get(f"{role}-{spec.slug}", STAFF_NAMES.get((Role(role), spec.slug)))
        key = ROLE_ORGANIZATION[Role(role)]
        membership_grant(
            region=region,
            user=user,
            role=role,
            organization=in_region[key] if key else None,
        )
    membership_grant(
        region=region,
        user=users.get(AREA_OPERATOR, AREA_OPERATOR_NAME),
        role=Role.OPERATOR,
        organization=organizations["operator"],
    )
    return region


class _Users:
    """Demo users found by username, their password kept in step with the demo password."""

    def __init__(self, password: str) -> None:
        self.password = password
        self.password_hash = ""

    def get(self, username: str, name: tuple[str, str] | None = None, **extra: Any) -> User:
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@sousei.example.jp", **extra}
        )
        if name is not None and not user.last_name:
            user.last_name, user.first_name = name
            user.save(update_fields=["last_name", "first_name"])
        # Keep the password in step with SOUSEI_DEMO_PASSWORD without rehashing every run.
        if created or not user.check_password(self.password):
            if not self.password_hash:
                self.password_hash = make_password(self.password)
            user.password = self.password_hash
            user.save(update_fields=["password"])
        return user
