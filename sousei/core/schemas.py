"""API schemas of the core: tokens, regions, postal codes, the caller."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from sousei.core.bounds import text


class TokenIn(Schema):
    # Django's username column holds 150 characters; a password has no column, 4096 is
    # Django's own limit for checking one.
    username: text(150)  # type: ignore[valid-type]
    password: text(4096)  # type: ignore[valid-type]


class TokenOut(Schema):
    token: str
    expires_at: str


class RegionOut(Schema):
    code: str
    slug: str
    name_ja: str
    name_en: str
    prefecture: str


class PostalCodeOut(Schema):
    postal_code: str
    prefecture: str
    city: str
    town: str
    municipality_code: str


class MembershipOut(Schema):
    region: str
    role: str


class MeOut(Schema):
    username: str
    memberships: list[MembershipOut]


class ErrorOut(Schema):
    detail: str
    detail_ja: str
    detail_en: str


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor: str | None
    action: str
    object_type: str
    object_id: str
    changes: dict[str, Any]


class AuditPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[AuditEntryOut]


class MemberOut(Schema):
    user_id: int
    email: str
    roles: list[str]
    last_login: datetime | None
    invitation_pending: bool


class InviteIn(Schema):
    email: text(254, min_length=3)  # type: ignore[valid-type]
    roles: list[text(20, min_length=1)] = Field(min_length=1, max_length=8)  # type: ignore[valid-type]


class InvitationOut(Schema):
    id: int
    user_id: int
    email: str
    roles: list[str]
    expires_at: datetime


class RoleIn(Schema):
    role: text(20, min_length=1)  # type: ignore[valid-type]
