"""Brokers: how an event published by a write service reaches every open stream.

Each server process holds one `Hub` per event loop (one under uvicorn): the open connections
of the process, per region, each with a bounded asyncio queue. A published event reaches the
hub once and the hub fans it out to the connections whose person may see it.

- `InProcessBroker` (the default, for `make demo`): publishing hands the event straight to the
  hubs of this process. It cannot reach another process, so the server refuses it with more
  than one worker (`sousei.gunicorn_conf`).
- `RedisBroker` (`SOUSEI_LIVE_BROKER=redis://…`, production): publishing is one PUBLISH on the
  region's channel; each process keeps ONE pattern subscription to every region's channel
  and feeds its hub. A thousand connections cost one Redis connection per process, not a
  thousand.

A slow client whose queue fills up is dropped: its stream ends, the browser reconnects with
Last-Event-ID and the database fills the gap (stream.catch_up), so nothing is lost and one
slow reader never holds back the others or the server's memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sousei.workplace.live.events import LiveEvent, Viewer, event_from_wire

logger = logging.getLogger(__name__)

#: Events a connection may have waiting before it is dropped as too slow.
QUEUE_SIZE = 256
CHANNEL_PREFIX = "sousei:live:"


class Connection:
    """One open stream: whose it is and the events waiting to be sent to it. `None` in the
    queue ends the stream (dropped as too slow, or the broker lost events)."""

    __slots__ = ("dropped", "queue", "viewer")

    def __init__(self, viewer: Viewer, size: int = QUEUE_SIZE) -> None:
        self.viewer = viewer
        self.queue: asyncio.Queue[LiveEvent | None] = asyncio.Queue(maxsize=size)
        self.dropped = False

    def offer(self, event: LiveEvent) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.drop()

    def drop(self) -> None:
        """End this stream: what is waiting is discarded (the reconnect reads it again from
        the database) and the end marker takes its place."""
        self.dropped = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)


class Hub:
    """The open connections of one event loop, per region. Used only on that loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.regions: dict[int, set[Connection]] = {}

    def add(self, connection: Connection) -> None:
        self.regions.setdefault(connection.viewer.region_id, set()).add(connection)

    def remove(self, connection: Connection) -> None:
        members = self.regions.get(connection.viewer.region_id)
        if members is not None:
            members.discard(connection)
            if not members:
                del self.regions[connection.viewer.region_id]

    def dispatch(self, event: LiveEvent) -> None:
        for connection in tuple(self.regions.get(event.region_id, ())):
            if connection.viewer.may_see(event):
                connection.offer(event)

    def drop_all(self) -> None:
        for members in tuple(self.regions.values()):
            for connection in tuple(members):
                connection.drop()

    def count(self) -> int:
        return sum(len(members) for members in self.regions.values())


class Broker(Protocol):
    def publish(self, event: LiveEvent) -> None:
        """Send `event` to every process's hub; callable from any thread, never blocks long."""

    async def attach(self, hub: Hub) -> None:
        """Start delivering published events to `hub` (called on the hub's loop)."""


class InProcessBroker:
    """Events go straight to the hubs of this process: one process only (the demo)."""

    name = "in-process"

    def __init__(self) -> None:
        self._hubs: list[Hub] = []
        self._lock = threading.Lock()

    def publish(self, event: LiveEvent) -> None:
        with self._lock:
            hubs = list(self._hubs)
        for hub in hubs:
            try:
                hub.loop.call_soon_threadsafe(hub.dispatch, event)
            except RuntimeError:  # the loop has closed (a test server stopped)
                with self._lock:
                    if hub in self._hubs:
                        self._hubs.remove(hub)

    async def attach(self, hub: Hub) -> None:
        with self._lock:
            if hub not in self._hubs:
                self._hubs.append(hub)


class RedisBroker:
    """Redis pub/sub: PUBLISH on the region's channel; one pattern subscription per hub."""

    name = "redis"

    def __init__(self, url: str) -> None:
        import redis

        self.url = url
        # A connection pool shared by the threads that publish; a short timeout, so a write
        # never waits long on Redis (the message is stored; a reconnect would catch it up).
        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._listeners: dict[Hub, asyncio.Task[None]] = {}

    def publish(self, event: LiveEvent) -> None:
        try:
            self._client.publish(f"{CHANNEL_PREFIX}{event.region_id}", event.to_wire())
        except Exception:  # Redis down: the write stands; streams catch up when it is back
            logger.exception("live: could not publish to Redis")

    async def attach(self, hub: Hub) -> None:
        task = self._listeners.get(hub)
        if task is None or task.done():
            ready = asyncio.Event()
            self._listeners[hub] = asyncio.create_task(self._listen(hub, ready))
            # The first connection waits until the subscription stands, so nothing published
            # after its catch-up query can pass unseen.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ready.wait(), timeout=5)

    async def _listen(self, hub: Hub, ready: asyncio.Event) -> None:
        import redis.asyncio as aredis

        pause = 0.5
        while True:
            client: Any = aredis.Redis.from_url(self.url)
            try:
                async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                    ready.set()
                    pause = 0.5
                    while True:
                        item = await pubsub.get_message(timeout=30)
                        if item is None or item.get("type") != "pmessage":
                            continue
                        try:
                            hub.dispatch(event_from_wire(item["data"]))
                        except (ValueError, KeyError, TypeError):
                            logger.warning("live: an unreadable event on Redis was skipped")
            except asyncio.CancelledError:
                raise
            except Exception:
                # Events published while the subscription was down never reach this hub: end
                # every stream, so each browser reconnects and catches up from the database.
                logger.exception("live: Redis subscription lost; reconnecting")
                hub.drop_all()
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10)
            finally:
                with contextlib.suppress(Exception):
                    await client.aclose()


_broker: Broker | None = None
_broker_lock = threading.Lock()


def broker_from_url(url: str) -> Broker:
    if not url or url in {"inprocess", "in-process", "memory"}:
        return InProcessBroker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisBroker(url)
    raise ImproperlyConfigured(
        f"SOUSEI_LIVE_BROKER={url!r}: use redis://host:6379/0 or leave it empty for the "
        "in-process broker."
    )


def broker() -> Broker:
    """The process's broker, made from settings.SOUSEI_LIVE_BROKER on first use."""
    global _broker
    if _broker is None:
        with _broker_lock:
            if _broker is None:
                _broker = broker_from_url(getattr(settings, "SOUSEI_LIVE_BROKER", ""))
    return _broker


_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}


async def hub() -> Hub:
    """This loop's hub, attached to the broker."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(loop)
    if found is None:
        for stale in [other for other in _hubs if other.is_closed()]:
            del _hubs[stale]
        found = _hubs[loop] = Hub(loop)
    await broker().attach(found)
    return found
