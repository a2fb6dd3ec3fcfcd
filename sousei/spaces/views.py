"""Spaces pages: the spaces and their week calendar, booking, my bookings with their QR
codes, today's occupancy and the check-in desk for the space manager.

Who may do what: space managers and operators see and manage every booking; every other
member of the region books desks and meeting rooms for themselves and cancels their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock, text
from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.errors import Conflict
from sousei.core.forms import query_date
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.spaces import forms, selectors, services
from sousei.spaces.access import (
    SELF_SERVICE_KINDS,
    SPACE_STAFF,
    booking_visible,
    is_space_staff,
    space_visible,
)
from sousei.spaces.models import Booking, BookingStatus
from sousei.spaces.qr import qr_svg

ALL_ROLES = frozenset(Role.values)
MAX_CODE_LENGTH = 200


def check_in_url(request: HttpRequest, region: Region, booking: Booking) -> str:
    """What the booking's QR holds: the check-in desk's page for this code."""
    return request.build_absolute_uri(
        reverse("space-check-in-code", kwargs={"slug": region.slug, "code": booking.check_in_code})
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@region_view(roles=ALL_ROLES)
def space_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's spaces, their opening hours and resources."""
    return render(
        request,
        "spaces/space_list.html",
        {
            "region": region,
            "spaces": selectors.spaces_with_resources(),
            "staff": is_space_staff(request, region),
            "weekdays": services.WEEKDAYS,
        },
    )


@region_view(roles=ALL_ROLES)
def space_calendar(request: HttpRequest, region: Region, space_id: int) -> HttpResponse:
    """A week of the space: resources × days with the times booked (names for staff only)."""
    space = space_visible(region_reader(request, region), space_id)
    first = _monday(query_date(request, "week") or clock.today())
    calendar = selectors.week_calendar(space=space, first_day=first)
    return render(
        request,
        "spaces/calendar.html",
        {
            "region": region,
            "space": space,
            "calendar": calendar,
            "today": clock.today(),
            "previous": first - dt.timedelta(days=7),
            "next": first + dt.timedelta(days=7),
            "staff": is_space_staff(request, region),
            "user_id": request.user.pk,
        },
    )


@region_view(roles=SPACE_STAFF)
def space_today(request: HttpRequest, region: Region, space_id: int) -> HttpResponse:
    """Today's occupancy: who is in, who is expected or late, which desks are free now."""
    space = space_visible(region_reader(request, region), space_id)
    day = query_date(request, "date") or clock.today()
    return render(
        request,
        "spaces/today.html",
        {
            "region": region,
            "space": space,
            "occupancy": selectors.occupancy(space=space, day=day),
            "is_today": day == clock.today(),
            "check_in_form": forms.CheckInForm(),
        },
    )


@region_view(roles=ALL_ROLES)
def booking_new(request: HttpRequest, region: Region) -> HttpResponse:
    """Book a desk or room for oneself (staff: any resource). ?resource= and ?date= preset."""
    initial: dict[str, Any] = {"start": dt.time(10), "end": dt.time(12)}
    if request.GET.get("resource", "").isdigit():
        initial["resource"] = int(request.GET["resource"])
    initial["day"] = query_date(request, "date") or clock.today()
    form = forms.BookingForm(
        request.POST or None,
        initial=initial,
        resources=selectors.bookable_resources(
            kinds=None if is_space_staff(request, region) else SELF_SERVICE_KINDS
        ),
    )
    if request.method == "POST" and form.is_valid():
        user = signed_in_user(request)
        starts_at, ends_at = form.times()
        try:
            booking = services.booking_create(
                region=region,
                actor=user,
                resource_id=form.cleaned_data["resource"].pk,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=form.cleaned_data["purpose"],
                holder=user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Booked. Show the QR code at the front desk."))
            return redirect("booking-detail", slug=region.slug, booking_id=booking.pk)
    return render(
        request,
        "spaces/booking_form.html",
        {"region": region, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=ALL_ROLES)
def my_bookings(request: HttpRequest, region: Region) -> HttpResponse:
    """The caller's bookings: the next day's with their QR codes, the later ones, and the
    cancelled and past ones."""
    upcoming, past = selectors.bookings_of(user=signed_in_user(request))
    usable = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)
    soon = clock.now() + dt.timedelta(hours=24)
    live = [b for b in upcoming if b.status in usable]
    return render(
        request,
        "spaces/my_bookings.html",
        {
            "region": region,
            "next_day": [
                (b, qr_svg(check_in_url(request, region, b), title=b.check_in_code, pixels=160))
                for b in live
                if b.starts_at < soon
            ],
            "later": [b for b in live if b.starts_at >= soon],
            "others": [b for b in upcoming if b.status not in usable],
            "past": past,
        },
    )


@region_view(roles=ALL_ROLES)
def booking_detail(request: HttpRequest, region: Region, booking_id: int) -> HttpResponse:
    """One booking with its QR code (its holder, or space staff)."""
    booking = booking_visible(region_reader(request, region), booking_id)
    return render(
        request,
        "spaces/booking_detail.html",
        {
            "region": region,
            "booking": booking,
            "qr": qr_svg(check_in_url(request, region, booking), title=booking.check_in_code),
            "staff": is_space_staff(request, region),
            "cancel_form": forms.CancelForm(),
            "code_groups": [booking.check_in_code[i : i + 4] for i in range(0, 16, 4)],
        },
    )


@require_POST
@region_view(roles=ALL_ROLES)
def booking_cancel(request: HttpRequest, region: Region, booking_id: int) -> HttpResponse:
    booking = booking_visible(region_reader(request, region), booking_id)
    form = forms.CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.booking_cancel(booking_id=booking.pk, actor=signed_in_user(request), reason=reason)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The booking is cancelled; the time is free for others."))
    return redirect("booking-detail", slug=region.slug, booking_id=booking.pk)


def _check_in_page(
    request: HttpRequest, region: Region, form: forms.CheckInForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "spaces/check_in.html",
        {"region": region, "form": form, "spaces": selectors.spaces_with_resources()},
        status=status,
    )


@region_view(roles=SPACE_STAFF)
def check_in(request: HttpRequest, region: Region) -> HttpResponse:
    """The front desk: type or scan a booking's code, then check it in or out."""
    form = forms.CheckInForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _check_in_page(request, region, form, 422 if request.method == "POST" else 200)
    actor = signed_in_user(request)
    code = form.cleaned_data["code"]
    check_out = request.POST.get("action") == "check_out"
    try:
        if check_out:
            booking = services.booking_check_out(region=region, code_or_id=code, actor=actor)
        else:
            booking = services.booking_check_in(region=region, code_or_id=code, actor=actor)
    except ValidationError as error:
        for errors in error.error_dict.values():
            form.add_error("code", errors)
        return _check_in_page(request, region, form, 422)
    except Conflict as conflict:
        form.add_error(None, str(conflict))
        return _check_in_page(request, region, form, 409)
    who = text.user_name(booking.holder)
    if check_out:
        messages.success(
            request,
            _("Checked out: %(who)s, %(resource)s.")
            % {"who": who or booking.purpose, "resource": booking.resource.name},
        )
    else:
        messages.success(
            request,
            _("Checked in: %(who)s, %(resource)s.")
            % {"who": who or booking.purpose, "resource": booking.resource.name},
        )
    return redirect("space-check-in", slug=region.slug)


@region_view(roles=SPACE_STAFF)
def check_in_code(request: HttpRequest, region: Region, code: str) -> HttpResponse:
    """Where a scanned QR leads: the booking it names, with the buttons to act on it."""
    booking = None
    if len(code) <= MAX_CODE_LENGTH:
        try:
            booking = services.booking_find(code_or_id=code)
        except Booking.DoesNotExist:
            booking = None
    if booking is None:
        form = forms.CheckInForm(data={"code": code[:MAX_CODE_LENGTH]})
        form.is_valid()
        form.add_error(
            "code", _("No booking has this code here. Check the code and type it again.")
        )
        return _check_in_page(request, region, form, 404)
    return render(
        request,
        "spaces/check_in_confirm.html",
        {"region": region, "booking": booking, "now": clock.now()},
    )


@require_POST
@region_view(roles=SPACE_STAFF)
def booking_action(
    request: HttpRequest, region: Region, booking_id: int, action: str
) -> HttpResponse:
    """Check in, check out or mark as a no-show from the occupancy page."""
    booking = booking_visible(region_reader(request, region), booking_id)
    actor = signed_in_user(request)
    try:
        if action == "check-in":
            services.booking_check_in(region=region, code_or_id=booking.pk, actor=actor)
            messages.success(request, _("Checked in."))
        elif action == "check-out":
            services.booking_check_out(region=region, code_or_id=booking.pk, actor=actor)
            messages.success(request, _("Checked out."))
        else:
            services.booking_mark_no_show(booking_id=booking.pk, actor=actor)
            messages.success(request, _("Marked as a no-show; the desk is free again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    back = request.POST.get("next", "")
    if back.startswith(f"/r/{region.slug}/"):
        return redirect(back)
    return redirect("space-today", slug=region.slug, space_id=booking.resource.space_id)


@region_view(roles=SPACE_STAFF)
def space_settings(request: HttpRequest, region: Region, space_id: int) -> HttpResponse:
    """The space manager sets the opening hours per weekday and the closed days."""
    space = space_visible(region_reader(request, region), space_id)
    form = forms.SpaceHoursForm(request.POST or None, space=space)
    if request.method == "POST" and form.is_valid():
        try:
            services.space_hours_update(
                space_id=space.pk,
                actor=signed_in_user(request),
                opening_hours=form.opening_hours(),
                closed_dates=form.closed_date_list(),
                closed_periods=form.closed_period_list(),
                closed_on_holidays=form.cleaned_data["closed_on_holidays"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opening hours saved. New bookings follow them."))
            return redirect("space-list", slug=region.slug)
    return render(
        request,
        "spaces/space_settings.html",
        {"region": region, "space": space, "form": form},
        status=422 if request.method == "POST" else 200,
    )
