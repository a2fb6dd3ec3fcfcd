"""Notifications of the webhooks: an endpoint disabled after failing for five days, to the
region's operators, in their inbox and by e-mail (as they chose), in their language, through
the outbox, linking to the endpoint's delivery log."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.models import Membership
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import notification_send
from sousei.core.roles import Role
from sousei.webhooks.models import WebhookEndpoint


class Kind(models.TextChoices):
    ENDPOINT_DISABLED = "webhook_endpoint_disabled", gettext_lazy("Webhook endpoint disabled")


def register() -> None:
    kind_labels_register(Kind, inbox=True)


def operators() -> list[User]:
    """The region's active operators (in the current region scope)."""
    return [
        membership.user
        for membership in Membership.objects.filter(role=Role.OPERATOR, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    ]


def notify_endpoint_disabled(*, endpoint: WebhookEndpoint) -> list[OutboxMessage]:
    """Tell the region's operators that an endpoint was disabled for failing five days."""

    def text() -> tuple[str, str]:
        values = {"url": endpoint.url}
        return (
            _("Webhook endpoint disabled: %(url)s") % values,
            _(
                "Every delivery to %(url)s has failed for 5 days, so it was disabled and "
                "receives no more events. Check the receiver and its delivery log, then "
                "enable it again; failed deliveries can be replayed from the log."
            )
            % values,
        )

    link = reverse(
        "webhook-deliveries", kwargs={"slug": endpoint.region.slug, "endpoint_id": endpoint.pk}
    )
    sent = []
    for user in operators():
        message = notification_send(
            region=endpoint.region,
            user=user,
            kind=Kind.ENDPOINT_DISABLED,
            text=text,
            link=link,
            about=endpoint,
        )
        if message is not None:
            sent.append(message)
    return sent
