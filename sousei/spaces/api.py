"""Spaces endpoints: spaces and their resources, bookings, check-in and check-out.

Who may do what (docs/operator-guide.md): space managers and operators see and manage every
booking; every other member of the region books desks and meeting rooms for themselves,
sees their own bookings and cancels them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from sousei.core import clock
from sousei.core.access import region_context, region_reader, signed_in_user
from sousei.core.bounds import Day, Id, Page, Slug, Word
from sousei.core.http import signed_in
from sousei.core.models import Region
from sousei.core.pagination import paginate
from sousei.core.roles import Role
from sousei.core.schemas import ErrorOut
from sousei.core.text import user_name
from sousei.spaces import selectors, services
from sousei.spaces.access import (
    SELF_SERVICE_KINDS,
    SPACE_STAFF,
    booking_visible,
    is_space_staff,
    space_visible,
)
from sousei.spaces.models import Booking, BookingKind, Resource
from sousei.spaces.schemas import (
    BookingCancelIn,
    BookingIn,
    BookingOut,
    BookingPageOut,
    CodeIn,
    OccupancyOut,
    SpaceOut,
)

router = Router(tags=["spaces"])
MEMBERS = frozenset(Role.values)


def holder_name(booking: Booking) -> str | None:
    """Family name first, as on the pages (core.text.user_name)."""
    if booking.holder is None:
        return None
    return user_name(booking.holder)


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """Times in the API carry the local offset (+09:00), as people read them."""
    return timezone.localtime(moment) if moment is not None else None


def booking_body(booking: Booking) -> dict[str, Any]:
    resource = booking.resource
    return {
        "id": booking.pk,
        "resource_id": resource.pk,
        "resource": resource.name,
        "resource_kind": resource.kind,
        "space_id": resource.space_id,
        "space": resource.space.name,
        "kind": booking.kind,
        "starts_at": local(booking.starts_at),
        "ends_at": local(booking.ends_at),
        "purpose": booking.purpose,
        "status": booking.status,
        "holder": holder_name(booking),
        "check_in_code": booking.check_in_code,
        "checked_in_at": local(booking.checked_in_at),
        "checked_out_at": local(booking.checked_out_at),
        "cancelled_at": local(booking.cancelled_at),
        "cancel_reason": booking.cancel_reason,
    }


def check_member_may_book(request: HttpRequest, region: Region, payload: BookingIn) -> None:
    """Members book desks and meeting rooms for themselves; events are staff work."""
    if is_space_staff(request, region):
        return
    if payload.kind != BookingKind.MEMBER:
        raise PermissionDenied
    resource = Resource.objects.filter(pk=payload.resource_id).only("kind").first()
    if resource is not None and resource.kind not in SELF_SERVICE_KINDS:
        raise ValidationError(
            {
                "resource_id": ValidationError(
                    _(
                        "The event hall is booked by the space manager. Ask them, or pick a "
                        "desk or meeting room."
                    ),
                    code="staff_only",
                )
            }
        )


@router.get(
    "/regions/{slug}/spaces",
    auth=signed_in,
    response=list[SpaceOut],
    summary="The region's spaces and their bookable resources (members)",
)
def space_list(request: HttpRequest, slug: Slug):
    with region_context(request, slug, roles=MEMBERS):
        return [
            {
                "id": space.pk,
                "name": space.name,
                "address": space.address,
                "timezone": space.timezone,
                "opening_hours": space.opening_hours,
                "resources": [
                    {"id": r.pk, "kind": r.kind, "name": r.name, "capacity": r.capacity}
                    for r in space.resources.all()
                ],
            }
            for space in selectors.spaces_with_resources()
        ]


@router.get(
    "/regions/{slug}/spaces/{space_id}/occupancy",
    auth=signed_in,
    response={200: OccupancyOut, 404: ErrorOut},
    summary="Who is in, who is expected and which desks are free now (space staff)",
)
def space_occupancy(request: HttpRequest, slug: Slug, space_id: Id):
    with region_context(request, slug, roles=SPACE_STAFF) as region:
        space = space_visible(region_reader(request, region), space_id)
        today = clock.today()
        occupancy = selectors.occupancy(space=space, day=today)

        def row(b: Booking) -> dict[str, Any]:
            return {
                "booking_id": b.pk,
                "resource": b.resource.name,
                "holder": holder_name(b),
                "purpose": b.purpose,
                "starts_at": local(b.starts_at),
                "ends_at": local(b.ends_at),
                "status": b.status,
            }

        return {
            "space_id": space.pk,
            "date": today,
            "checked_in": [row(b) for b in occupancy.checked_in],
            "expected": [row(b) for b in occupancy.expected],
            "desks": len(occupancy.desks),
            "free_desks": [
                {
                    "id": r.resource.pk,
                    "kind": r.resource.kind,
                    "name": r.resource.name,
                    "capacity": r.resource.capacity,
                }
                for r in occupancy.free_desks
            ],
        }


@router.post(
    "/regions/{slug}/bookings",
    auth=signed_in,
    response={201: BookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Book a resource (members: a desk or meeting room for themselves)",
    description=(
        "409 when the time overlaps a live booking of the resource; the message says which "
        "(its time and purpose). 422 for an end before the start, a closed day or a time "
        "outside the opening hours. `kind=event` (staff) may span several open days."
    ),
)
def booking_create(request: HttpRequest, slug: Slug, payload: BookingIn):
    with region_context(request, slug, roles=MEMBERS) as region:
        check_member_may_book(request, region, payload)
        user = signed_in_user(request)
        booking = services.booking_create(
            region=region,
            actor=user,
            resource_id=payload.resource_id,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            purpose=payload.purpose,
            holder=None if payload.kind == BookingKind.EVENT else user,
            kind=payload.kind,
        )
        # The service loaded the resource and its space; no need to read the booking again.
        return Status(201, booking_body(booking))


@router.get(
    "/regions/{slug}/bookings",
    auth=signed_in,
    response=BookingPageOut,
    summary="Bookings: the caller's own, or every booking for space staff",
    description="`date=YYYY-MM-DD` lists the bookings on that day (in time order); without "
    "it the newest come first. `status` filters by status.",
)
def booking_list(
    request: HttpRequest,
    slug: Slug,
    date: Day | None = None,
    status: Word | None = None,
    page: Page = 1,
):
    with region_context(request, slug, roles=MEMBERS) as region:
        holder = None if is_space_staff(request, region) else signed_in_user(request)
        result = paginate(
            selectors.bookings_list(day=date, holder=holder, status=status),
            page=page,
            size=settings.SOUSEI_API_PAGE_SIZE,
        )
        return result.body([booking_body(b) for b in result.items])


@router.post(
    "/regions/{slug}/bookings/check-in",
    auth=signed_in,
    response={200: BookingOut, 409: ErrorOut, 422: ErrorOut},
    summary="Check in by the code on the booking's QR (space staff)",
)
def booking_check_in_by_code(request: HttpRequest, slug: Slug, payload: CodeIn):
    with region_context(request, slug, roles=SPACE_STAFF) as region:
        booking = services.booking_check_in(
            region=region, code_or_id=payload.code, actor=signed_in_user(request)
        )
        return booking_body(selectors.booking_get(booking_id=booking.pk))


@router.get(
    "/regions/{slug}/bookings/{booking_id}",
    auth=signed_in,
    response={200: BookingOut, 404: ErrorOut},
    summary="One booking (its holder, or space staff)",
)
def booking_detail(request: HttpRequest, slug: Slug, booking_id: Id):
    with region_context(request, slug, roles=MEMBERS) as region:
        return booking_body(booking_visible(region_reader(request, region), booking_id))


@router.post(
    "/regions/{slug}/bookings/{booking_id}/cancel",
    auth=signed_in,
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel a booking (its holder, or space staff); its time is free again",
)
def booking_cancel(request: HttpRequest, slug: Slug, booking_id: Id, payload: BookingCancelIn):
    with region_context(request, slug, roles=MEMBERS) as region:
        booking = booking_visible(region_reader(request, region), booking_id)
        services.booking_cancel(
            booking_id=booking.pk, actor=signed_in_user(request), reason=payload.reason
        )
        return booking_body(selectors.booking_get(booking_id=booking.pk))


def _by_id(request: HttpRequest, slug: Slug, booking_id: Id, action: str) -> dict[str, Any]:
    with region_context(request, slug, roles=SPACE_STAFF) as region:
        booking = booking_visible(region_reader(request, region), booking_id)
        actor = signed_in_user(request)
        if action == "check_in":
            services.booking_check_in(region=region, code_or_id=booking.pk, actor=actor)
        elif action == "check_out":
            services.booking_check_out(region=region, code_or_id=booking.pk, actor=actor)
        else:
            services.booking_mark_no_show(booking_id=booking.pk, actor=actor)
        return booking_body(selectors.booking_get(booking_id=booking.pk))


@router.post(
    "/regions/{slug}/bookings/{booking_id}/check-in",
    auth=signed_in,
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut},
    summary="Check a booking in (space staff), from 30 minutes before it starts",
)
def booking_check_in(request: HttpRequest, slug: Slug, booking_id: Id):
    return _by_id(request, slug, booking_id, "check_in")


@router.post(
    "/regions/{slug}/bookings/{booking_id}/check-out",
    auth=signed_in,
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut},
    summary="Check a booking out (space staff)",
)
def booking_check_out(request: HttpRequest, slug: Slug, booking_id: Id):
    return _by_id(request, slug, booking_id, "check_out")


@router.post(
    "/regions/{slug}/bookings/{booking_id}/no-show",
    auth=signed_in,
    response={200: BookingOut, 404: ErrorOut, 409: ErrorOut},
    summary="Mark a started booking nobody checked in for as a no-show (space staff)",
)
def booking_no_show(request: HttpRequest, slug: Slug, booking_id: Id):
    return _by_id(request, slug, booking_id, "no_show")
