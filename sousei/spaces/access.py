"""Who may use which booking, shared by the pages and the API.

Space managers and operators see and manage every booking and book any resource; every other
member of the region books desks and meeting rooms for themselves and uses their own bookings.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from sousei.core.access import region_roles
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.spaces import selectors
from sousei.spaces.models import Booking, ResourceKind

SPACE_STAFF = frozenset({Role.OPERATOR, Role.SPACE_MANAGER})
# Kinds of resource a member books for themselves; event halls are booked by staff.
SELF_SERVICE_KINDS = frozenset({ResourceKind.DESK, ResourceKind.MEETING_ROOM})


def is_space_staff(request: HttpRequest, region: Region) -> bool:
    return bool(region_roles(request, region) & SPACE_STAFF)


def booking_for(request: HttpRequest, region: Region, booking_id: int) -> Booking:
    """The booking if the caller may use it: staff any, a member their own (403 for someone
    else's booking in the region, 404 for one that does not exist here)."""
    try:
        booking = selectors.booking_get(booking_id=booking_id)
    except Booking.DoesNotExist:
        raise Http404 from None
    if not is_space_staff(request, region) and booking.holder_id != request.user.pk:
        raise PermissionDenied
    return booking
