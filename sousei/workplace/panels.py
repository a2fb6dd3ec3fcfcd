"""The workplace's items in the dashboard's work queue (registered in WorkplaceConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.models import Region
from sousei.core.panels import QueueItem, queue_register
from sousei.core.roles import Role
from sousei.workplace.selectors.onboarding import overdue_step_count


def overdue_steps(request: HttpRequest, region: Region) -> int:
    return overdue_step_count(today=clock.today())


def register() -> None:
    queue_register(
        QueueItem(
            name="workplace.onboarding_overdue",
            roles=frozenset({Role.OPERATOR}),
            label=_("Overdue onboarding steps"),
            url="onboarding-list",
            count=overdue_steps,
        )
    )
