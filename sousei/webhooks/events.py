"""The webhooks' subscriber to every domain event: inside the publisher's transaction it
writes the message and one delivery per enabled endpoint that follows the event's kind, and
queues their sending for after the commit (a rolled-back change sends nothing)."""

from __future__ import annotations

from sousei.core.domain_events import DomainEvent
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from sousei.webhooks.tasks import delivery_enqueue


def envelope(*, kind: str, data: dict[str, object], moment_iso: str) -> dict[str, object]:
    """The Standard Webhooks payload shape."""
    return {"type": kind, "timestamp": moment_iso, "data": data}


def message_fan_out(
    *,
    region: Region,
    kind: str,
    data: dict[str, object],
    moment_iso: str,
    endpoints: list[WebhookEndpoint],
) -> list[WebhookDelivery]:
    """Write one message and a delivery of it to each of `endpoints`, queued after commit."""
    if not endpoints:
        return []
    message = WebhookMessage.objects.create(
        region=region,
        event_kind=kind,
        payload=envelope(kind=kind, data=data, moment_iso=moment_iso),
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                region=region,
                endpoint=endpoint,
                message=message,
                personal_data=endpoint.allows_personal_data,
                next_attempt_at=message.created_at,
            )
            for endpoint in endpoints
        ]
    )
    for delivery in deliveries:
        delivery_enqueue(delivery=delivery)
    return deliveries


def on_domain_event(event: DomainEvent) -> None:
    """Subscribed to "*" from WebhooksConfig.ready()."""
    region = Region(pk=event.region_id, slug=event.region_slug)
    with region_scope(region):
        endpoints = [
            endpoint
            for endpoint in WebhookEndpoint.objects.filter(enabled=True).order_by("pk")
            if endpoint.follows(event.kind)
        ]
        message_fan_out(
            region=region,
            kind=event.kind,
            data=dict(event.payload),
            moment_iso=event.occurred_at.isoformat(),
            endpoints=endpoints,
        )
