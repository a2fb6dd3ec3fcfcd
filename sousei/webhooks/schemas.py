"""API schemas of the webhooks."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from sousei.core.bounds import column, items, text
from sousei.webhooks.models import WebhookEndpoint

EventKind = text(60)  # checked against the domain event kinds by the service


class EndpointIn(Schema):
    url: column(WebhookEndpoint, "url") = Field(  # type: ignore[valid-type]
        description="The receiver's public https:// address"
    )
    description: column(WebhookEndpoint, "description") = ""  # type: ignore[valid-type]
    event_kinds: items(EventKind, 20, min_items=1) = Field(  # type: ignore[valid-type]
        description='Event kinds to send, e.g. ["booking.created"] (GET /webhooks/kinds)'
    )
    allows_personal_data: bool = False


class EndpointPatchIn(Schema):
    url: column(WebhookEndpoint, "url") | None = None  # type: ignore[valid-type]
    description: column(WebhookEndpoint, "description") | None = None  # type: ignore[valid-type]
    event_kinds: items(EventKind, 20, min_items=1) | None = None  # type: ignore[valid-type]
    allows_personal_data: bool | None = None
    enabled: bool | None = None


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    event_kinds: list[str]
    allows_personal_data: bool
    enabled: bool
    disabled_at: dt.datetime | None
    disabled_reason: str
    failing_since: dt.datetime | None
    created_at: dt.datetime


class EndpointCreatedOut(EndpointOut):
    secret: str = Field(description="The signing secret (whsec_…), shown this once")


class KindOut(Schema):
    kind: str
    label: str


class DeliveryOut(Schema):
    id: int
    msg_id: str
    event_kind: str
    status: str = Field(description="pending | succeeded | failed | dead")
    attempts: int
    next_attempt_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str
    response_ms: int | None
    delivered_at: dt.datetime | None
    replay_of: int | None
    created_at: dt.datetime


class DeliveryPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[DeliveryOut]
