"""Deliveries: signed as Standard Webhooks, retried on the schedule, given up, and an endpoint
that fails for five days is disabled with a notice to the region's operators."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from conftest import Cast
from sousei.core import clock
from sousei.core.domain_events import domain_event_publish
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookMessage
from sousei.webhooks.tests.helpers import endpoint, run
from sousei.webhooks.tests.receiver import Receiver, receiving

# Later than the tests' real time, at which their messages are written (and due).
T0 = dt.datetime(2030, 2, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def local_urls(settings: Any) -> None:
    settings.SOUSEI_WEBHOOK_LOCAL_URLS = True


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as r:
        yield r


def booked(region: Region, booking_id: int = 7) -> None:
    with transaction.atomic():
        domain_event_publish(
            kind="booking.created",
            region=region,
            payload={"booking_id": booking_id, "holder_user_id": None, "status": "booked"},
        )


def test_an_event_writes_one_message_and_a_delivery_per_following_endpoint(
    in_koga: Region, cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    operator = cast.user("operator")
    follows = endpoint(in_koga, operator, "https://hooks.example.jp/a")
    endpoint(in_koga, operator, "https://hooks.example.jp/b", kinds=["offer.accepted"])
    off = endpoint(in_koga, operator, "https://hooks.example.jp/c")
    off.enabled = False
    off.save()
    with django_capture_on_commit_callbacks() as queued:  # type: ignore[operator]
        booked(in_koga)
    message = WebhookMessage.objects.get()
    assert message.msg_id.startswith("msg_")
    assert message.payload["type"] == "booking.created"
    assert message.payload["data"] == {"booking_id": 7, "holder_user_id": None, "status": "booked"}
    assert dt.datetime.fromisoformat(message.payload["timestamp"]).tzinfo is not None
    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.endpoint, delivery.status, delivery.attempts) == (follows, "pending", 0)
    assert len(queued) == 1


def test_nothing_is_written_when_the_publisher_rolls_back(in_koga: Region, cast: Cast) -> None:
    endpoint(in_koga, cast.user("operator"), "https://hooks.example.jp/a")

    def book_then_fail() -> None:
        with transaction.atomic():
            domain_event_publish(kind="booking.created", region=in_koga, payload={"booking_id": 1})
            raise RuntimeError("the booking failed")

    with pytest.raises(RuntimeError):
        book_then_fail()
    assert not WebhookMessage.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_the_signature_verifies_with_the_reference_library(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    hook = endpoint(in_koga, cast.user("operator"), receiver.url)
    booked(in_koga)
    delivery = run(WebhookDelivery.objects.get())
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.last_status_code == 204
    assert delivery.delivered_at is not None
    [got] = receiver.received
    assert got.path == "/hooks"
    assert got.headers["webhook-id"] == delivery.message.msg_id
    assert got.headers["webhook-signature"].startswith("v1,")
    verified = Webhook(hook.secret).verify(got.body, got.headers)
    assert verified["type"] == "booking.created"
    assert verified["data"]["booking_id"] == 7
    # Another secret does not verify it.
    with pytest.raises(Exception, match="No matching signature"):
        Webhook("whsec_" + "QUJD" * 8).verify(got.body, got.headers)


def test_a_rotated_secret_signs_from_then_on(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    from sousei.webhooks.services import endpoint_secret_rotate

    hook = endpoint(in_koga, cast.user("operator"), receiver.url)
    old = hook.secret
    rotated = endpoint_secret_rotate(endpoint_id=hook.pk, actor=cast.user("operator"))
    assert rotated.secret != old
    assert rotated.secret.startswith("whsec_")
    booked(in_koga)
    run(WebhookDelivery.objects.get())
    Webhook(rotated.secret).verify(receiver.received[0].body, receiver.received[0].headers)


def test_a_failing_endpoint_is_retried_on_the_schedule_then_given_up(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    receiver.status = 500
    endpoint(in_koga, cast.user("operator"), receiver.url)
    booked(in_koga)
    delivery = WebhookDelivery.objects.get()
    waits = []
    moment = T0
    for _attempt in range(7):
        with clock.frozen_at(moment):
            delivery = run(delivery)
        if delivery.next_attempt_at is None:
            break
        waits.append(delivery.next_attempt_at - moment)
        moment = delivery.next_attempt_at
    assert waits == [
        dt.timedelta(seconds=5),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=30),
        dt.timedelta(hours=2),
        dt.timedelta(hours=5),
        dt.timedelta(hours=10),
    ]
    assert delivery.status == DeliveryStatus.DEAD
    assert delivery.attempts == 7 == len(receiver.received)
    assert delivery.last_status_code == 500
    assert delivery.last_error.startswith("HTTP 500")
    # All attempts carried the same message id, for the receiver to de-duplicate.
    assert {r.headers["webhook-id"] for r in receiver.received} == {delivery.message.msg_id}


def test_an_attempt_not_yet_due_is_not_made(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    receiver.status = 500
    endpoint(in_koga, cast.user("operator"), receiver.url)
    booked(in_koga)
    with clock.frozen_at(T0):
        delivery = run(WebhookDelivery.objects.get())
    with clock.frozen_at(T0 + dt.timedelta(seconds=4)):
        delivery = run(delivery)
    assert delivery.attempts == 1 == len(receiver.received)


def test_retry_after_is_honoured_up_to_ten_hours(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    receiver.status = 503
    receiver.answer_headers = {"Retry-After": "120"}
    endpoint(in_koga, cast.user("operator"), receiver.url)
    booked(in_koga)
    with clock.frozen_at(T0):
        delivery = run(WebhookDelivery.objects.get())
    assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=120)
    receiver.answer_headers = {"Retry-After": "9999999"}
    with clock.frozen_at(T0 + dt.timedelta(seconds=120)):
        delivery = run(delivery)
    assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=120, hours=10)


def test_a_success_ends_the_endpoints_run_of_failures(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    receiver.status = 500
    hook = endpoint(in_koga, cast.user("operator"), receiver.url)
    booked(in_koga)
    with clock.frozen_at(T0):
        delivery = run(WebhookDelivery.objects.get())
    hook.refresh_from_db()
    assert hook.failing_since == T0
    receiver.status = 200
    with clock.frozen_at(T0 + dt.timedelta(seconds=5)):
        delivery = run(delivery)
    hook.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert hook.failing_since is None


def test_an_endpoint_failing_for_five_days_is_disabled_and_the_operators_told(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    receiver.status = 502
    hook = endpoint(in_koga, cast.user("operator"), receiver.url)
    hook.failing_since = T0 - dt.timedelta(days=5)
    hook.save()
    booked(in_koga)
    with clock.frozen_at(T0 - dt.timedelta(seconds=1)):
        delivery = run(WebhookDelivery.objects.get())
    hook.refresh_from_db()
    assert hook.enabled  # 4 days, 23:59:59
    with clock.frozen_at(T0 + dt.timedelta(seconds=4)):
        delivery = run(delivery)
    hook.refresh_from_db()
    assert not hook.enabled
    assert hook.disabled_at == T0 + dt.timedelta(seconds=4)
    assert "5 days" in hook.disabled_reason
    assert delivery.status == DeliveryStatus.DEAD
    [notice] = OutboxMessage.objects.filter(kind="webhook_endpoint_disabled")
    assert notice.user == cast.user("operator")
    assert hook.url in notice.subject
    assert notice.link == f"/r/koga/webhooks/{hook.pk}/"
    assert AuditEntry.objects.filter(action="webhook.auto_disable", actor=None).exists()
    # A disabled endpoint gets no new deliveries.
    booked(in_koga, booking_id=8)
    assert WebhookDelivery.objects.count() == 1


def test_names_go_only_to_an_endpoint_allowed_them_with_a_record_of_provision(
    in_koga: Region, cast: Cast, receiver: Receiver
) -> None:
    from sousei.people.tests.factories import PersonFactory

    person = PersonFactory.create(region=in_koga, family_name="古賀", given_name="花子")
    operator = cast.user("operator")
    allowed = endpoint(in_koga, operator, receiver.url, kinds=["offer.accepted"], personal=True)
    endpoint(in_koga, operator, receiver.url + "?plain", kinds=["offer.accepted"])
    with transaction.atomic():
        domain_event_publish(
            kind="offer.accepted", region=in_koga, payload={"offer_id": 1, "person_id": person.pk}
        )
    for delivery in WebhookDelivery.objects.order_by("pk"):
        run(delivery)
    bodies = {r.path: json.loads(r.body) for r in receiver.received}
    assert bodies["/hooks"]["data"]["person"] == {
        "name": person.full_name,
        "name_kana": person.full_name_kana,
        "email": person.email,
    }
    assert "person" not in bodies["/hooks?plain"]["data"]
    [record] = AuditEntry.objects.filter(action="webhook.provide")
    assert record.changes["endpoint"] == allowed.pk
    assert record.changes["event"] == "offer.accepted"
    # The stored message never holds the name.
    assert "花子" not in json.dumps(WebhookMessage.objects.get().payload, ensure_ascii=False)


def test_the_sweep_sends_every_due_delivery_in_one_batch(
    in_koga: Region, cast: Cast, receiver: Receiver, settings: Any
) -> None:
    from sousei.webhooks.tasks import webhooks_due_send

    settings.SOUSEI_WEBHOOK_SEND_THREADS = 3
    hook = endpoint(in_koga, cast.user("operator"), receiver.url)
    for n in range(5):
        booked(in_koga, booking_id=n)
    assert webhooks_due_send.call(now=None) == 5
    # Nothing is due any more: a second sweep makes no attempt.
    assert webhooks_due_send.call(now=None) == 0
    assert sorted(json.loads(r.body)["data"]["booking_id"] for r in receiver.received) == [
        0,
        1,
        2,
        3,
        4,
    ]
    for got in receiver.received:
        Webhook(hook.secret).verify(got.body, got.headers)
    statuses = set(WebhookDelivery.objects.values_list("status", "attempts", "last_status_code"))
    assert statuses == {("succeeded", 1, 204)}


def test_a_failed_attempt_queues_its_retry_for_the_worker_at_its_time(
    in_koga: Region, cast: Cast, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    receiver.status = 500
    endpoint(in_koga, cast.user("operator"), receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        booked(in_koga)
    [first] = DBTaskResult.objects.filter(task_path__endswith="webhook_deliver")
    delivery = WebhookDelivery.objects.get()
    assert first.args_kwargs["kwargs"] == {"delivery_id": delivery.pk, "region_id": in_koga.pk}
    with django_capture_on_commit_callbacks(execute=True):
        delivery = run(delivery)
    retry = DBTaskResult.objects.filter(task_path__endswith="webhook_deliver").exclude(pk=first.pk)
    assert [r.run_after for r in retry] == [delivery.next_attempt_at]
