"""The office page: the rooms with who is in each, who is at the shared office today and in
a live training session now, and one's own presence controls. It works without JavaScript
(every control is a form that POSTs and comes back here); office.js adds heartbeats and
re-reads the rooms every 15 s. Rooms administration (operators) is here too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import Reader, signed_in_user
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.workplace import presence_rules as rules
from sousei.workplace.access import is_workplace_admin, room_visible, workplace_view
from sousei.workplace.forms import office as forms
from sousei.workplace.models import PresenceState
from sousei.workplace.selectors import office as office_selectors
from sousei.workplace.services import presence as presence_services
from sousei.workplace.services import rooms as room_services


def _office_page(
    request: HttpRequest,
    region: Region,
    reader: Reader,
    *,
    presence_form: forms.PresenceForm | None = None,
    dnd_form: forms.DoNotDisturbForm | None = None,
    status: int = 200,
) -> HttpResponse:
    office = office_selectors.office_read(region=region, reader=reader, now=clock.now())
    row = office.my_row
    if presence_form is None:
        presence_form = forms.PresenceForm(
            initial={
                "state": row.state if row else rules.AVAILABLE,
                "status_text": office.me.status_text,
                "status_emoji": office.me.status_emoji,
                "expires": rules.TODAY,
            }
        )
    context: dict[str, Any] = {
        "region": region,
        "office": office,
        "presence_form": presence_form,
        "dnd_form": dnd_form or forms.DoNotDisturbForm(initial={"until": "off"}),
        "hidden": bool(row and row.hidden),
        "admin": is_workplace_admin(reader),
        "heartbeat_seconds": rules.HEARTBEAT_SECONDS,
        "poll_seconds": rules.POLL_SECONDS,
        "state_labels": {s: str(label) for s, label in _state_labels().items()},
    }
    return render(request, "workplace/office.html", context, status=status)


def _state_labels() -> dict[str, Any]:
    return {s.value: s.label for s in PresenceState}


@workplace_view()
def office(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    """Who is where: rooms, the shared office today, live sessions, and my presence."""
    return _office_page(request, region, reader)


def _back(region: Region) -> HttpResponse:
    return redirect("workplace-office", slug=region.slug)


@require_POST
@workplace_view()
def presence_set(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    form = forms.PresenceForm(request.POST)
    if form.is_valid():
        expires_at = form.expiry()
        if not form.errors:
            try:
                presence_services.presence_set(
                    region=region,
                    user=signed_in_user(request),
                    state=form.cleaned_data["state"],
                    status_text=form.cleaned_data["status_text"],
                    status_emoji=form.cleaned_data["status_emoji"],
                    expires_at=expires_at,
                )
            except ValidationError as error:
                forms.service_errors(form, error, {})
            else:
                messages.success(request, _("Your presence is updated."))
                return _back(region)
    return _office_page(request, region, reader, presence_form=form, status=422)


@require_POST
@workplace_view()
def status_clear(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    presence_services.presence_status_clear(region=region, user=signed_in_user(request))
    messages.success(request, _("Your status is cleared."))
    return _back(region)


@require_POST
@workplace_view()
def dnd_set(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    form = forms.DoNotDisturbForm(request.POST)
    if form.is_valid():
        valid, until = form.until_moment()
        if valid:
            try:
                presence_services.presence_dnd_set(
                    region=region, user=signed_in_user(request), until=until
                )
            except ValidationError as error:
                forms.service_errors(form, error, {"until": "until_at"})
            else:
                messages.success(
                    request,
                    _("Do not disturb is on.") if until else _("Do not disturb is off."),
                )
                return _back(region)
    return _office_page(request, region, reader, dnd_form=form, status=422)


@require_POST
@workplace_view()
def hide_set(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    form = forms.HideForm(request.POST)
    hidden = bool(form.is_valid() and form.cleaned_data["hidden"])
    presence_services.presence_hide(region=region, user=signed_in_user(request), hidden=hidden)
    messages.success(
        request,
        _("Your presence is hidden: others see you as offline.")
        if hidden
        else _("Your presence is shown again."),
    )
    return _back(region)


@require_POST
@workplace_view()
def room_enter(request: HttpRequest, region: Region, reader: Reader, room_id: int) -> HttpResponse:
    room = room_visible(reader, room_id)
    try:
        presence_services.room_enter(region=region, user=signed_in_user(request), room=room)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You are in “%(room)s”.") % {"room": room.name})
    return _back(region)


@require_POST
@workplace_view()
def room_leave(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    presence_services.room_leave(region=region, user=signed_in_user(request))
    messages.success(request, _("You left the room."))
    return _back(region)


@workplace_view(admin=True)
def room_admin(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    """Operators: the office's rooms, a new room, archiving and restoring."""
    form = forms.RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room_services.room_create(
                region=region,
                actor=signed_in_user(request),
                data=room_services.RoomInput(
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                    meeting_url=form.cleaned_data["meeting_url"] or "",
                    capacity=form.cleaned_data["capacity"],
                ),
            )
        except ValidationError as error:
            forms.service_errors(form, error, {})
        except Conflict as conflict:
            form.add_error("name", str(conflict))
        else:
            messages.success(request, _("The room is added."))
            return redirect("workplace-rooms", slug=region.slug)
    rooms = office_selectors.rooms_for_admin()
    return render(
        request,
        "workplace/rooms.html",
        {"region": region, "form": form, "rooms": rooms},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@workplace_view(admin=True)
def room_archive(
    request: HttpRequest, region: Region, reader: Reader, room_id: int
) -> HttpResponse:
    archived = request.POST.get("archived", "1") != "0"
    room = room_services.room_archive(
        region=region, actor=signed_in_user(request), room_id=room_id, archived=archived
    )
    messages.success(
        request,
        (_("“%(room)s” is closed.") if archived else _("“%(room)s” is open again."))
        % {"room": room.name},
    )
    return redirect("workplace-rooms", slug=region.slug)
