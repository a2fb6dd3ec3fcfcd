"""Events' panels on the region dashboard (registered from EventsConfig.ready): the next
events with their places and waitlist for event staff, and a candidate's own registrations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.events import selectors
from sousei.events.models import ACTIVE_STATUSES, Registration

SHOWN = 5


def staff_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    return {"events": list(selectors.event_list_staff(when="upcoming")[:SHOWN])}


def candidate_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    registrations = (
        Registration.objects.filter(user_id=request.user.pk, status__in=ACTIVE_STATUSES)
        .select_related("event")
        .order_by("event__starts_at", "id")[:SHOWN]
    )
    return {"registrations": list(registrations)}


def register() -> None:
    panel_register(
        Panel(
            name="events.events",
            roles=frozenset({Role.OPERATOR, Role.SPACE_MANAGER}),
            template="events/events_panel_staff.html",
            context=staff_context,
        )
    )
    panel_register(
        Panel(
            name="events.my_events",
            roles=frozenset({Role.CANDIDATE}),
            template="events/events_panel_candidate.html",
            context=candidate_context,
        )
    )
