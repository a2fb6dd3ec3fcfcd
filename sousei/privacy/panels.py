"""Privacy's item in the dashboard's queue: requests waiting for an answer (registered from
PrivacyConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role
from sousei.privacy import selectors


def open_requests(request: HttpRequest, region: Region) -> int:
    return selectors.open_request_count()


def register() -> None:
    queue_register(
        QueueItem(
            name="privacy.requests",
            roles=frozenset({Role.OPERATOR}),
            label=_("Privacy requests to answer"),
            url="privacy-requests",
            count=open_requests,
        )
    )
