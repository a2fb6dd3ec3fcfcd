"""Booking a space's resources, cancelling, check-in and check-out, no-show marking.

No two live bookings of one resource overlap (DESIGN.md §4). `booking_create` locks the
resource row (select_for_update; a no-op on SQLite, which serialises writers anyway), looks
for an overlapping live booking so the refusal can say which one, inserts, and commits. On
PostgreSQL the exclusion constraint `booking_no_overlap` holds it in the database as well;
should it ever fire (a writer that skipped the lock) the IntegrityError becomes the same 409.

A person holds one desk at a time. That rule spans resources, so the resource lock does not
guard it: a desk booking also takes a lock per person and day (`holder_day_lock`) before it
checks the person's other desks and inserts.

Services trust their caller on roles: the API and the pages decide who may book what
(members book desks and meeting rooms for themselves, space managers and operators book
anything for anyone; see docs/operator-guide.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.domain_events import domain_event_publish
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.spaces import hours as opening
from sousei.spaces import notifications
from sousei.spaces.models import (
    LIVE_STATUSES,
    Booking,
    BookingKind,
    BookingStatus,
    Resource,
    ResourceKind,
    Space,
)
from sousei.spaces.selectors import space_calendar, space_zone

# The concurrency test's control case switches these off to show the race they prevent.
LOCK_RESOURCES = True
CHECK_OVERLAP = True

EXCLUSION_CONSTRAINT = "booking_no_overlap"
# Check-in opens this long before a booking starts (people come a little early).
CHECK_IN_EARLY = dt.timedelta(minutes=30)
MAX_BOOKING = dt.timedelta(days=14)

Actor = User | AnonymousUser | None

# The other booking's purpose is not named: it may be another member's ("a job interview").
OVERLAP = _(
    "%(resource)s is already booked from %(starts)s to %(ends)s. "
    "Choose another time or another resource."
)
OVERLAP_UNKNOWN = _(
    "%(resource)s was booked for an overlapping time a moment ago. "
    "Reload the calendar and choose another time."
)
CLOSED_REASONS = {
    "weekday": _("%(space)s is closed every %(weekday)s. Choose another day."),
    "date": _("%(space)s is closed on %(day)s. Choose another day."),
    "period": _("%(space)s is closed on %(day)s (year-end holidays). Choose another day."),
    "holiday": _("%(space)s is closed on %(day)s, a national holiday. Choose another day."),
}
WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def _clock(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _range_text(booking: Booking, zone: ZoneInfo) -> tuple[str, str]:
    starts = booking.starts_at.astimezone(zone)
    ends = booking.ends_at.astimezone(zone)
    end_text = ends.strftime("%H:%M") if ends.date() == starts.date() else _clock(ends, zone)
    return starts.strftime("%Y-%m-%d %H:%M"), end_text


def overlapping(
    *, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime
) -> QuerySet[Booking]:
    """Live bookings of the resource that overlap [starts_at, ends_at)."""
    return Booking.objects.filter(
        resource=resource,
        status__in=LIVE_STATUSES,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).order_by("starts_at")


def _overlap_conflict(resource: Resource, other: Booking | None) -> Conflict:
    if other is None:
        return Conflict(OVERLAP_UNKNOWN, resource=resource.name)
    starts, ends = _range_text(other, space_zone(resource.space))
    return Conflict(OVERLAP, resource=resource.name, starts=starts, ends=ends)


def _check_range(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    kind: str,
    now: dt.datetime,
) -> None:
    """Refuse a range the space cannot hold: before now, too long, on a closed day, outside
    the opening hours (see hours.py for events spanning several days)."""
    zone = space_zone(space)
    if ends_at <= now:
        raise ValidationError(
            {"ends_at": _("This time has already passed. Choose a time in the future.")}
        )
    if ends_at - starts_at > MAX_BOOKING:
        raise ValidationError(
            {"ends_at": _("A booking can last at most 14 days. Split it into shorter bookings.")}
        )
    try:
        calendar = space_calendar(space)
    except opening.HoursFormatError:
        raise ValidationError(
            _("The opening hours of %(space)s are not set up correctly. Ask the space manager."),
            params={"space": space.name},
        ) from None
    local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    problem = opening.booking_problem(
        calendar, local_start, local_end, several_days=kind == BookingKind.EVENT
    )
    if problem is None:
        return
    day = problem.day.isoformat()
    if problem.code == "several_days":
        raise ValidationError(
            {
                "ends_at": ValidationError(
                    _("A booking ends on the day it starts. Book each day separately."),
                    code="several_days",
                )
            }
        )
    if problem.code == "closed":
        raise ValidationError(
            {
                "starts_at": ValidationError(
                    CLOSED_REASONS[problem.reason],
                    code="closed",
                    params={
                        "space": space.name,
                        "day": day,
                        "weekday": WEEKDAYS[problem.day.weekday()],
                    },
                )
            }
        )
    assert problem.hours is not None
    raise ValidationError(
        {
            "starts_at": ValidationError(
                _(
                    "%(space)s is open from %(opens)s to %(closes)s on %(day)s. "
                    "Choose a time within the opening hours."
                ),
                code="outside_hours",
                params={
                    "space": space.name,
                    "day": day,
                    "opens": problem.hours.opens.strftime("%H:%M"),
                    "closes": problem.hours.closes.strftime("%H:%M"),
                },
            )
        }
    )


def _check_input(*, starts_at: dt.datetime, ends_at: dt.datetime, purpose: str, kind: str) -> str:
    errors: dict[str, ValidationError] = {}
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = ValidationError(
            _("Say what the booking is for, e.g. “self-study” or “client meeting”."),
            code="required",
        )
    elif len(purpose) > 200:
        errors["purpose"] = ValidationError(
            _("Keep the purpose under 200 characters."), code="max_length"
        )
    if kind not in BookingKind.values:
        errors["kind"] = ValidationError(
            _("Kind must be “member” or “event”."), code="invalid_choice"
        )
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if timezone.is_naive(value):
            errors[field] = ValidationError(
                _("Give the time with its time zone, e.g. 2026-12-01T10:00:00+09:00."),
                code="naive",
            )
    if not errors and ends_at <= starts_at:
        errors["ends_at"] = ValidationError(
            _("The booking ends before it starts. Set an end time after the start time."),
            code="ends_before_start",
        )
    if errors:
        raise ValidationError(errors)
    return purpose


def holder_day_lock(*, holder: User, day: dt.date) -> None:
    """Hold one person's desk bookings of one day until the transaction ends.

    The resource lock serialises the bookings of one desk, not one person's bookings of
    several desks: 30 requests for 30 desks at one hour would each find no other desk of
    theirs and all commit. This lock makes the check of the one-desk rule and the insert
    one step per person and day. On PostgreSQL it is a transaction-level advisory lock keyed
    on (person, day); SQLite serialises writers anyway (its transactions start IMMEDIATE),
    so there the check and insert only need to share one atomic block, as they do."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"spaces.desk:{holder.pk}:{day.isoformat()}".encode(), digest_size=8)
    key = int.from_bytes(digest.digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _lock_holder_days(
    *, holder: User, space: Space, starts_at: dt.datetime, ends_at: dt.datetime
) -> None:
    """Take holder_day_lock for every local day the booking touches, in date order (a fixed
    order, so two multi-day bookings of one person never wait on each other in a cycle)."""
    zone = space_zone(space)
    day = starts_at.astimezone(zone).date()
    last = (ends_at - dt.timedelta(microseconds=1)).astimezone(zone).date()
    while day <= last:
        holder_day_lock(holder=holder, day=day)
        day += dt.timedelta(days=1)


def _check_one_desk(
    *, holder: User, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime
) -> None:
    """A person sits at one desk at a time: refuse a second desk for overlapping times."""
    held = (
        Booking.objects.select_related("resource")
        .filter(
            holder=holder,
            resource__kind=ResourceKind.DESK,
            status__in=LIVE_STATUSES,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .exclude(resource=resource)
        .order_by("starts_at")
        .first()
    )
    if held is not None:
        starts, ends = _range_text(held, space_zone(resource.space))
        raise Conflict(
            _(
                "You already have %(resource)s from %(starts)s to %(ends)s. One person books "
                "one desk at a time: cancel that booking first or choose another time."
            ),
            resource=held.resource.name,
            starts=starts,
            ends=ends,
        )


def booking_create(
    *,
    region: Region,
    actor: Actor,
    resource_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    holder: User | None = None,
    kind: str = BookingKind.MEMBER,
    now: dt.datetime | None = None,
) -> Booking:
    """Book a resource for [starts_at, ends_at) (half-open: back-to-back bookings are fine).

    Raises ValidationError for bad input (ends before it starts, a closed day, outside the
    opening hours, an unknown resource) and Conflict (409) naming the overlapping booking.
    `kind="event"` may span several open days (see hours.py). `now` is for tests and the demo.
    """
    now = now or clock.now()
    purpose = _check_input(starts_at=starts_at, ends_at=ends_at, purpose=purpose, kind=kind)
    resource: Resource | None = None
    try:
        with transaction.atomic():
            resources = Resource.objects.select_related("space").filter(
                region=region, pk=resource_id, active=True, space__active=True
            )
            if LOCK_RESOURCES:
                resources = resources.select_for_update(of=("self",))
            resource = resources.first()
            if resource is None:
                raise ValidationError(
                    {
                        "resource_id": ValidationError(
                            _("There is no bookable resource %(id)s here. Pick one from the list."),
                            code="unknown_resource",
                            params={"id": resource_id},
                        )
                    }
                )
            _check_range(
                space=resource.space, starts_at=starts_at, ends_at=ends_at, kind=kind, now=now
            )
            if CHECK_OVERLAP:
                other = overlapping(resource=resource, starts_at=starts_at, ends_at=ends_at).first()
                if other is not None:
                    raise _overlap_conflict(resource, other)
            if holder is not None and resource.kind == ResourceKind.DESK:
                # Meeting rooms are shared by a group and have no such rule: no lock either.
                _lock_holder_days(
                    holder=holder, space=resource.space, starts_at=starts_at, ends_at=ends_at
                )
                _check_one_desk(
                    holder=holder, resource=resource, starts_at=starts_at, ends_at=ends_at
                )
            booking = Booking.objects.create(
                region=region,
                resource=resource,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=purpose,
                holder=holder,
                kind=kind,
                created_by=actor if isinstance(actor, User) else None,
            )
            audit_record(
                region=region,
                actor=actor,
                action="booking.create",
                obj=booking,
                changes={
                    "resource": resource.pk,
                    "starts_at": starts_at.isoformat(),
                    "ends_at": ends_at.isoformat(),
                    "purpose": purpose,
                    "holder": holder.pk if holder else None,
                    "kind": kind,
                },
            )
            if kind == BookingKind.MEMBER:
                notifications.notify_booking_confirmed(booking=booking)
            domain_event_publish(
                kind="booking.created",
                region=region,
                payload={
                    "booking_id": booking.pk,
                    "resource_id": resource.pk,
                    "space_id": resource.space_id,
                    "kind": kind,
                    "starts_at": starts_at.isoformat(),
                    "ends_at": ends_at.isoformat(),
                    "holder_user_id": holder.pk if holder else None,
                    "status": booking.status,
                },
            )
    except IntegrityError as error:
        # Only a writer that skipped the lock gets here (the exclusion constraint fired);
        # the transaction is rolled back, so look again for what it clashed with.
        if resource is None or EXCLUSION_CONSTRAINT not in str(error):
            raise
        other = overlapping(resource=resource, starts_at=starts_at, ends_at=ends_at).first()
        raise _overlap_conflict(resource, other) from None
    return booking


def _locked(booking_id: int) -> Booking:
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("resource__space", "holder")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        raise Booking.DoesNotExist
    return booking


def _status_conflict(booking: Booking) -> Conflict:
    messages = {
        BookingStatus.CANCELLED: _("This booking was cancelled."),
        BookingStatus.CHECKED_IN: _("This booking is already checked in."),
        BookingStatus.CHECKED_OUT: _("This booking is already checked out."),
        BookingStatus.NO_SHOW: _("This booking was marked as a no-show."),
        BookingStatus.BOOKED: _("This booking has not been checked in yet."),
    }
    return Conflict(messages[BookingStatus(booking.status)])


def booking_cancel(
    *, booking_id: int, actor: Actor, reason: str = "", now: dt.datetime | None = None
) -> Booking:
    """Cancel a booking that has not ended or been used; its time is free again at once."""
    now = now or clock.now()
    with transaction.atomic():
        booking = _locked(booking_id)
        if booking.status != BookingStatus.BOOKED:
            raise _status_conflict(booking)
        if booking.ends_at <= now:
            raise Conflict(_("This booking has already ended and cannot be cancelled."))
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancel_reason = (reason or "").strip()[:200]
        booking.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        audit_record(
            region=booking.region,
            actor=actor,
            action="booking.cancel",
            obj=booking,
            changes={"reason": booking.cancel_reason},
        )
    return booking


CODE_CLEAN = re.compile(r"[\s\-]+")


def booking_find(*, code_or_id: str | int) -> Booking:
    """The booking a typed or scanned code names: its check-in code (any case, spaces and
    hyphens ignored), the check-in URL the QR holds, or its number. Raises DoesNotExist."""
    text = str(code_or_id).strip()
    if "/" in text:  # a scanned QR holds a URL ending in the code
        text = text.rstrip("/").rsplit("/", 1)[-1]
    text = CODE_CLEAN.sub("", text).upper()
    bookings = Booking.objects.select_related("resource__space", "holder")
    if text.isdigit() and len(text) < 12:
        found = bookings.filter(pk=int(text)).first()
    else:
        found = bookings.filter(check_in_code=text).first() if text else None
    if found is None:
        raise Booking.DoesNotExist
    return found


def _not_found() -> ValidationError:
    return ValidationError(
        {
            "code": ValidationError(
                _("No booking has this code here. Check the code and type it again."),
                code="unknown_code",
            )
        }
    )


def _locked_by_code(region: Region, code_or_id: str | int) -> Booking:
    """The region's booking a code names, locked; a code from elsewhere is not found."""
    try:
        booking = _locked(booking_find(code_or_id=code_or_id).pk)
    except Booking.DoesNotExist:
        raise _not_found() from None
    if booking.region_id != region.pk:
        raise _not_found()
    return booking


def booking_check_in(
    *, region: Region, code_or_id: str | int, actor: Actor, now: dt.datetime | None = None
) -> Booking:
    """Check a booking in by its QR code (or number): from 30 minutes before it starts until
    it ends."""
    now = now or clock.now()
    with transaction.atomic():
        booking = _locked_by_code(region, code_or_id)
        if booking.status != BookingStatus.BOOKED:
            raise _status_conflict(booking)
        zone = space_zone(booking.resource.space)
        if now < booking.starts_at - CHECK_IN_EARLY:
            raise Conflict(
                _("Check-in opens 30 minutes before the booking starts (%(starts)s)."),
                starts=_clock(booking.starts_at, zone),
            )
        if now >= booking.ends_at:
            raise Conflict(
                _("This booking ended at %(ends)s. Mark it as a no-show or book again."),
                ends=_clock(booking.ends_at, zone),
            )
        booking.status = BookingStatus.CHECKED_IN
        booking.checked_in_at = now
        booking.save(update_fields=["status", "checked_in_at"])
        audit_record(region=region, actor=actor, action="booking.check_in", obj=booking)
    return booking


def booking_check_out(
    *, region: Region, code_or_id: str | int, actor: Actor, now: dt.datetime | None = None
) -> Booking:
    """Check a checked-in booking out (the person has left)."""
    now = now or clock.now()
    with transaction.atomic():
        booking = _locked_by_code(region, code_or_id)
        if booking.status != BookingStatus.CHECKED_IN:
            raise _status_conflict(booking)
        booking.status = BookingStatus.CHECKED_OUT
        booking.checked_out_at = now
        booking.save(update_fields=["status", "checked_out_at"])
        audit_record(region=region, actor=actor, action="booking.check_out", obj=booking)
    return booking


def booking_mark_no_show(
    *, booking_id: int, actor: Actor, now: dt.datetime | None = None
) -> Booking:
    """Mark a booking nobody checked in for as a no-show, once it has started; the rest of
    its time becomes free for others."""
    now = now or clock.now()
    with transaction.atomic():
        booking = _locked(booking_id)
        if booking.status != BookingStatus.BOOKED:
            raise _status_conflict(booking)
        if now < booking.starts_at:
            raise Conflict(
                _("The booking has not started yet (%(starts)s); cancel it instead."),
                starts=_clock(booking.starts_at, space_zone(booking.resource.space)),
            )
        booking.status = BookingStatus.NO_SHOW
        booking.save(update_fields=["status"])
        audit_record(region=booking.region, actor=actor, action="booking.no_show", obj=booking)
    return booking


def space_hours_update(
    *,
    space_id: int,
    actor: Actor,
    opening_hours: list[list[str] | None],
    closed_dates: list[str],
    closed_periods: list[str],
    closed_on_holidays: bool,
) -> Space:
    """Change when a space is open. Bookings already made stay as they are; new ones follow
    the new hours."""
    try:
        opening.SpaceCalendar.build(
            opening_hours=opening_hours,
            closed_dates=closed_dates,
            closed_periods=closed_periods,
            closed_on_holidays=closed_on_holidays,
        )
    except opening.HoursFormatError as error:
        raise ValidationError(
            _("These opening hours or closed days cannot be read (%(problem)s). Fix them."),
            params={"problem": str(error)},
        ) from None
    with transaction.atomic():
        space = Space.objects.select_for_update().get(pk=space_id)
        before = {
            "opening_hours": space.opening_hours,
            "closed_dates": space.closed_dates,
            "closed_periods": space.closed_periods,
            "closed_on_holidays": space.closed_on_holidays,
        }
        space.opening_hours = opening_hours
        space.closed_dates = sorted(set(closed_dates))
        space.closed_periods = closed_periods
        space.closed_on_holidays = closed_on_holidays
        space.save(
            update_fields=["opening_hours", "closed_dates", "closed_periods", "closed_on_holidays"]
        )
        audit_record(
            region=space.region,
            actor=actor,
            action="space.hours",
            obj=space,
            changes={
                "before": before,
                "after": {
                    "opening_hours": space.opening_hours,
                    "closed_dates": space.closed_dates,
                    "closed_periods": space.closed_periods,
                    "closed_on_holidays": space.closed_on_holidays,
                },
            },
        )
    return space
