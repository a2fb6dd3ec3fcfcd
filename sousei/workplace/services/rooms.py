"""The office's rooms: operators create, edit and archive them; each change is audited.

Team rooms are made with their team (services/teams.py) and follow it; the open office,
meeting rooms (with their video meeting link) and focus rooms are made here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.workplace import events
from sousei.workplace.models import Presence, Room, RoomKind

ROOM_CAPACITY_MAX = 500
#: Kinds an operator creates here; team rooms come with their team.
FREE_KINDS = (RoomKind.OPEN, RoomKind.MEETING, RoomKind.FOCUS)


@dataclass(frozen=True)
class RoomInput:
    name: str
    kind: str
    meeting_url: str = ""
    capacity: int | None = None
    position: int = 0


def _check(data: RoomInput, *, kind_fixed: bool = False) -> RoomInput:
    errors: dict[str, ValidationError] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = ValidationError(_("Enter the room's name."), "required")
    elif len(name) > 60:
        errors["name"] = ValidationError(_("Keep the room's name to 60 characters."), "max_length")
    if not kind_fixed and data.kind not in FREE_KINDS:
        errors["kind"] = ValidationError(
            _("Choose open office, meeting room or focus room (team rooms come with a team)."),
            "choice",
        )
    if data.meeting_url and not data.meeting_url.startswith("https://"):
        errors["meeting_url"] = ValidationError(
            _("Enter the meeting link starting with https://."), "scheme"
        )
    if data.capacity is not None and not 1 <= data.capacity <= ROOM_CAPACITY_MAX:
        errors["capacity"] = ValidationError(
            _("Enter a capacity from 1 to %(max)s, or leave it empty."),
            "range",
            params={"max": ROOM_CAPACITY_MAX},
        )
    if errors:
        raise ValidationError(errors)
    return RoomInput(
        name=name,
        kind=data.kind,
        meeting_url=data.meeting_url.strip(),
        capacity=data.capacity,
        position=max(0, min(data.position, 32000)),
    )


def room_create(*, region: Region, actor: User, data: RoomInput) -> Room:
    """A new open, meeting or focus room; 409 when the name is taken."""
    data = _check(data)
    with transaction.atomic():
        if Room.objects.filter(name=data.name).exists():
            raise Conflict(_("A room named “%(name)s” already exists."), name=data.name)
        room = Room.objects.create(
            region=region,
            name=data.name,
            kind=data.kind,
            meeting_url=data.meeting_url,
            capacity=data.capacity,
            position=data.position,
        )
        audit_record(
            region=region,
            actor=actor,
            action="room.create",
            obj=room,
            changes={"name": room.name, "kind": room.kind},
        )
        events.office_changed(region, "rooms", {"room_id": room.pk})
    return room


def room_update(*, region: Region, actor: User, room_id: int, data: RoomInput) -> Room:
    """Rename a room, change its link, capacity or position (a team room keeps its kind)."""
    with transaction.atomic():
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            raise Http404("No such room.")
        fixed = room.kind == RoomKind.TEAM
        data = _check(RoomInput(**{**data.__dict__, "kind": room.kind}) if fixed else data)
        if Room.objects.filter(name=data.name).exclude(pk=room.pk).exists():
            raise Conflict(_("A room named “%(name)s” already exists."), name=data.name)
        before = {"name": room.name, "kind": room.kind, "meeting_url": room.meeting_url}
        room.name = data.name
        room.kind = data.kind
        room.meeting_url = data.meeting_url
        room.capacity = data.capacity
        room.position = data.position
        room.save(update_fields=["name", "kind", "meeting_url", "capacity", "position"])
        audit_record(
            region=region,
            actor=actor,
            action="room.update",
            obj=room,
            changes={"before": before, "name": room.name, "kind": room.kind},
        )
        events.office_changed(region, "rooms", {"room_id": room.pk})
    return room


def room_archive(*, region: Region, actor: User, room_id: int, archived: bool = True) -> Room:
    """Close a room (everyone in it leaves) or open it again; its messages stay."""
    with transaction.atomic():
        room = Room.objects.select_for_update().filter(pk=room_id).first()
        if room is None:
            raise Http404("No such room.")
        room.archived = archived
        room.save(update_fields=["archived"])
        if archived:
            Presence.objects.filter(room=room).update(room=None)
        audit_record(
            region=region,
            actor=actor,
            action="room.archive" if archived else "room.restore",
            obj=room,
            changes={"archived": archived},
        )
        events.office_changed(region, "rooms", {"room_id": room.pk})
    return room
