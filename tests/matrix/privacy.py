"""Privacy — requests (開示等の請求), the disclosure export, consents and the policy.

Every caller of Koga is on record as a person in Koga (so their own privacy page, export and
requests work); `{person}` is the person of the caller "participant" in Koga and someone else
in Fukutsu, `{request}` a request of that person, `{version}` a policy version of each region.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.models import PolicyVersion
from sousei.privacy.services.requests import privacy_request_file
from tests.matrix import OPERATOR, PUBLIC, SIGNED_IN, Area, Endpoint

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/privacy/", PUBLIC),
    Endpoint("GET", "/account/privacy/", SIGNED_IN),
    Endpoint("POST", "/account/privacy/", SIGNED_IN, ok=422, body="own_request"),
    Endpoint("POST", "/account/privacy/disclose/", SIGNED_IN, ok=302),
    Endpoint("GET", "/account/privacy/export.zip", SIGNED_IN, ok_without_role=404),
    Endpoint("POST", "/account/privacy/withdraw/", SIGNED_IN, ok=302, body="withdraw"),
    Endpoint("GET", "/r/{slug}/privacy/", PUBLIC),
    Endpoint("GET", "/r/{slug}/privacy/v/{version}/", PUBLIC),
    Endpoint("GET", "/r/{slug}/privacy/requests/", OPERATOR),
    Endpoint("POST", "/r/{slug}/privacy/requests/", OPERATOR, ok=302, body="file_form"),
    Endpoint("GET", "/r/{slug}/privacy/requests/{request}/", OPERATOR),
    Endpoint("POST", "/r/{slug}/privacy/requests/{request}/", OPERATOR, ok=302, body="start"),
    Endpoint("GET", "/r/{slug}/privacy/requests/{request}/export.zip", OPERATOR),
    # API
    Endpoint("POST", "/api/v1/regions/{slug}/privacy-requests", OPERATOR, ok=201, body="json"),
    Endpoint("GET", "/api/v1/regions/{slug}/privacy-requests", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/persons/{person}/export.zip", OPERATOR),
    Endpoint("GET", "/api/v1/me/export.zip", SIGNED_IN, ok_without_role=404),
    Endpoint(
        "POST",
        "/api/v1/me/privacy-requests",
        SIGNED_IN,
        ok=201,
        ok_without_role=404,
        body="own_json",
    ),
    Endpoint("GET", "/api/v1/me/privacy-requests", SIGNED_IN),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        if region.slug == "koga":
            for role in Role.values:
                made = PersonFactory.create(region=region, user=cast.user(role, "koga"))
                if role == Role.PARTICIPANT:
                    person = made
        else:
            person = PersonFactory.create(region=region)
        Consent.objects.create(
            region=region,
            person=person,
            purpose=ConsentPurpose.PROGRAM,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        PolicyVersion.objects.create(
            region=region,
            version=CONSENT_WORDING_VERSION,
            effective_from=dt.date(2026, 11, 1),
            title_ja="個人情報の取扱いについて",
            title_en="How we handle personal data",
            body_ja="本文",
            body_en="Text",
        )
        request = privacy_request_file(
            person=person, kind="disclosure", note="", actor=cast.user("operator", region.slug)
        )
    return {
        "person": person.pk,
        "email": person.email,
        "request": request.pk,
        "version": CONSENT_WORDING_VERSION,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "own_request": {"person": ids["person"], "kind": "everything", "note": ""},
        "withdraw": {"person": ids["person"], "purpose": "program"},
        "file_form": {"email": ids["email"], "kind": "correction", "channel": "mail", "note": ""},
        "start": {"action": "start"},
        "json": {"person_id": ids["person"], "kind": "correction", "note": "氏名の誤り"},
        "own_json": {"region": "koga", "kind": "correction", "note": ""},
    }


AREA = Area(
    name="privacy",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:request_id>": "{request}",
        "<str:version>": "{version}",
        "<slug:slug>": "{slug}",
    },
    api_parameters={"{person_id}": "{person}"},
)
