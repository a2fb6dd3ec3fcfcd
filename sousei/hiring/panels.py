"""Hiring's panel on the region dashboard: the recruiting funnel (registered from
HiringConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.hiring import selectors
from sousei.hiring.funnel import funnel


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def offers_to_approve(request: HttpRequest, region: Region) -> int:
    return selectors.offers_to_approve_count(user=signed_in_user(request))


def offers_to_answer(request: HttpRequest, region: Region) -> int:
    return selectors.offers_to_answer_count(user=signed_in_user(request))


def register() -> None:
    queue_register(
        QueueItem(
            name="hiring.offers_to_approve",
            roles=frozenset({Role.OPERATOR}),
            label=_("Offers to approve"),
            url="opening-list",
            count=offers_to_approve,
        )
    )
    queue_register(
        QueueItem(
            name="hiring.offers_to_answer",
            roles=frozenset({Role.CANDIDATE}),
            label=_("Offers waiting for your answer"),
            url="my-applications",
            count=offers_to_answer,
        )
    )
    panel_register(
        Panel(
            name="hiring.funnel",
            roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
            template="hiring/_panel_funnel.html",
            context=funnel_context,
        )
    )
