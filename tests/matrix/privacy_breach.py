"""Privacy — the breach register (APPI 第26条) and the records of provision to third parties
(第29条): operators only; the municipality and every other role 403, another region 404.

`{incident}` is an incident of the target region."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.privacy.breach.services import BreachInput, breach_create
from tests.matrix import OPERATOR, Area, Endpoint

ENDPOINTS = [
    # Pages
    Endpoint("GET", "/r/{slug}/privacy/provisions/", OPERATOR),
    Endpoint("GET", "/r/{slug}/privacy/provisions.csv", OPERATOR),
    Endpoint("GET", "/r/{slug}/privacy/breaches/", OPERATOR),
    Endpoint("GET", "/r/{slug}/privacy/breaches/new/", OPERATOR),
    Endpoint("POST", "/r/{slug}/privacy/breaches/new/", OPERATOR, ok=302, body="breach_form"),
    Endpoint("GET", "/r/{slug}/privacy/breaches/{incident}/", OPERATOR),
    Endpoint("GET", "/r/{slug}/privacy/breaches/{incident}/edit/", OPERATOR),
    Endpoint(
        "POST", "/r/{slug}/privacy/breaches/{incident}/edit/", OPERATOR, ok=302, body="breach_form"
    ),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/provision-records", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/breaches", OPERATOR),
    Endpoint("POST", "/api/v1/regions/{slug}/breaches", OPERATOR, ok=201, body="breach"),
    Endpoint("GET", "/api/v1/regions/{slug}/breaches/{incident}", OPERATOR),
    Endpoint("PATCH", "/api/v1/regions/{slug}/breaches/{incident}", OPERATOR, body="patch"),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    with region_scope(region):
        incident = breach_create(
            region=region,
            data=BreachInput(
                title="誤送信",
                discovered_at=timezone.now() - dt.timedelta(days=1),
                cause="misdelivery",
                data_categories=["name", "contact"],
            ),
            actor=cast.user("operator", region.slug),
        )
    return {"incident": incident.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    now = timezone.localtime()
    return {
        "breach_form": {
            "title": "メール誤送信",
            "discovered_at": now.strftime("%Y-%m-%dT%H:%M"),
            "cause": "misdelivery",
            "data_categories": ["name"],
            "status": "open",
        },
        "breach": {
            "title": "メール誤送信",
            "discovered_at": now.isoformat(),
            "cause": "misdelivery",
            "data_categories": ["name"],
        },
        "patch": {"status": "reported"},
    }


AREA = Area(
    name="privacy_breach",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:incident_id>": "{incident}"},
    api_parameters={"{incident_id}": "{incident}"},
)
