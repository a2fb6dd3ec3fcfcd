"""Webhooks endpoints (operators): the region's webhook endpoints, their delivery log and
replay. The signing secret is in the answer to the POST that creates an endpoint (and to a
rotation), never in a GET."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router, Status

from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Id, Page, Slug, Word
from sousei.core.domain_events import KINDS
from sousei.core.http import signed_in
from sousei.core.schemas import ErrorOut
from sousei.webhooks import selectors, services
from sousei.webhooks.access import WEBHOOK_STAFF, delivery_visible, endpoint_visible
from sousei.webhooks.models import WebhookDelivery, WebhookEndpoint
from sousei.webhooks.schemas import (
    DeliveryOut,
    DeliveryPageOut,
    EndpointCreatedOut,
    EndpointIn,
    EndpointOut,
    EndpointPatchIn,
    KindOut,
)

router = Router(tags=["webhooks"])


def endpoint_body(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "description": endpoint.description,
        "event_kinds": endpoint.event_kinds,
        "allows_personal_data": endpoint.allows_personal_data,
        "enabled": endpoint.enabled,
        "disabled_at": endpoint.disabled_at,
        "disabled_reason": endpoint.disabled_reason,
        "failing_since": endpoint.failing_since,
        "created_at": endpoint.created_at,
    }


def delivery_body(delivery: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": delivery.pk,
        "msg_id": delivery.message.msg_id,
        "event_kind": delivery.message.event_kind,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_attempt_at": delivery.last_attempt_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "response_ms": delivery.response_ms,
        "delivered_at": delivery.delivered_at,
        "replay_of": delivery.replay_of_id,
        "created_at": delivery.created_at,
    }


@router.get(
    "/regions/{slug}/webhooks/kinds",
    auth=signed_in,
    response=list[KindOut],
    summary="The event kinds an endpoint can follow (operators)",
)
def webhook_kinds(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=WEBHOOK_STAFF):
        return [{"kind": kind, "label": str(label)} for kind, label in KINDS.items()]


@router.get(
    "/regions/{slug}/webhooks",
    auth=signed_in,
    response=list[EndpointOut],
    summary="The region's webhook endpoints (operators)",
)
def webhook_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=WEBHOOK_STAFF):
        return [endpoint_body(e) for e in selectors.endpoints_list()]


@router.post(
    "/regions/{slug}/webhooks",
    auth=signed_in,
    response={201: EndpointCreatedOut, 409: ErrorOut, 422: ErrorOut},
    summary="Add a webhook endpoint; the answer holds its signing secret, shown this once",
    description=(
        "422 for an address that is not public https:// (private, loopback and link-local "
        "addresses are refused) or an unknown event kind."
    ),
)
def webhook_create(request: HttpRequest, slug: Slug, payload: EndpointIn):
    with region_context(request, slug, roles=WEBHOOK_STAFF) as region:
        endpoint = services.endpoint_create(
            region=region,
            data=services.EndpointInput(
                url=payload.url,
                description=payload.description,
                event_kinds=payload.event_kinds,
                allows_personal_data=payload.allows_personal_data,
            ),
            actor=signed_in_user(request),
        )
        return Status(201, {**endpoint_body(endpoint), "secret": endpoint.secret})


@router.patch(
    "/regions/{slug}/webhooks/{endpoint_id}",
    auth=signed_in,
    response={200: EndpointOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change an endpoint: address, description, events, personal data, enabled",
)
def webhook_update(request: HttpRequest, slug: Slug, endpoint_id: Id, payload: EndpointPatchIn):
    with region_context(request, slug, roles=WEBHOOK_STAFF) as region:
        endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
        user = signed_in_user(request)
        # Fields left out (or null) keep their value.
        changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
        if {"url", "description", "event_kinds", "allows_personal_data"} & changes.keys():
            endpoint = services.endpoint_update(
                endpoint_id=endpoint.pk,
                data=services.EndpointInput(
                    url=changes.get("url", endpoint.url),
                    description=changes.get("description", endpoint.description),
                    event_kinds=changes.get("event_kinds", endpoint.event_kinds),
                    allows_personal_data=changes.get(
                        "allows_personal_data", endpoint.allows_personal_data
                    ),
                ),
                actor=user,
            )
        if changes.get("enabled") is not None:
            endpoint = services.endpoint_enable(
                endpoint_id=endpoint.pk, enabled=changes["enabled"], actor=user
            )
        return endpoint_body(endpoint)


@router.delete(
    "/regions/{slug}/webhooks/{endpoint_id}",
    auth=signed_in,
    response={204: None, 404: ErrorOut},
    summary="Remove an endpoint and its delivery log",
)
def webhook_delete(request: HttpRequest, slug: Slug, endpoint_id: Id):
    with region_context(request, slug, roles=WEBHOOK_STAFF) as region:
        endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
        services.endpoint_delete(endpoint_id=endpoint.pk, actor=signed_in_user(request))
        return Status(204, None)


@router.get(
    "/regions/{slug}/webhooks/{endpoint_id}/deliveries",
    auth=signed_in,
    response={200: DeliveryPageOut, 404: ErrorOut},
    summary="An endpoint's delivery log, newest first; `status` filters",
    description="`status` is pending, succeeded, failed (retries scheduled) or dead.",
)
def webhook_deliveries(
    request: HttpRequest, slug: Slug, endpoint_id: Id, status: Word | None = None, page: Page = 1
):
    with region_context(request, slug, roles=WEBHOOK_STAFF) as region:
        endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
        result = selectors.deliveries_page(
            endpoint=endpoint, status=status, page=page, size=settings.SOUSEI_API_PAGE_SIZE
        )
        return result.body([delivery_body(d) for d in result.items])


@router.post(
    "/regions/{slug}/webhooks/{endpoint_id}/deliveries/{delivery_id}/replay",
    auth=signed_in,
    response={201: DeliveryOut, 404: ErrorOut, 409: ErrorOut},
    summary="Send a delivery's message again now, as a new delivery",
    description="409 when the endpoint is disabled.",
)
def webhook_delivery_replay(request: HttpRequest, slug: Slug, endpoint_id: Id, delivery_id: Id):
    with region_context(request, slug, roles=WEBHOOK_STAFF) as region:
        reader = region_reader(request, region)
        endpoint = endpoint_visible(reader, endpoint_id)
        delivery = delivery_visible(reader, delivery_id)
        if delivery.endpoint_id != endpoint.pk:
            raise Http404("No such webhook delivery.")
        replay = services.delivery_replay(delivery_id=delivery.pk, actor=signed_in_user(request))
        return Status(201, delivery_body(replay))
