"""Spaces' panel on the region dashboard: today's occupancy for the space manager
(registered in SpacesConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.models import Region
from sousei.core.panels import Panel, QueueItem, panel_register, queue_register
from sousei.core.roles import Role
from sousei.spaces import selectors
from sousei.spaces.models import BookingStatus, Space


def manager_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    today = clock.today()
    now = clock.now()
    spaces = list(Space.objects.filter(active=True).order_by("name", "id")[:5])
    return {
        "occupancies": [selectors.occupancy(space=space, day=today, now=now) for space in spaces]
    }


def bookings_to_check_in(request: HttpRequest, region: Region) -> int:
    return selectors.bookings_list(day=clock.today(), status=BookingStatus.BOOKED).count()


def my_bookings_today(request: HttpRequest, region: Region) -> int:
    start, end = selectors.day_bounds(clock.today())
    return selectors.bookings_between(
        starts=start, ends=end, holder=signed_in_user(request), live_only=True
    ).count()


def register() -> None:
    queue_register(
        QueueItem(
            name="spaces.check_in",
            roles=frozenset({Role.SPACE_MANAGER, Role.OPERATOR}),
            label=_("Bookings today not checked in yet"),
            url="space-check-in",
            count=bookings_to_check_in,
        )
    )
    queue_register(
        QueueItem(
            name="spaces.my_bookings",
            roles=frozenset({Role.PARTICIPANT}),
            label=_("Your bookings today"),
            url="my-bookings",
            count=my_bookings_today,
        )
    )
    panel_register(
        Panel(
            name="spaces.today",
            roles=frozenset({Role.SPACE_MANAGER}),
            template="spaces/_panel_manager.html",
            context=manager_context,
        )
    )
