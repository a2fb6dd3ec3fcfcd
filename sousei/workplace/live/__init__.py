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
    region's workplace. The payload carries ids only (who changed, which room); each page
    re-reads the office for what its reader may see, so a hidden person's status or room
    never travels on the stream."""
    publish(
        region.pk,
        LiveEvent(
            region_id=region.pk,
            kind=events.OFFICE,
            payload={"change": kind, **dict(payload)},
            at_ms=int(clock.now().timestamp() * 1000),
        ),
    )
