"""Shared pieces of the webhooks tests: an endpoint in Koga and running its deliveries."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import User

from sousei.core.models import Region
from sousei.webhooks import services, tasks
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint


def endpoint(
    region: Region,
    operator: User,
    url: str,
    *,
    kinds: Collection[str] = ("booking.created", "offer.accepted"),
    personal: bool = False,
) -> WebhookEndpoint:
    return services.endpoint_create(
        region=region,
        data=services.EndpointInput(
            url=url, description="受信テスト", event_kinds=kinds, allows_personal_data=personal
        ),
        actor=operator,
    )


def run(delivery: WebhookDelivery) -> WebhookDelivery:
    """Run the send task for the delivery as the worker would, and read it back."""
    tasks.webhook_deliver.call(delivery_id=delivery.pk, region_id=delivery.region_id)
    delivery.refresh_from_db()
    return delivery
