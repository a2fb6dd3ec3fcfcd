"""The webhooks' background work: send one delivery (queued when its event commits, and
again for each retry), and the sweep that sends whatever is due (cron, every minute). Tasks
take ids and re-enter the region scope."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.webhooks import sending
from sousei.webhooks.models import DeliveryStatus, WebhookDelivery


def delivery_enqueue(*, delivery: WebhookDelivery) -> None:
    """Queue the delivery's next attempt once the current transaction commits: at once, or
    at its `next_attempt_at` when the task backend can defer (the sweep catches it too)."""
    delivery_id, region_id, when = delivery.pk, delivery.region_id, delivery.next_attempt_at

    def enqueue() -> None:
        queued = webhook_deliver
        if when is not None and when > clock.now() and queued.get_backend().supports_defer:
            queued = queued.using(run_after=when)
        elif when is not None and when > clock.now():
            return  # not due yet and the backend cannot wait: the sweep sends it
        queued.enqueue(delivery_id=delivery_id, region_id=region_id)

    transaction.on_commit(enqueue)


@task()
def webhook_deliver(*, delivery_id: int, region_id: int) -> str:
    """Attempt one delivery if it is due; queue its retry when it failed. Returns its status
    ("skipped" when no attempt was made: finished, not due, held by another worker)."""
    region = Region.objects.get(pk=region_id)
    with region_scope(region):
        delivery = sending.delivery_send(delivery_id=delivery_id)
        if delivery is None:
            return "skipped"
        if delivery.status == DeliveryStatus.FAILED and delivery.next_attempt_at is not None:
            with transaction.atomic():
                delivery_enqueue(delivery=delivery)
        return str(delivery.status)


#: Deliveries sent per transaction by the sweep.
BATCH = 100


def deliveries_due(*, moment: dt.datetime, limit: int = 1000) -> list[int]:
    """In the current region scope: the deliveries whose attempt is due, oldest first."""
    return list(
        WebhookDelivery.objects.filter(
            status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
            next_attempt_at__lte=moment,
            endpoint__enabled=True,
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


@task()
def webhooks_due_send(*, now: str | None = None) -> int:
    """Send every due delivery of every region, here and now (run from cron every minute
    with `sousei webhooks-due`; catches retries a worker could not defer). Returns how many
    attempts were made."""
    moment = dt.datetime.fromisoformat(now) if now else clock.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    sent = 0
    threads = int(getattr(settings, "SOUSEI_WEBHOOK_SEND_THREADS", 4))
    for region in Region.objects.order_by("pk"):
        with region_scope(region):
            due = deliveries_due(moment=moment)
            for start in range(0, len(due), BATCH):
                batch = due[start : start + BATCH]
                sent += len(sending.deliveries_send(delivery_ids=batch, threads=threads))
    return sent
