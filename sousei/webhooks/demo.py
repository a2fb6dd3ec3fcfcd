"""Demo webhooks (Koga only): an endpoint of the city's dashboard pointing at a receiver on
the demo machine, with a delivery log that shows each state — a success, a delivery failing
and waiting for its next attempt, and one given up after its last attempt. The rows are
written as they would stand, without sending anything, so the demo needs no network; an
event made in the demo is then tried against the local address and fails at once unless a
receiver listens there. Idempotent: an existing demo endpoint is left as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.webhooks.events import envelope
from sousei.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookMessage

DEMO_URL = "http://127.0.0.1:8765/sousei-webhooks"
DEMO_DESCRIPTION = "古賀市 ダッシュボード（デモ受信先）"


@dataclass
class WebhooksSummary:
    region: str
    endpoints: int
    deliveries: int

    def line(self) -> str:
        return (
            f"  {self.region} webhooks: {self.endpoints} endpoint added, "
            f"{self.deliveries} deliveries in its log"
        )


def seed_webhooks(*, region: Region, operator: User) -> WebhooksSummary:
    """Inside the region's scope."""
    if region.slug != "koga" or WebhookEndpoint.objects.filter(url=DEMO_URL).exists():
        return WebhooksSummary(region.slug, 0, 0)
    now = clock.now()
    endpoint = WebhookEndpoint.objects.create(
        region=region,
        url=DEMO_URL,
        description=DEMO_DESCRIPTION,
        event_kinds=["application.decided", "booking.created", "payrun.completed"],
        created_by=operator,
        failing_since=now - dt.timedelta(hours=3),
    )
    rows = [
        # kind, data, hours ago, status, attempts, last status, error, next attempt in
        (
            "application.decided",
            {"application_id": 1, "person_id": 1, "decision": "accept", "status": "accepted"},
            26,
            DeliveryStatus.SUCCEEDED,
            1,
            204,
            "",
            None,
        ),
        (
            "booking.created",
            {"booking_id": 1, "kind": "member", "status": "booked"},
            3,
            DeliveryStatus.FAILED,
            4,
            503,
            "HTTP 503: Service Unavailable",
            dt.timedelta(minutes=85),
        ),
        (
            "payrun.completed",
            {"payrun_id": 1, "month": "2026-11", "statements": 4, "status": "completed"},
            40,
            DeliveryStatus.DEAD,
            7,
            None,
            "ConnectError: [Errno 111] Connection refused",
            None,
        ),
    ]
    written = 0
    for kind, data, hours_ago, status, attempts, code, error, next_in in rows:
        at = now - dt.timedelta(hours=hours_ago)
        with clock.frozen_at(at):
            message = WebhookMessage.objects.create(
                region=region,
                event_kind=kind,
                payload=envelope(kind=kind, data=data, moment_iso=at.isoformat()),
            )
            WebhookDelivery.objects.create(
                region=region,
                endpoint=endpoint,
                message=message,
                status=status,
                attempts=attempts,
                last_attempt_at=now - dt.timedelta(minutes=35) if next_in else at,
                last_status_code=code,
                last_error=error,
                response_ms=120 if code else 2,
                delivered_at=at if status == DeliveryStatus.SUCCEEDED else None,
                next_attempt_at=now + next_in if next_in else None,
            )
        written += 1
    return WebhooksSummary(region.slug, 1, written)
