"""The stream of one connection: catch up from the database, then relay the hub's events.

    retry: 3000                       ← the browser waits 3 s before reconnecting
    id: 41-7-1796290000000            ← a cursor (events.Cursor), sent back as Last-Event-ID
    event: message
    data: {...}

On a reconnect (Last-Event-ID), the connection subscribes first and reads the database
second, so an event published in between is both queued and read; the queued copy of a
message already sent from the database is skipped. What the database gives:

- messages of the rooms the person may read and their direct messages, newer than the
  cursor's message id — or written, edited or deleted since a moment a little before the
  cursor's time, since two messages may commit in the other order than their ids were given
  (the page replaces a message it already shows, by id);
- announcements to them newer than the cursor's announcement id;
- a snapshot event in place of the presence changes missed: the page re-reads the office.

A comment line every HEARTBEAT seconds keeps proxies from closing an idle stream and lets
the server notice a vanished client. A stream ends after SOUSEI_LIVE_MAX_SECONDS (the
browser reconnects at once, with its cursor), so a revoked session or a changed team takes
effect and long-lived connections spread over restarted workers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from sousei.workplace.live.broker import Connection, hub
from sousei.workplace.live.events import READY, Cursor, LiveEvent, Viewer, sse_format

HEARTBEAT = 15.0
RETRY_MS = 3000
#: Messages a reconnect reads back at most; beyond that the page reloads instead.
CATCH_UP_LIMIT = 500
#: How far before the cursor's time a reconnect looks for late commits and changes.
OVERLAP = dt.timedelta(seconds=5)


@dataclass
class CatchUp:
    """What a connection sends before it relays live events, and where that leaves it."""

    cursor: Cursor
    events: list[LiveEvent] = field(default_factory=list)
    message_ids: set[int] = field(default_factory=set)


def _released(work: Callable[[], CatchUp]) -> Callable[[], CatchUp]:
    """Run `work` on a pool thread and give its database connection back: a stream must not
    keep one open for its whole life."""

    def run() -> CatchUp:
        try:
            return work()
        finally:
            connections.close_all()

    return run


async def event_stream(
    viewer: Viewer, catch_up: Callable[[], CatchUp], *, max_seconds: float | None = None
) -> AsyncIterator[bytes]:
    """The bytes of one connection's stream (see the module docstring)."""
    yield f"retry: {RETRY_MS}\n\n".encode()
    the_hub = await hub()
    connection = Connection(viewer)
    the_hub.add(connection)
    try:
        # A shared pool thread, not the request's own: the request thread stays idle.
        start = await sync_to_async(_released(catch_up), thread_sensitive=False)()
        current = start.cursor
        for event in start.events:
            current = current.after(event)
            yield sse_format(event.kind, event.encoded(), str(current))
        yield sse_format(READY, f'{{"cursor":"{current}"}}', str(current))
        lifetime = max_seconds or float(getattr(settings, "SOUSEI_LIVE_MAX_SECONDS", 1800))
        # Spread the reconnects of streams opened together (after a deploy).
        loop = asyncio.get_running_loop()
        deadline = loop.time() + lifetime * random.uniform(0.8, 1.0)
        while True:
            wait = min(HEARTBEAT, deadline - loop.time())
            if wait <= 0:
                break
            try:
                got: LiveEvent | None = await asyncio.wait_for(connection.queue.get(), timeout=wait)
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if got is None:
                break
            if got.kind == "message" and got.message_id in start.message_ids:
                continue  # already sent from the database
            current = current.after(got)
            yield sse_format(got.kind, got.encoded(), str(current))
    finally:
        the_hub.remove(connection)
