"""Webhooks: the reads (in the current region scope)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sousei.core.pagination import Page, paginate
from sousei.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

DELIVERY_PAGE_SIZE = 50


def endpoints_list() -> list[WebhookEndpoint]:
    """The region's endpoints with their counts of failing and dead deliveries."""
    return list(
        WebhookEndpoint.objects.annotate(
            failing=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            dead=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.DEAD)),
        ).order_by("created_at", "pk")
    )


def endpoint_get(*, endpoint_id: int) -> WebhookEndpoint:
    return WebhookEndpoint.objects.get(pk=endpoint_id)


def deliveries_of(
    *, endpoint: WebhookEndpoint, status: str | None = None
) -> QuerySet[WebhookDelivery]:
    qs = WebhookDelivery.objects.filter(endpoint=endpoint)
    if status in DeliveryStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def deliveries_page(
    *, endpoint: WebhookEndpoint, status: str | None, page: int, size: int = DELIVERY_PAGE_SIZE
) -> Page[WebhookDelivery]:
    """A page of the endpoint's delivery log, newest first, optionally of one status."""
    return paginate(
        deliveries_of(endpoint=endpoint, status=status).select_related("message"),
        page=page,
        size=size,
    )


def delivery_get(*, delivery_id: int) -> WebhookDelivery:
    return WebhookDelivery.objects.select_related("endpoint", "message").get(pk=delivery_id)
