"""The inbox's item of the dashboard's work queue: notifications not seen yet (registered
from CoreConfig.ready for every role)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.outbox.selectors import unread_count
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role


def unread_notifications(request: HttpRequest, region: Region) -> int:
    return unread_count(user=signed_in_user(request))


def register() -> None:
    queue_register(
        QueueItem(
            name="core.unread_notifications",
            roles=frozenset(Role.values),
            label=_("New notifications"),
            url="notifications",
            count=unread_notifications,
        )
    )
