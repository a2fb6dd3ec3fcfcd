"""Webhooks: a region's endpoints (HTTPS addresses that follow chosen domain events), the
messages written when an event happens, and one delivery of a message to each endpoint.

A message holds what was said (ids and states, the Standard Webhooks envelope); a delivery
holds how telling one endpoint went: attempts, the next one, the last answer. Both carry the
region, as every tenant row does.
"""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned

#: The kind of the message an operator sends to try an endpoint (not a domain event).
TEST_KIND = "webhook.test"
#: The longest error text kept on a delivery (the receiver's answer is cut there).
ERROR_MAX = 500


def secret_new() -> str:
    """A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def message_id_new() -> str:
    """A message id, kept across the retries of one message (receivers de-duplicate by it)."""
    return "msg_" + secrets.token_urlsafe(18)


class WebhookEndpoint(RegionOwned):
    """An address of a region's partner system that is told of the event kinds it follows,
    signed with its own secret. Disabled by an operator, or by itself after failing for five
    days (`disabled_reason` says which); `failing_since` is the first failure of the current
    run of failures."""

    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, default=secret_new)
    event_kinds = models.JSONField(_("events"), default=list)
    allows_personal_data = models.BooleanField(_("send names and e-mail addresses"), default=False)
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(_("why it was disabled"), max_length=200, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    secret_rotated_at = models.DateTimeField(_("secret changed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        indexes = [models.Index(fields=["region", "enabled"], name="webhook_endpoint_enabled")]

    def __str__(self) -> str:
        return self.url

    def follows(self, kind: str) -> bool:
        return kind in (self.event_kinds or [])


class WebhookMessage(RegionOwned):
    """What one event said, as sent: the Standard Webhooks envelope
    `{"type", "timestamp", "data"}` with ids and states (names are added per endpoint, when
    it may receive them, at the moment of sending and never stored here)."""

    event_kind = models.CharField(_("event"), max_length=60)
    msg_id = models.CharField(_("message id"), max_length=40, default=message_id_new)
    payload = models.JSONField(_("payload"))
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook message")
        verbose_name_plural = _("webhook messages")
        constraints = [
            models.UniqueConstraint(fields=["region", "msg_id"], name="webhook_message_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.msg_id} {self.event_kind}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed, will retry")
    DEAD = "dead", _("Failed, given up")


class WebhookDelivery(RegionOwned):
    """One message to one endpoint: pending until its first attempt, failed while retries are
    scheduled (`next_attempt_at`), then succeeded or dead. A replay is a new delivery of the
    same message (`replay_of` the one replayed), tried at once."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.ForeignKey(WebhookMessage, on_delete=models.CASCADE, related_name="+")
    replay_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("error"), max_length=ERROR_MAX, blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # Frozen when the delivery is written: whether this message goes out with names, as the
    # endpoint allowed at the time of the event.
    personal_data = models.BooleanField(_("with personal data"), default=False)
    provision_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["region", "endpoint", "status", "created_at"],
                name="webhook_delivery_log",
            ),
            models.Index(fields=["region", "status", "next_attempt_at"], name="webhook_due"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.endpoint_id} ({self.status})"
