"""Reads of spaces and bookings, inside the caller's region scope. Each runs a fixed number
of queries whatever the number of spaces, resources or bookings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet

from sousei.core import clock
from sousei.spaces import hours as opening
from sousei.spaces.models import (
    LIVE_STATUSES,
    Booking,
    BookingStatus,
    Resource,
    ResourceKind,
    Space,
)

DEFAULT_ZONE = ZoneInfo("Asia/Tokyo")


def space_zone(space: Space) -> ZoneInfo:
    return ZoneInfo(space.timezone) if space.timezone else DEFAULT_ZONE


def spaces_with_resources(*, include_inactive: bool = False) -> list[Space]:
    """Spaces with their resources (two queries)."""
    resources = Resource.objects.order_by("position", "name", "id")
    spaces = Space.objects.order_by("name", "id")
    if not include_inactive:
        resources = resources.filter(active=True)
        spaces = spaces.filter(active=True)
    return list(spaces.prefetch_related(Prefetch("resources", queryset=resources)))


def bookable_resources(*, kinds: Collection[str] | None = None) -> QuerySet[Resource]:
    """Active resources of active spaces for the booking form; only `kinds` if given."""
    resources = Resource.objects.select_related("space").filter(active=True, space__active=True)
    if kinds is not None:
        resources = resources.filter(kind__in=kinds)
    return resources.order_by("space__name", "position", "name", "id")


def space_get(*, space_id: int) -> Space:
    return Space.objects.get(pk=space_id)


def resource_get(*, resource_id: int) -> Resource:
    return Resource.objects.select_related("space").get(pk=resource_id)


def booking_get(*, booking_id: int) -> Booking:
    return Booking.objects.select_related("resource__space", "holder", "created_by").get(
        pk=booking_id
    )


def day_bounds(day: dt.date, zone: ZoneInfo = DEFAULT_ZONE) -> tuple[dt.datetime, dt.datetime]:
    """The local day as an aware half-open range."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    return start, start + dt.timedelta(days=1)


def bookings_between(
    *,
    starts: dt.datetime,
    ends: dt.datetime,
    space: Space | None = None,
    holder: User | None = None,
    live_only: bool = False,
) -> QuerySet[Booking]:
    """Bookings that overlap [starts, ends), with resource, space and holder (one query)."""
    qs = Booking.objects.select_related("resource__space", "holder").filter(
        starts_at__lt=ends, ends_at__gt=starts
    )
    if space is not None:
        qs = qs.filter(resource__space=space)
    if holder is not None:
        qs = qs.filter(holder=holder)
    if live_only:
        qs = qs.filter(status__in=LIVE_STATUSES)
    return qs.order_by("starts_at", "resource__position", "id")


def bookings_list(
    *, day: dt.date | None = None, holder: User | None = None, status: str | None = None
) -> QuerySet[Booking]:
    """Bookings for the API list: on `day` (local) if given, of `holder` if given."""
    qs = Booking.objects.select_related("resource__space", "holder")
    if day is not None:
        start, end = day_bounds(day)
        qs = qs.filter(starts_at__lt=end, ends_at__gt=start)
    if holder is not None:
        qs = qs.filter(holder=holder)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_at", "-id") if day is None else qs.order_by("starts_at", "id")


def bookings_of(
    *, user: User, now: dt.datetime | None = None
) -> tuple[list[Booking], list[Booking]]:
    """A user's bookings: (upcoming and current, the 20 latest past ones), two queries."""
    now = now or clock.now()
    base = Booking.objects.select_related("resource__space").filter(holder=user)
    upcoming = list(base.filter(ends_at__gt=now).order_by("starts_at", "id")[:100])
    past = list(base.filter(ends_at__lte=now).order_by("-starts_at", "-id")[:20])
    return upcoming, past


@dataclass
class ResourceNow:
    """One resource on the occupancy page: its bookings that day and who holds it now."""

    resource: Resource
    bookings: list[Booking] = field(default_factory=list)
    current: Booking | None = None

    @property
    def free_now(self) -> bool:
        return self.current is None


@dataclass
class Occupancy:
    """A space on one day: per resource, the day's bookings and who is in."""

    space: Space
    day: dt.date
    now: dt.datetime
    rows: list[ResourceNow]

    @property
    def checked_in(self) -> list[Booking]:
        return [
            b for row in self.rows for b in row.bookings if b.status == BookingStatus.CHECKED_IN
        ]

    @property
    def expected(self) -> list[Booking]:
        """Booked for later today or now, not yet checked in."""
        return [
            b
            for row in self.rows
            for b in row.bookings
            if b.status == BookingStatus.BOOKED and b.ends_at > self.now
        ]

    @property
    def late(self) -> list[Booking]:
        """Started but nobody has checked in (candidates for no-show)."""
        return [b for b in self.expected if b.starts_at <= self.now]

    @property
    def desks(self) -> list[ResourceNow]:
        return [row for row in self.rows if row.resource.kind == ResourceKind.DESK]

    @property
    def free_desks(self) -> list[ResourceNow]:
        return [row for row in self.desks if row.free_now]

    @property
    def booking_count(self) -> int:
        return sum(1 for row in self.rows for b in row.bookings if b.status in LIVE_STATUSES)


def occupancy(*, space: Space, day: dt.date, now: dt.datetime | None = None) -> Occupancy:
    """Who is in, what is booked and which desks are free now (two queries)."""
    now = now or clock.now()
    zone = space_zone(space)
    start, end = day_bounds(day, zone)
    resources = list(
        Resource.objects.filter(space=space, active=True).order_by("position", "name", "id")
    )
    rows = {r.pk: ResourceNow(resource=r) for r in resources}
    bookings = (
        Booking.objects.select_related("holder")
        .filter(resource__space=space, starts_at__lt=end, ends_at__gt=start)
        .exclude(status=BookingStatus.CANCELLED)
        .order_by("starts_at", "id")
    )
    for booking in bookings:
        row = rows.get(booking.resource_id)
        if row is None:
            continue
        booking.resource = row.resource
        row.bookings.append(booking)
        holds_now = booking.starts_at <= now < booking.ends_at and booking.status in (
            BookingStatus.BOOKED,
            BookingStatus.CHECKED_IN,
        )
        if holds_now or (booking.status == BookingStatus.CHECKED_IN and row.current is None):
            row.current = booking
    return Occupancy(space=space, day=day, now=now, rows=list(rows.values()))


@dataclass
class CalendarCell:
    resource: Resource
    day: dt.date
    bookings: list[Booking]
    closed: bool = False


def space_calendar(space: Space) -> opening.SpaceCalendar:
    """The space's opening hours and closures, ready to ask whether it is open on a day."""
    return opening.SpaceCalendar.build(
        opening_hours=space.opening_hours,
        closed_dates=space.closed_dates or (),
        closed_periods=space.closed_periods or (),
        closed_on_holidays=space.closed_on_holidays,
    )


@dataclass
class WeekCalendar:
    space: Space
    days: list[dt.date]
    rows: list[tuple[Resource, list[CalendarCell]]]


def week_calendar(*, space: Space, first_day: dt.date, days: int = 7) -> WeekCalendar:
    """A grid of resources × days with each cell's live bookings (two queries)."""
    zone = space_zone(space)
    dates = [first_day + dt.timedelta(days=i) for i in range(days)]
    start = day_bounds(dates[0], zone)[0]
    end = day_bounds(dates[-1], zone)[1]
    resources = list(
        Resource.objects.filter(space=space, active=True).order_by("position", "name", "id")
    )
    hours = space_calendar(space)
    closed = {d: hours.closed_reason(d) is not None for d in dates}
    cells = {
        (r.pk, d): CalendarCell(resource=r, day=d, bookings=[], closed=closed[d])
        for r in resources
        for d in dates
    }
    for booking in bookings_between(starts=start, ends=end, space=space, live_only=True):
        local_first = max(booking.starts_at, start).astimezone(zone).date()
        local_last = (
            (min(booking.ends_at, end) - dt.timedelta(microseconds=1)).astimezone(zone).date()
        )
        day = local_first
        while day <= local_last:
            cell = cells.get((booking.resource_id, day))
            if cell is not None:
                cell.bookings.append(booking)
            day += dt.timedelta(days=1)
    return WeekCalendar(
        space=space,
        days=dates,
        rows=[(r, [cells[(r.pk, d)] for d in dates]) for r in resources],
    )


@dataclass(frozen=True)
class CheckedIn:
    """Someone who checked in at a shared office on a day: where, when, and whether they
    have left."""

    user_id: int
    space: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None


def checked_in_on(*, day: dt.date) -> list[CheckedIn]:
    """The people who checked in at one of the region's spaces on `day` (local), first
    check-in of each person, one query (the virtual office shows who is at the shared
    office today)."""
    start, end = day_bounds(day)
    rows = (
        Booking.objects.filter(
            holder__isnull=False, checked_in_at__gte=start, checked_in_at__lt=end
        )
        .order_by("checked_in_at", "id")
        .values_list("holder_id", "resource__space__name", "checked_in_at", "checked_out_at")
    )
    seen: dict[int, CheckedIn] = {}
    for holder_id, space, checked_in_at, checked_out_at in rows:
        if holder_id not in seen:
            seen[holder_id] = CheckedIn(holder_id, space, checked_in_at, checked_out_at)
        elif seen[holder_id].checked_out_at is not None:
            # Back in after leaving: the later visit says where they are now.
            seen[holder_id] = CheckedIn(holder_id, space, checked_in_at, checked_out_at)
    return list(seen.values())
