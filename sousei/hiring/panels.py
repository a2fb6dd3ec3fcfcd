"""Hiring's panels on the region dashboard (registered from HiringConfig.ready): the
recruiting funnel for the office, and a candidate's applications, interviews and offers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.hiring import selectors
from sousei.hiring.funnel import funnel

SHOWN = 5


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def candidate_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    user = signed_in_user(request)
    return {"view": selectors.candidate_view(user=user, now=clock.now()), "shown": SHOWN}


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
    panel_register(
        Panel(
            name="hiring.my_applications",
            roles=frozenset({Role.CANDIDATE}),
            template="hiring/_panel_candidate.html",
            context=candidate_context,
        )
    )
