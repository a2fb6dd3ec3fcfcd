"""Which endpoints and deliveries a caller may see, shared by the pages and the API: the
region's operators, every one of the region's; anyone else has no way in (403 at the door,
region_context), and an id of another region answers 404."""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.roles import Role
from sousei.webhooks import selectors
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint

WEBHOOK_STAFF = frozenset({Role.OPERATOR})


def endpoint_visible(reader: Reader, endpoint_id: int) -> WebhookEndpoint:
    try:
        return selectors.endpoint_get(endpoint_id=endpoint_id)
    except WebhookEndpoint.DoesNotExist:
        raise Http404("No such webhook endpoint.") from None


def delivery_visible(reader: Reader, delivery_id: int) -> WebhookDelivery:
    try:
        return selectors.delivery_get(delivery_id=delivery_id)
    except WebhookDelivery.DoesNotExist:
        raise Http404("No such webhook delivery.") from None
