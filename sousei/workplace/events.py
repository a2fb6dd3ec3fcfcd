"""What the office tells the live stream: one function the presence and room services call
after a change that other people's office pages should show; it hands the change to the live
stream (`sousei.workplace.live.office_publish`), which sends it once the transaction commits.

`kind` is one of "presence" (someone's state, status, do-not-disturb or hidden flag
changed), "room" (someone entered or left a room) and "rooms" (a room was created, changed
or archived, or a team changed). The payload carries ids and the caller-independent facts
only: a hidden person's status or room never travels in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sousei.workplace.live import office_publish

if TYPE_CHECKING:
    from sousei.core.models import Region


def office_changed(region: Region, kind: str, payload: Mapping[str, Any]) -> None:
    """Tell every open office page of the region about the change."""
    office_publish(region, kind, payload)
