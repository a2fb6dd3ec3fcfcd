"""Live updates of the virtual office: presence, room moves, messages and announcements
reach other browsers as server-sent events (docs/adr/0003-live-updates.md).

`publish(region_id, event)` is the single way in: write services call it inside their
transaction and the event leaves when the transaction commits (never for a rolled-back
write). `office_publish(region, kind, payload)` is what the office's
`sousei.workplace.events.office_changed` calls."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from sousei.core import clock
from sousei.workplace.live import events
from sousei.workplace.live.broker import broker as current_broker
from sousei.workplace.live.events import LiveEvent

if TYPE_CHECKING:
    from sousei.core.models import Region

__all__ = ["LiveEvent", "office_publish", "publish"]


def publish(region_id: int, event: LiveEvent) -> None:
    """Send `event` to the region's open streams once the current transaction commits."""
    ready = dataclasses.replace(event, region_id=region_id)
    transaction.on_commit(lambda: current_broker().publish(ready))


def office_publish(region: Region, kind: str, payload: Mapping[str, Any]) -> None:
    """A change of the office (presence, a room move, rooms or teams) for everyone in the
    region's workplace. Call inside the region scope and the writing transaction.

    The office's payload carries ids (who changed, which room). For a person's change the
    event also carries what everyone may see of them now (`shown_presence`): a hidden
    person reads as offline with no status and no room, the same for every reader, so
    nothing hidden travels on the stream. Pages may apply it, or re-read the office."""
    body: dict[str, Any] = {"change": kind, **dict(payload)}
    user_id = payload.get("user_id")
    if kind in {"presence", "room"} and isinstance(user_id, int):
        body["presence"] = shown_presence(user_id)
    publish(
        region.pk,
        LiveEvent(
            region_id=region.pk,
            kind=events.OFFICE,
            payload=body,
            at_ms=int(clock.now().timestamp() * 1000),
        ),
    )


def shown_presence(user_id: int) -> dict[str, Any]:
    """What everyone sees of one person's presence (the stored choice; the office's own
    rules for away and offline by the clock apply when a page re-reads the office)."""
    from sousei.workplace.models import Presence, PresenceState

    row = Presence.objects.filter(user_id=user_id).first()
    if row is None or row.hidden:
        return {"state": PresenceState.OFFLINE.value, "status_text": "", "room_id": None}
    return {"state": row.state, "status_text": row.status_text, "room_id": row.room_id}
