"""Sending one delivery: the signed request, its outcome, the retry schedule.

The body is the message's Standard Webhooks envelope as compact JSON; the headers
`webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>`) come
from the reference library, so a receiver verifies with `standardwebhooks.Webhook(secret)`.
A 2xx answer within 15 seconds is a success; anything else is retried on the schedule
(at once, then after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h) and then given up ("dead").
An endpoint that has failed without a success for five days is disabled, and the region's
operators are told.

One pooled HTTP client serves the process (connections are reused between deliveries to
the same receiver); it is thread-safe, so a worker may send from a small pool of threads.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import socket
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_noop
from standardwebhooks import Webhook

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.provision import provision_record
from sousei.core.provision_models import ProvisionChannel, RecipientKind
from sousei.webhooks import notifications, personal
from sousei.webhooks.models import ERROR_MAX, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from sousei.webhooks.safety import UnsafeAddress, target_of

TIMEOUT_SECONDS = 15.0
#: The waits before the second, third, … attempt; after the last one fails it is dead.
RETRY_DELAYS: tuple[dt.timedelta, ...] = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
)
#: A receiver's Retry-After is honoured up to this wait (never sooner than the schedule).
RETRY_AFTER_MAX = dt.timedelta(hours=10)
#: An endpoint failing this long without a success is disabled.
DISABLE_AFTER = dt.timedelta(days=5)
DISABLED_REASON = gettext_noop("Disabled automatically: every delivery failed for 5 days.")
USER_AGENT = "Sousei-Webhooks/1.0"

_client: httpx.Client | None = None
_client_lock = threading.Lock()


def http_client() -> httpx.Client:
    """The process's pooled client (created on first use)."""
    global _client
    with _client_lock:
        if _client is None:
            limits = httpx.Limits(max_connections=50, max_keepalive_connections=20)
            # Headers and body go out in two writes; without TCP_NODELAY the second waits
            # for the receiver's delayed ACK (about 40 ms a request on a kept-alive link).
            transport = httpx.HTTPTransport(
                limits=limits, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
            )
            _client = httpx.Client(
                transport=transport,
                timeout=httpx.Timeout(TIMEOUT_SECONDS),
                follow_redirects=False,
                headers={"user-agent": USER_AGENT},
            )
        return _client


def body_of(delivery: WebhookDelivery) -> bytes:
    """The JSON body: the message's envelope, with names and e-mail addresses under
    `data.person` when the delivery may carry them (read now, never stored)."""
    payload: dict[str, Any] = dict(delivery.message.payload)
    if delivery.personal_data:
        person = personal.person_of(payload.get("data") or {})
        if person:
            payload["data"] = {**payload["data"], "person": person}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def headers_of(*, secret: str, msg_id: str, moment: dt.datetime, body: bytes) -> dict[str, str]:
    """The Standard Webhooks headers for `body` sent at `moment`."""
    at = moment.astimezone(dt.UTC)
    signature = Webhook(secret).sign(msg_id=msg_id, timestamp=at, data=body.decode("utf-8"))
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


@dataclass(frozen=True)
class Outcome:
    """What one attempt gave: success, the answer's status, an error text, how long it took,
    a Retry-After wait, and whether the body may have reached the receiver."""

    ok: bool
    status_code: int | None
    error: str
    ms: int
    retry_after: dt.timedelta | None
    reached: bool


def retry_after_of(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    """A Retry-After header (seconds, or an HTTP date) as a wait; None if absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return dt.timedelta(seconds=min(int(value), 10**7))
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return max(moment - now, dt.timedelta(0))


def attempt(*, endpoint: WebhookEndpoint, msg_id: str, body: bytes, moment: dt.datetime) -> Outcome:
    """POST the body to the endpoint once, signed as sent at `moment` (no database access
    here, so it may run in a thread of its own)."""
    started = time.monotonic()
    try:
        target = target_of(endpoint.url)
    except UnsafeAddress as refused:
        return Outcome(False, None, str(refused), 0, None, reached=False)
    headers = headers_of(secret=endpoint.secret, msg_id=msg_id, moment=moment, body=body)
    headers["host"] = target.host_header
    try:
        response = http_client().post(
            target.url, content=body, headers=headers, extensions={"sni_hostname": target.host}
        )
    except httpx.TimeoutException as error:
        ms = int((time.monotonic() - started) * 1000)
        # A connect timeout sent nothing; a read or write timeout may have delivered it.
        reached = not isinstance(error, httpx.ConnectTimeout)
        return Outcome(False, None, f"timeout: {type(error).__name__}", ms, None, reached)
    except httpx.HTTPError as error:
        ms = int((time.monotonic() - started) * 1000)
        reached = not isinstance(error, httpx.ConnectError)
        return Outcome(False, None, f"{type(error).__name__}: {error}", ms, None, reached)
    ms = int((time.monotonic() - started) * 1000)
    ok = 200 <= response.status_code < 300
    problem = "" if ok else f"HTTP {response.status_code}: {response.text[:200]}"
    wait = retry_after_of(response.headers.get("retry-after"), moment)
    return Outcome(ok, response.status_code, problem, ms, None if ok else wait, reached=True)


def _next_wait(attempts: int, retry_after: dt.timedelta | None) -> dt.timedelta | None:
    """The wait before the next attempt after `attempts` failed ones, or None: give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    scheduled = RETRY_DELAYS[attempts - 1]
    if retry_after is None:
        return scheduled
    return min(max(scheduled, retry_after), max(RETRY_AFTER_MAX, scheduled))


def _record_provision(delivery: WebhookDelivery) -> None:
    """Record that personal data left the system to a third party (APPI art. 29 record of
    provision): once per delivery that carried names, when it may have reached the receiver.
    A booking's holder is known by their account, not a person record: the audit entry then
    stands as the record."""
    data = delivery.message.payload.get("data") or {}
    person = personal.person_record_of(data)
    audit_record(
        region=delivery.region,
        actor=None,
        action="webhook.provide",
        obj=delivery,
        changes={
            "endpoint": delivery.endpoint_id,
            "url": delivery.endpoint.url,
            "event": delivery.message.event_kind,
            "msg_id": delivery.message.msg_id,
        },
    )
    if person is not None:
        provision_record(
            region=delivery.region,
            actor=None,
            to=RecipientKind.WEBHOOK,
            person_ids=[person.pk],
            categories=["name", "contact"],
            channel=ProvisionChannel.API,
            source=f"webhook:{delivery.message.event_kind}",
            recipient_name=delivery.endpoint.url[:200],
            purpose=delivery.endpoint.description[:200],
        )


def _endpoint_disable_failing(endpoint: WebhookEndpoint, now: dt.datetime) -> None:
    endpoint.enabled = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = DISABLED_REASON
    endpoint.save(update_fields=["enabled", "disabled_at", "disabled_reason"])
    audit_record(
        region=endpoint.region,
        actor=None,
        action="webhook.auto_disable",
        obj=endpoint,
        changes={
            "failing_since": endpoint.failing_since.isoformat() if endpoint.failing_since else ""
        },
    )
    notifications.notify_endpoint_disabled(endpoint=endpoint)


DELIVERY_FIELDS = [
    "attempts",
    "last_attempt_at",
    "last_status_code",
    "last_error",
    "response_ms",
    "status",
    "delivered_at",
    "next_attempt_at",
    "provision_recorded_at",
]


def outcome_apply(delivery: WebhookDelivery, outcome: Outcome) -> None:
    """Put an attempt's outcome on the (locked) delivery, and write its endpoint's changes,
    inside the caller's transaction: success, or the next attempt on the schedule, or dead;
    the endpoint's run of failures, and its disabling after five days of them. The caller
    saves the delivery (DELIVERY_FIELDS)."""
    now = clock.now()
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error[:ERROR_MAX]
    delivery.response_ms = outcome.ms
    if outcome.ok:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        if endpoint.failing_since is not None:
            endpoint.failing_since = None
            endpoint.save(update_fields=["failing_since"])
    else:
        if endpoint.failing_since is None:
            endpoint.failing_since = now
            endpoint.save(update_fields=["failing_since"])
        elif endpoint.enabled and now - endpoint.failing_since >= DISABLE_AFTER:
            _endpoint_disable_failing(endpoint, now)
        wait = _next_wait(delivery.attempts, outcome.retry_after) if endpoint.enabled else None
        if wait is None:
            delivery.status = DeliveryStatus.DEAD
            delivery.next_attempt_at = None
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + wait
    if outcome.reached and delivery.personal_data and delivery.provision_recorded_at is None:
        _record_provision(delivery)
        delivery.provision_recorded_at = now


_pool: ThreadPoolExecutor | None = None
_pool_size = 0


def _executor(threads: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _client_lock:
        if _pool is None or _pool_size != threads:
            _pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="webhook-send")
            _pool_size = threads
        return _pool


def deliveries_send(*, delivery_ids: Sequence[int], threads: int = 1) -> list[WebhookDelivery]:
    """Make the attempt of each delivery that is due, in the current region scope; the ones
    another worker holds, already finished, not yet due or of a disabled endpoint are left
    as they are. Returns the deliveries attempted.

    The rows stay locked (FOR UPDATE SKIP LOCKED) while their requests go out, so two
    workers never send one delivery at once; the requests go out one after another, or
    from `threads` threads (HTTP only: the database is read and written here, once per
    batch); the outcomes are written in one statement and committed together."""
    if not delivery_ids:
        return []
    with transaction.atomic():
        now = clock.now()
        deliveries = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint", "message", "region")
            .filter(
                pk__in=list(delivery_ids),
                status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
                endpoint__enabled=True,
            )
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("pk")
        )
        if not deliveries:
            return []
        # One endpoint object per endpoint, so its run of failures is counted once.
        endpoints: dict[int, WebhookEndpoint] = {}
        for delivery in deliveries:
            delivery.endpoint = endpoints.setdefault(delivery.endpoint_id, delivery.endpoint)
        jobs = [
            (delivery.endpoint, delivery.message.msg_id, body_of(delivery))
            for delivery in deliveries
        ]

        def run(job: tuple[WebhookEndpoint, str, bytes]) -> Outcome:
            # The moment is the caller's: the clock is per thread (a context variable).
            return attempt(endpoint=job[0], msg_id=job[1], body=job[2], moment=now)

        if threads > 1 and len(jobs) > 1:
            outcomes = list(_executor(threads).map(run, jobs))
        else:
            outcomes = [run(job) for job in jobs]
        for delivery, outcome in zip(deliveries, outcomes, strict=True):
            outcome_apply(delivery, outcome)
        _outcomes_write(deliveries)
    return deliveries


# PostgreSQL types of DELIVERY_FIELDS, for the VALUES list of _outcomes_write.
_SQL_TYPES = {
    "attempts": "smallint",
    "last_attempt_at": "timestamptz",
    "last_status_code": "smallint",
    "last_error": "varchar",
    "response_ms": "integer",
    "status": "varchar",
    "delivered_at": "timestamptz",
    "next_attempt_at": "timestamptz",
    "provision_recorded_at": "timestamptz",
}


def _outcomes_write(deliveries: list[WebhookDelivery]) -> None:
    """Save the deliveries' DELIVERY_FIELDS in one statement. On PostgreSQL an UPDATE … FROM
    (VALUES …): Django's bulk_update builds a CASE per field and row, which costs more to
    compile than the whole batch's HTTP requests."""
    if len(deliveries) == 1:
        deliveries[0].save(update_fields=DELIVERY_FIELDS)
        return
    if connection.vendor != "postgresql":
        WebhookDelivery.objects.bulk_update(deliveries, DELIVERY_FIELDS)
        return
    table = connection.ops.quote_name(WebhookDelivery._meta.db_table)
    row = "(%s::bigint, " + ", ".join(f"%s::{_SQL_TYPES[f]}" for f in DELIVERY_FIELDS) + ")"
    params: list[Any] = []
    for delivery in deliveries:
        params.append(delivery.pk)
        params.extend(getattr(delivery, f) for f in DELIVERY_FIELDS)
    assignments = ", ".join(f"{f} = v.{f}" for f in DELIVERY_FIELDS)
    sql = (
        f'UPDATE {table} AS "d" SET {assignments} '
        f"FROM (VALUES {', '.join([row] * len(deliveries))}) "
        f"AS v(id, {', '.join(DELIVERY_FIELDS)}) "
        # Written as Django writes a region condition, so the one-region check recognises it.
        'WHERE "d"."id" = v.id AND "d"."region_id" = %s'
    )
    params.append(deliveries[0].region_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def delivery_send(*, delivery_id: int) -> WebhookDelivery | None:
    """Make one delivery's attempt if it is due (see deliveries_send); None if it was not
    made (another worker holds it, or it is finished, not due, or its endpoint disabled)."""
    sent = deliveries_send(delivery_ids=[delivery_id])
    return sent[0] if sent else None
