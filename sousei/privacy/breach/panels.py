"""The breach register's item in the operators' dashboard queue (registered from
PrivacyConfig.ready): incidents waiting on a report to the PPC or on the decision."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role
from sousei.privacy.breach import selectors


def breaches_awaiting(request: HttpRequest, region: Region) -> int:
    return selectors.breaches_awaiting_count()


def register() -> None:
    queue_register(
        QueueItem(
            name="privacy.breaches",
            roles=frozenset({Role.OPERATOR}),
            label=_("Breach reports to file or decide"),
            url="privacy-breach-list",
            count=breaches_awaiting,
        )
    )
