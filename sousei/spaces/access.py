"""Which spaces and bookings a caller may see, shared by the pages and the API.

Space managers and operators see and manage every booking and book any resource; every other
member of the region books desks and meeting rooms for themselves and uses their own bookings.
Someone else's booking answers 404 to them, on pages and API alike, as one of another region.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from sousei.core.access import Reader, region_roles
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.spaces import selectors
from sousei.spaces.models import Booking, ResourceKind, Space

SPACE_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})
# Kinds of resource a member books for themselves; event halls are booked by staff.
SELF_SERVICE_KINDS = frozenset({ResourceKind.DESK, ResourceKind.MEETING_ROOM})


def is_space_staff(request: HttpRequest, region: Region) -> bool:
    return bool(region_roles(request, region) & SPACE_STAFF)


def space_visible(reader: Reader, space_id: int) -> Space:
    """Every member of the region sees its spaces (the calendar shows names to staff only)."""
    try:
        return selectors.space_get(space_id=space_id)
    except Space.DoesNotExist:
        raise Http404("No such space.") from None


def booking_visible(reader: Reader, booking_id: int) -> Booking:
    """The booking if the caller may see it: space staff any, a member their own."""
    try:
        booking = selectors.booking_get(booking_id=booking_id)
    except Booking.DoesNotExist:
        raise Http404("No such booking.") from None
    if not reader.has_any(SPACE_STAFF) and booking.holder_id != reader.user_id:
        raise Http404("No such booking.")
    return booking
