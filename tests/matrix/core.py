"""Foundation and portal: landing, accounts, intake, the dashboard, the audit log and the
notifications inbox."""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tokens import api_token_issue
from sousei.people.tests.factories import ApplicationFactory
from sousei.people.tests.payloads import application_payload
from tests.matrix import ALL_ROLES, OPERATOR, PUBLIC, SIGNED_IN, Area, Endpoint

ENDPOINTS = [
    # Site pages
    # Site pages
    Endpoint("GET", "/", PUBLIC),
    Endpoint("GET", "/login/", PUBLIC),
    # Members are sent on to their region's dashboard; others see that they have no region.
    Endpoint("GET", "/home/", SIGNED_IN, ok=302, ok_without_role=200),
    # One's own API tokens; the token in the matrix belongs to someone who is no caller.
    Endpoint("GET", "/account/tokens/", SIGNED_IN),
    Endpoint("POST", "/account/tokens/{token}/revoke/", SIGNED_IN, ok=404),
    # One's own notification settings.
    Endpoint("GET", "/account/notifications/", SIGNED_IN),
    Endpoint("POST", "/account/notifications/", SIGNED_IN, ok=302, body="settings_form"),
    # An invitation's set-password link; a wrong token shows "this link no longer works".
    Endpoint("GET", "/account/set-password/{uid}/{settoken}/", PUBLIC),
    # The program owner's onboarding page: superusers only (none among the callers).
    Endpoint("GET", "/owner/regions/new/", SIGNED_IN, ok=403),
    # A company's programs side by side: operators (of any region) only.
    Endpoint("GET", "/programs/", OPERATOR),
    # The owner's page of a region (operators and invitations): its operators may use it too.
    Endpoint("GET", "/owner/regions/{slug}/", OPERATOR),
    Endpoint("POST", "/owner/regions/{slug}/", OPERATOR, ok=302, body="resend"),
    Endpoint("GET", "/r/{slug}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/apply/", PUBLIC),
    Endpoint("POST", "/r/{slug}/apply/", PUBLIC, ok=302, body="form"),
    Endpoint("GET", "/r/{slug}/apply/done/", PUBLIC),
    Endpoint("GET", "/r/{slug}/dashboard/", ALL_ROLES),
    Endpoint("GET", "/r/{slug}/applications/", OPERATOR),
    Endpoint("GET", "/r/{slug}/applications/export.csv", OPERATOR),
    Endpoint("GET", "/r/{slug}/applications/{id}/", OPERATOR),
    Endpoint("POST", "/r/{slug}/applications/{id}/", OPERATOR, ok=302, body="decision_form"),
    Endpoint("GET", "/r/{slug}/audit/", OPERATOR),
    Endpoint("GET", "/r/{slug}/audit/export.csv", OPERATOR),
    Endpoint("GET", "/r/{slug}/notifications/", ALL_ROLES),
    # API
    Endpoint("GET", "/api/v1/regions", SIGNED_IN),
    Endpoint("GET", "/api/v1/me", SIGNED_IN),
    Endpoint("GET", "/api/v1/postal-codes/8113101", PUBLIC),
    Endpoint("POST", "/api/v1/regions/{slug}/applications", PUBLIC, ok=201, body="json"),
    Endpoint("GET", "/api/v1/regions/{slug}/applications", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/audit-entries", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/me/applications", ALL_ROLES),
    Endpoint("GET", "/api/v1/regions/{slug}/applications/{id}", OPERATOR),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/applications/{id}/decision", OPERATOR, body="decision"
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        application = ApplicationFactory.create(region=region)
    _raw, token = api_token_issue(user=cast.user("operator", "fukutsu"))
    return {"id": application.pk, "token": token.pk, "uid": "MQ", "settoken": "wrong-token"}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "json": application_payload(region),
        "form": application_payload(region, form=True),
        "decision": {"decision": "accept", "reason": ""},
        "decision_form": {"decision": "accept", "reason": "", "confirm": "on"},
        "settings_form": {"language": "ja", "by_email": []},
        "resend": {"email": "nobody@example.jp"},
    }


AREA = Area(
    name="core",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:application_id>": "{id}",
        "<int:token_id>": "{token}",
        "<uidb64>": "{uid}",
        "<token>": "{settoken}",
        "<slug:slug>": "{slug}",
    },
    api_parameters={"{application_id}": "{id}"},
)
