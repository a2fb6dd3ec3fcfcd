"""webhooks: endpoints, the objects their paths name, and request bodies.

Operators only: every other role of the region gets 403; another region's endpoint or
delivery answers 404, as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from tests.matrix import OPERATOR, Area, Endpoint

ENDPOINTS: list[Endpoint] = [
    # Pages
    Endpoint("GET", "/r/{slug}/webhooks/", OPERATOR),
    Endpoint("GET", "/r/{slug}/webhooks/new/", OPERATOR),
    Endpoint("POST", "/r/{slug}/webhooks/new/", OPERATOR, body="page_endpoint"),
    Endpoint("GET", "/r/{slug}/webhooks/{endpoint}/", OPERATOR),
    Endpoint("GET", "/r/{slug}/webhooks/{endpoint}/edit/", OPERATOR),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/edit/", OPERATOR, ok=302, body="page_endpoint"),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/rotate/", OPERATOR),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/enable/", OPERATOR, ok=302),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/disable/", OPERATOR, ok=302),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/test/", OPERATOR, ok=302),
    Endpoint("POST", "/r/{slug}/webhooks/{endpoint}/delete/", OPERATOR, ok=302),
    Endpoint(
        "POST", "/r/{slug}/webhooks/{endpoint}/deliveries/{delivery}/replay/", OPERATOR, ok=302
    ),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/webhooks/kinds", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/webhooks", OPERATOR),
    Endpoint("POST", "/api/v1/regions/{slug}/webhooks", OPERATOR, ok=201, body="endpoint"),
    Endpoint("PATCH", "/api/v1/regions/{slug}/webhooks/{endpoint}", OPERATOR, body="patch"),
    Endpoint("DELETE", "/api/v1/regions/{slug}/webhooks/{endpoint}", OPERATOR, ok=204),
    Endpoint("GET", "/api/v1/regions/{slug}/webhooks/{endpoint}/deliveries", OPERATOR),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/webhooks/{endpoint}/deliveries/{delivery}/replay",
        OPERATOR,
        ok=201,
    ),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """An enabled endpoint with one failed delivery."""
    with region_scope(region):
        endpoint = WebhookEndpoint.objects.create(
            region=region, url="https://hooks.example.jp/sousei", event_kinds=["booking.created"]
        )
        message = WebhookMessage.objects.create(
            region=region,
            event_kind="booking.created",
            payload={"type": "booking.created", "timestamp": "", "data": {"booking_id": 1}},
        )
        delivery = WebhookDelivery.objects.create(
            region=region, endpoint=endpoint, message=message, status="failed", attempts=1
        )
    return {"endpoint": endpoint.pk, "delivery": delivery.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "page_endpoint": {
            "url": "https://hooks.example.jp/other",
            "description": "市のダッシュボード",
            "event_kinds": "booking.created",
        },
        "endpoint": {
            "url": "https://hooks.example.jp/other",
            "description": "市のダッシュボード",
            "event_kinds": ["booking.created", "offer.accepted"],
        },
        "patch": {"description": "変更", "enabled": True},
    }


AREA = Area(
    name="webhooks",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:endpoint_id>": "{endpoint}", "<int:delivery_id>": "{delivery}"},
    api_parameters={"{endpoint_id}": "{endpoint}", "{delivery_id}": "{delivery}"},
)
