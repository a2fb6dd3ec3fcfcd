"""factory_boy factories of core: regions, users and the client company. Tenant rows take
their region explicitly."""

from __future__ import annotations

from functools import cache

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from sousei.core.models import Organization, Region, RegionOrganization

TEST_PASSWORD = "correct-horse-battery-2026"


@cache
def test_password_hash() -> str:
    # Argon2 is deliberately slow; hash the shared test password once per process.
    return make_password(TEST_PASSWORD)


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "40223"
    slug = "koga"
    name_ja = "古賀市"
    name_en = "Koga City"
    prefecture = "福岡県"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.jp")
    password = factory.LazyFunction(test_password_hash)


def client_company(name: str = "株式会社玄海ロジスティクス") -> Organization:
    """The client company of test projects; the cast's client users act for it."""
    made, _created = Organization.objects.get_or_create(kind=Organization.Kind.CLIENT, name=name)
    return made


def company_in(
    region: Region, *, kind: str, name: str, name_en: str = "", **profile: str
) -> Organization:
    """An organisation taking part in the region's program (found by kind and name)."""
    from sousei.core.scoping import scopes_disabled

    made, _created = Organization.objects.get_or_create(
        kind=kind, name=name, defaults={"name_en": name_en, **profile}
    )
    with scopes_disabled():
        RegionOrganization.objects.get_or_create(region=region, organization=made)
    return made


def operator_company(region: Region) -> Organization:
    """The operator of test regions, part of `region`'s program."""
    return company_in(
        region,
        kind=Organization.Kind.OPERATOR,
        name="株式会社ミライワークス",
        name_en="Mirai Works",
    )


def employer_company(region: Region, name: str = "株式会社花鶴テック") -> Organization:
    """A hiring company other than the operator, part of `region`'s program; the cast's
    employer users act for it."""
    return company_in(
        region,
        kind=Organization.Kind.EMPLOYER,
        name=name,
        name_en="Kaju Tech" if name == "株式会社花鶴テック" else "",
        about="自治体向けの業務アプリを作っています。",
        location="福岡県古賀市",
    )
