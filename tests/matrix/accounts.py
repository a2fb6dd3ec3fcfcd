"""Accounts: the account page, the password change and reset, an invitation's link, a
person's own contact details, and the region's members page and API (operators only).

`{invtoken}` is a live invitation of the target region (its link is public: the token is the
key); `{person}` (a user id, named as the workplace areas name it) is the target region's
trainer, whose role the operators give and take."""

from __future__ import annotations

import re
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.services import account_invite
from tests.matrix import ALL_ROLES, OPERATOR, PUBLIC, SIGNED_IN, Area, Endpoint

ENDPOINTS = [
    # Site pages
    Endpoint("GET", "/account/", SIGNED_IN),
    Endpoint("GET", "/account/password/", SIGNED_IN),
    Endpoint("GET", "/password-reset/", PUBLIC),
    Endpoint("GET", "/password-reset/done/", PUBLIC),
    # A reset link; a wrong token shows "this link no longer works".
    Endpoint("GET", "/password-reset/{uid}/{settoken}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/invitation/{invtoken}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/profile/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/members/", OPERATOR),
    Endpoint("POST", "/r/{slug}/members/", OPERATOR, ok=302, body="invite_form"),
    Endpoint("POST", "/r/{slug}/members/{person}/roles/", OPERATOR, ok=302, body="role_form"),
    Endpoint("POST", "/r/{slug}/members/{person}/roles/{role}/remove/", OPERATOR, ok=302),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/members", OPERATOR),
    Endpoint("POST", "/api/v1/regions/{slug}/members", OPERATOR, ok=201, body="invite"),
    Endpoint("POST", "/api/v1/regions/{slug}/members/{person}/roles", OPERATOR, body="role"),
    Endpoint("DELETE", "/api/v1/regions/{slug}/members/{person}/roles/{role}", OPERATOR),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        account_invite(
            region=region,
            user=None,
            email=f"invited-{region.slug}@example.jp",
            role=Role.PARTICIPANT,
            actor=None,
        )
        body = OutboxMessage.objects.filter(kind="invitation").latest("pk").body
    found = re.search(r"/invitation/([^/\s]+)/", body)
    assert found is not None
    return {
        "invtoken": found.group(1),
        "person": cast.user("trainer", region.slug).pk,
        "role": Role.TRAINER,
        "uid": "MQ",
        "settoken": "wrong-token",
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "invite_form": {"email": f"new-{region.slug}@example.jp", "roles": ["client"]},
        "invite": {"email": f"new-{region.slug}@example.jp", "roles": ["client"]},
        "role_form": {"role": "client"},
        "role": {"role": "client"},
    }


AREA = Area(
    name="accounts",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<str:invitation_token>": "{invtoken}",
        "<int:user_id>": "{person}",
        "<str:role>": "{role}",
        "<uidb64>": "{uid}",
        "<token>": "{settoken}",
    },
    api_parameters={"{user_id}": "{person}", "{role}": "{role}"},
)
