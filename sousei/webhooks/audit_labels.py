"""What the webhooks' audit action codes mean to a reader (registered from WebhooksConfig)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

LABELS = {
    "webhook.create": _("Webhook endpoint added"),
    "webhook.update": _("Webhook endpoint changed"),
    "webhook.rotate": _("Webhook signing secret changed"),
    "webhook.enable": _("Webhook endpoint enabled"),
    "webhook.disable": _("Webhook endpoint disabled"),
    "webhook.auto_disable": _("Webhook endpoint disabled after failing for 5 days"),
    "webhook.delete": _("Webhook endpoint removed"),
    "webhook.test": _("Webhook test event sent"),
    "webhook.replay": _("Webhook delivery replayed"),
    "webhook.provide": _("Personal data sent to a webhook endpoint"),
}


def register() -> None:
    action_labels_register(LABELS)
