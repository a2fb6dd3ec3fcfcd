"""What travels on the live stream: one event, its audience, and how a connection reads it.

An event's audience is computed once, when it is published: the readers of one room
(`room_id`), a list of people (`user_ids`: the two sides of a direct message, the audience of
an announcement), or everyone in the region's workplace (presence and room moves). Each
connection holds the rooms its person may read, computed when it connects, and drops every
event whose audience does not include it before the event is queued (`Viewer.may_see`): a
member never receives a message from a room they are not in.

Event ids (`id:` in the stream, sent back as Last-Event-ID on a reconnect) are cursors, not
counters: "<message id>-<announcement id>-<milliseconds>" — the highest message and
announcement the connection has been told about and the moment of the event. On a
reconnect the stream sends from the database what came after them (see stream.catch_up).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# Event kinds (the `event:` line of the stream; the browser listens by these names).
MESSAGE = "message"  # a new message in a room or a direct message
MESSAGE_CHANGED = "message_changed"  # edited or deleted
ANNOUNCEMENT = "announcement"
OFFICE = "office"  # presence, room moves, rooms and teams changed (the office re-reads)
SNAPSHOT = "snapshot"  # after a reconnect: the office now, instead of the presence missed
READY = "ready"  # first event of every connection: its cursor

CURSOR = re.compile(r"^(\d{1,18})-(\d{1,18})-(\d{1,15})$")


@dataclass(frozen=True)
class Cursor:
    """Where a connection is: the last message and announcement ids it was told about and the
    time (ms since the epoch) of the last event."""

    message_id: int = 0
    announcement_id: int = 0
    at_ms: int = 0

    def after(self, event: LiveEvent) -> Cursor:
        return Cursor(
            max(self.message_id, event.message_id),
            max(self.announcement_id, event.announcement_id),
            max(self.at_ms, event.at_ms),
        )

    def __str__(self) -> str:
        return f"{self.message_id}-{self.announcement_id}-{self.at_ms}"


def cursor_parse(raw: str | None) -> Cursor | None:
    """The cursor of a Last-Event-ID header; None when absent or not one of ours (then the
    connection starts afresh, as a first one)."""
    if not raw:
        return None
    found = CURSOR.match(raw.strip())
    if found is None:
        return None
    return Cursor(int(found.group(1)), int(found.group(2)), int(found.group(3)))


@dataclass(frozen=True)
class LiveEvent:
    """One event for the region's stream. Exactly one audience: `room_id` (its readers),
    `user_ids` (these people), or neither (everyone in the region's workplace)."""

    region_id: int
    kind: str
    payload: dict[str, Any]
    at_ms: int
    room_id: int | None = None
    user_ids: tuple[int, ...] | None = None
    message_id: int = 0
    announcement_id: int = 0
    # The payload as JSON, encoded once however many connections send it.
    data: str = field(default="", compare=False)

    def encoded(self) -> str:
        return self.data or json.dumps(self.payload, ensure_ascii=False, separators=(",", ":"))

    def to_wire(self) -> str:
        """The event as one JSON text for the Redis channel."""
        return json.dumps(
            {
                "r": self.region_id,
                "k": self.kind,
                "p": self.payload,
                "t": self.at_ms,
                "room": self.room_id,
                "users": list(self.user_ids) if self.user_ids is not None else None,
                "m": self.message_id,
                "a": self.announcement_id,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def event_from_wire(raw: str | bytes) -> LiveEvent:
    item = json.loads(raw)
    users = item.get("users")
    return LiveEvent(
        region_id=int(item["r"]),
        kind=str(item["k"]),
        payload=item["p"],
        at_ms=int(item["t"]),
        room_id=item.get("room"),
        user_ids=tuple(users) if users is not None else None,
        message_id=int(item.get("m") or 0),
        announcement_id=int(item.get("a") or 0),
    )


@dataclass(frozen=True)
class Viewer:
    """Who holds one connection: their region, their user id and the rooms they may read
    (computed when they connect; a change of team takes effect on the next connection)."""

    region_id: int
    user_id: int
    room_ids: frozenset[int]

    def may_see(self, event: LiveEvent) -> bool:
        if event.region_id != self.region_id:
            return False
        if event.user_ids is not None:
            return self.user_id in event.user_ids
        if event.room_id is not None:
            return event.room_id in self.room_ids
        return True


def sse_format(kind: str, data: str, event_id: str | None) -> bytes:
    """One server-sent event. `data` is JSON on one line (json.dumps escapes newlines)."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {data}\n\n".encode()
