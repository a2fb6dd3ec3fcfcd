"""The demo's webhook endpoint in Koga: a delivery log with a success, a retry and a failure,
written without sending anything; seeding again adds nothing."""

from __future__ import annotations

from django.test import Client

from conftest import Cast
from sousei.core.models import Region
from sousei.webhooks.demo import seed_webhooks
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint


def test_the_demo_endpoint_shows_each_state_of_a_delivery(in_koga: Region, cast: Cast) -> None:
    first = seed_webhooks(region=in_koga, operator=cast.user("operator"))
    again = seed_webhooks(region=in_koga, operator=cast.user("operator"))
    assert (first.endpoints, first.deliveries) == (1, 3)
    assert (again.endpoints, again.deliveries) == (0, 0)
    endpoint = WebhookEndpoint.objects.get()
    statuses = sorted(WebhookDelivery.objects.values_list("status", flat=True))
    assert statuses == ["dead", "failed", "succeeded"]
    client = Client()
    client.force_login(cast.user("operator"))
    page = client.get(f"/r/koga/webhooks/{endpoint.pk}/")
    assert page.status_code == 200
    assert "HTTP 503" in page.content.decode()
