"""Spaces (a region's shared office such as 快生館), their resources (desks, meeting rooms,
an event hall) and bookings of a resource for a time range.

No two live bookings of one resource overlap. On PostgreSQL the database guarantees it with
an exclusion constraint (migration 0002, btree_gist over `tstzrange(starts_at, ends_at)`
for the live statuses); on every database the booking service locks the resource row and
checks first, so it can say what a new booking clashes with.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned


def default_opening_hours() -> list[list[str] | None]:
    """Monday to Friday 9:00–21:00, Saturday 10:00–18:00, closed on Sunday."""
    weekday = ["09:00", "21:00"]
    return [weekday, weekday, weekday, weekday, weekday, ["10:00", "18:00"], None]


def default_closed_periods() -> list[str]:
    """The year-end holidays (年末年始), closed every year."""
    return ["12-29..01-03"]


def check_in_code_new() -> str:
    """An unguessable code for the booking's QR (about 80 bits, easy to type)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


class Space(RegionOwned):
    """A region's shared office (快生館 in Koga): where it is, when it opens, when it is closed.

    `opening_hours` has seven entries, Monday first: ["09:00", "21:00"] or null for a weekday
    it is closed every week. It is also closed on `closed_dates` (ISO dates), every year in
    `closed_periods` ("12-29..01-03"), and on national holidays when `closed_on_holidays`."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    description = models.TextField(_("description"), blank=True)
    timezone = models.CharField(_("time zone"), max_length=40, default="Asia/Tokyo")
    opening_hours = models.JSONField(_("opening hours"), default=default_opening_hours)
    closed_dates = models.JSONField(_("closed dates"), default=list, blank=True)
    closed_periods = models.JSONField(
        _("closed every year (MM-DD..MM-DD)"), default=default_closed_periods, blank=True
    )
    closed_on_holidays = models.BooleanField(_("closed on national holidays"), default=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="space_region_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ResourceKind(models.TextChoices):
    DESK = "desk", _("Desk")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    EVENT_HALL = "event_hall", _("Event hall")


class Resource(RegionOwned):
    """A desk, meeting room or event hall of a space, booked by the time range."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (people)"), default=1, validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["space", "position", "name", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "space", "name"], name="resource_space_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BookingKind(models.TextChoices):
    MEMBER = "member", _("Member")
    EVENT = "event", _("Event")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    CHECKED_OUT = "checked_out", _("Checked out")
    NO_SHOW = "no_show", _("No-show")


# Bookings in these statuses hold their time; cancelled and no-show ones free it (a
# no-show's desk can be taken by a walk-in for the rest of the slot).
LIVE_STATUSES: tuple[str, ...] = (
    BookingStatus.BOOKED,
    BookingStatus.CHECKED_IN,
    BookingStatus.CHECKED_OUT,
)


class Booking(RegionOwned):
    """A resource held from `starts_at` to `ends_at` (half-open: a booking may start when
    the previous one ends) by a member or for an event."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    purpose = models.CharField(_("purpose"), max_length=200)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("holder"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=BookingKind.choices, default=BookingKind.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    check_in_code = models.CharField(_("check-in code"), max_length=24, default=check_in_code_new)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["region", "resource", "starts_at"], name="booking_resource_time"),
            models.Index(fields=["region", "holder", "starts_at"], name="booking_holder_time"),
            models.Index(fields=["region", "starts_at"], name="booking_region_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["region", "check_in_code"], name="booking_check_in_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.starts_at:%Y-%m-%d %H:%M} {self.purpose}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES
