"""Hiring's panels on the region dashboard (registered from HiringConfig.ready): the
recruiting funnel for the office, an employer's openings and interviews, and a candidate's
applications, interviews and offers; and the recruiting work that waits in the queue."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import region_reader, signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.hiring import selectors
from sousei.hiring.access import employers_seen
from sousei.hiring.funnel import funnel

SHOWN = 5


def funnel_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"funnel": funnel()}


def candidate_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    user = signed_in_user(request)
    return {"view": selectors.candidate_view(user=user, now=clock.now()), "shown": SHOWN}


def recruiter_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    view = selectors.recruiter_view(
        user=signed_in_user(request),
        employer_ids=employers_seen(region_reader(request, region)),
        now=clock.now(),
        shown=SHOWN,
    )
    return {"view": view}


def scorecards_to_write(request: HttpRequest, region: Region) -> int:
    return selectors.scorecards_to_write_count(user=signed_in_user(request), now=clock.now())


def candidacies_to_screen(request: HttpRequest, region: Region) -> int:
    return selectors.candidacies_to_screen_count(
        employer_ids=employers_seen(region_reader(request, region))
    )


def offers_to_approve(request: HttpRequest, region: Region) -> int:
    return selectors.offers_to_approve_count(user=signed_in_user(request))


def offers_to_answer(request: HttpRequest, region: Region) -> int:
    return selectors.offers_to_answer_count(user=signed_in_user(request))


# What hiring adds to the dashboard: the work that waits in the queue, then the panels.
QUEUE = (
    QueueItem(
        name="hiring.offers_to_approve",
        roles=frozenset({Role.OPERATOR}),
        label=_("Offers to approve"),
        url="opening-list",
        count=offers_to_approve,
    ),
    QueueItem(
        name="hiring.to_screen",
        roles=frozenset({Role.OPERATOR, Role.EMPLOYER}),
        label=_("New job applications to screen"),
        url="opening-list",
        count=candidacies_to_screen,
    ),
    QueueItem(
        name="hiring.scorecards",
        roles=frozenset({Role.OPERATOR, Role.EMPLOYER}),
        label=_("Interviews awaiting your scorecard"),
        url="opening-list",
        count=scorecards_to_write,
    ),
    QueueItem(
        name="hiring.offers_to_answer",
        roles=frozenset({Role.CANDIDATE}),
        label=_("Offers waiting for your answer"),
        url="my-applications",
        count=offers_to_answer,
    ),
)
PANELS = (
    Panel(
        name="hiring.funnel",
        roles=frozenset({Role.OPERATOR, Role.MUNICIPALITY}),
        template="hiring/_panel_funnel.html",
        context=funnel_context,
    ),
    Panel(
        name="hiring.recruiter",
        roles=frozenset({Role.EMPLOYER}),
        template="hiring/_panel_recruiter.html",
        context=recruiter_context,
    ),
    Panel(
        name="hiring.my_applications",
        roles=frozenset({Role.CANDIDATE}),
        template="hiring/_panel_candidate.html",
        context=candidate_context,
    ),
)


def register() -> None:
    for item in QUEUE:
        queue_register(item)
    for panel in PANELS:
        panel_register(panel)
