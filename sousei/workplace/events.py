"""What the office tells the live stream: one function the presence and room services call
after a change that other people's office pages should show.

The live stream subscribes here: the merger of the stream connects `office_changed` to the
broker (it publishes `kind` and `payload` to the region's channel). Until then it does
nothing, so the office works by polling `GET /api/v1/regions/{slug}/office` alone.

`kind` is one of "presence" (someone's state, status, do-not-disturb or hidden flag
changed), "room" (someone entered or left a room) and "rooms" (a room was created, changed
or archived, or a team changed). The payload carries ids and the caller-independent facts
only: what each reader may see is decided when the stream reads the office for them, so a
hidden person's status or room never travels in the payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sousei.core.models import Region


def office_changed(region: Region, kind: str, payload: Mapping[str, Any]) -> None:
    """The live stream subscribes here; a no-op until it is connected."""
