"""People's item of the dashboard's work queue: applications waiting for a decision
(registered from PeopleConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role
from sousei.people import selectors
from sousei.people.models import ApplicationStatus


def applications_to_decide(request: HttpRequest, region: Region) -> int:
    return selectors.application_status_counts()[ApplicationStatus.SUBMITTED]


def register() -> None:
    queue_register(
        QueueItem(
            name="people.applications",
            roles=frozenset({Role.OPERATOR}),
            label=_("Applications to decide"),
            url="application-list",
            query="?status=submitted",
            count=applications_to_decide,
        )
    )
