"""Webhooks: the write services. Operators add, change, rotate, enable, disable and remove a
region's endpoints, send a test event and replay a delivery; each write is audited in its
transaction. (Deliveries themselves are written by the domain-event subscriber, events.py,
and their attempts by sending.py.)"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import KINDS
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.webhooks.events import message_fan_out
from sousei.webhooks.models import (
    TEST_KIND,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    secret_new,
)
from sousei.webhooks.safety import url_check
from sousei.webhooks.tasks import delivery_enqueue

#: How many endpoints a region may have (each event is written once per endpoint).
ENDPOINTS_MAX = 20


@dataclass(frozen=True)
class EndpointInput:
    url: str
    description: str
    event_kinds: Collection[str]
    allows_personal_data: bool


def _checked(data: EndpointInput) -> tuple[str, list[str]]:
    errors: dict[str, list[ValidationError]] = {}
    url = data.url
    try:
        url = url_check(data.url)
    except ValidationError as error:
        errors["url"] = [error]
    unknown = sorted(set(data.event_kinds) - set(KINDS))
    if unknown:
        errors["event_kinds"] = [
            ValidationError(
                _("Unknown events: %(kinds)s. Choose from the list."),
                code="invalid",
                params={"kinds": ", ".join(unknown)},
            )
        ]
    elif not data.event_kinds:
        errors["event_kinds"] = [
            ValidationError(_("Choose at least one event to send."), code="required")
        ]
    if errors:
        raise ValidationError(errors)
    # Kept in the order of KINDS, so the list reads the same wherever it is shown.
    return url, [kind for kind in KINDS if kind in set(data.event_kinds)]


def endpoint_create(*, region: Region, data: EndpointInput, actor: User) -> WebhookEndpoint:
    """Add an endpoint with a new signing secret (shown to the operator once, on creation)."""
    url, kinds = _checked(data)
    with transaction.atomic():
        if WebhookEndpoint.objects.count() >= ENDPOINTS_MAX:
            raise Conflict(
                _("A region has at most %(max)s webhook endpoints; remove one you no longer use."),
                max=ENDPOINTS_MAX,
            )
        endpoint = WebhookEndpoint.objects.create(
            region=region,
            url=url,
            description=data.description.strip(),
            event_kinds=kinds,
            allows_personal_data=data.allows_personal_data,
            created_by=actor,
        )
        audit_record(
            region=region,
            actor=actor,
            action="webhook.create",
            obj=endpoint,
            changes={
                "url": url,
                "event_kinds": kinds,
                "allows_personal_data": data.allows_personal_data,
            },
        )
    return endpoint


def _locked(endpoint_id: int) -> WebhookEndpoint:
    return WebhookEndpoint.objects.select_for_update().select_related("region").get(pk=endpoint_id)


def endpoint_update(*, endpoint_id: int, data: EndpointInput, actor: User) -> WebhookEndpoint:
    """Change an endpoint's address, description, events or personal-data permission."""
    url, kinds = _checked(data)
    with transaction.atomic():
        endpoint = _locked(endpoint_id)
        before = {
            "url": endpoint.url,
            "description": endpoint.description,
            "event_kinds": endpoint.event_kinds,
            "allows_personal_data": endpoint.allows_personal_data,
        }
        endpoint.url = url
        endpoint.description = data.description.strip()
        endpoint.event_kinds = kinds
        endpoint.allows_personal_data = data.allows_personal_data
        endpoint.save(update_fields=["url", "description", "event_kinds", "allows_personal_data"])
        after = {
            "url": endpoint.url,
            "description": endpoint.description,
            "event_kinds": endpoint.event_kinds,
            "allows_personal_data": endpoint.allows_personal_data,
        }
        audit_record(
            region=endpoint.region,
            actor=actor,
            action="webhook.update",
            obj=endpoint,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return endpoint


def endpoint_secret_rotate(*, endpoint_id: int, actor: User) -> WebhookEndpoint:
    """Replace the signing secret: messages from now on are signed with the new one."""
    with transaction.atomic():
        endpoint = _locked(endpoint_id)
        endpoint.secret = secret_new()
        endpoint.secret_rotated_at = clock.now()
        endpoint.save(update_fields=["secret", "secret_rotated_at"])
        audit_record(region=endpoint.region, actor=actor, action="webhook.rotate", obj=endpoint)
    return endpoint


def endpoint_enable(*, endpoint_id: int, enabled: bool, actor: User) -> WebhookEndpoint:
    """Enable or disable an endpoint. Enabling starts its run of failures afresh and sends
    the deliveries that came due meanwhile."""
    with transaction.atomic():
        endpoint = _locked(endpoint_id)
        if endpoint.enabled == enabled:
            return endpoint
        endpoint.enabled = enabled
        if enabled:
            endpoint.disabled_at = None
            endpoint.disabled_reason = ""
            endpoint.failing_since = None
        else:
            endpoint.disabled_at = clock.now()
            endpoint.disabled_reason = gettext_noop("Disabled by an operator.")
        endpoint.save(update_fields=["enabled", "disabled_at", "disabled_reason", "failing_since"])
        audit_record(
            region=endpoint.region,
            actor=actor,
            action="webhook.enable" if enabled else "webhook.disable",
            obj=endpoint,
        )
        if enabled:
            waiting = WebhookDelivery.objects.filter(
                endpoint=endpoint,
                status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
            ).order_by("pk")[:1000]
            for delivery in waiting:
                delivery_enqueue(delivery=delivery)
    return endpoint


def endpoint_delete(*, endpoint_id: int, actor: User) -> None:
    """Remove an endpoint with its delivery log (the audit trail keeps that it existed)."""
    with transaction.atomic():
        endpoint = _locked(endpoint_id)
        audit_record(
            region=endpoint.region,
            actor=actor,
            action="webhook.delete",
            obj=endpoint,
            changes={"url": endpoint.url},
        )
        endpoint.delete()


def endpoint_test_send(*, endpoint_id: int, actor: User) -> WebhookDelivery:
    """Send a `webhook.test` message to this endpoint alone (whatever events it follows)."""
    with transaction.atomic():
        endpoint = _locked(endpoint_id)
        if not endpoint.enabled:
            raise Conflict(_("The endpoint is disabled. Enable it first, then send a test."))
        [delivery] = message_fan_out(
            region=endpoint.region,
            kind=TEST_KIND,
            data={"endpoint_id": endpoint.pk, "note": "test"},
            moment_iso=clock.now().isoformat(),
            endpoints=[endpoint],
        )
        audit_record(
            region=endpoint.region,
            actor=actor,
            action="webhook.test",
            obj=endpoint,
            changes={"delivery": delivery.pk},
        )
    return delivery


def delivery_replay(*, delivery_id: int, actor: User) -> WebhookDelivery:
    """Send a delivery's message to its endpoint again, now, as a new delivery (same message
    id, so the receiver can tell it is the same event), with its own retries."""
    with transaction.atomic():
        original = (
            WebhookDelivery.objects.select_related("endpoint", "message", "region")
            .select_for_update(of=("self",))
            .get(pk=delivery_id)
        )
        endpoint = original.endpoint
        if not endpoint.enabled:
            raise Conflict(_("The endpoint is disabled. Enable it first, then replay."))
        replay = WebhookDelivery.objects.create(
            region=original.region,
            endpoint=endpoint,
            message=original.message,
            replay_of=original,
            personal_data=endpoint.allows_personal_data,
            next_attempt_at=clock.now(),
        )
        audit_record(
            region=original.region,
            actor=actor,
            action="webhook.replay",
            obj=replay,
            changes={"replay_of": original.pk, "msg_id": original.message.msg_id},
        )
        delivery_enqueue(delivery=replay)
    return replay
