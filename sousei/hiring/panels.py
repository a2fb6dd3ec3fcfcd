"""Hiring's panels on the region dashboard (registered from HiringConfig.ready): the
recruiting funnel for the office, and a candidate's applications, interviews and offers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.hiring import selectors
from sousei.hiring.funnel import funnel

SHOWN = 5


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def candidate_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    user = signed_in_user(request)
    return {"view": selectors.candidate_view(user=user, now=clock.now()), "shown": SHOWN}


def register() -> None:
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
