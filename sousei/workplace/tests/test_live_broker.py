"""The live brokers and the hub: fan-out to the connections that may see an event, a slow
connection dropped, cursors, and Redis pub/sub round trips on the real Redis."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest

from sousei.workplace.live import broker as live_broker
from sousei.workplace.live.broker import Connection, Hub, InProcessBroker, RedisBroker
from sousei.workplace.live.events import (
    Cursor,
    LiveEvent,
    Viewer,
    cursor_parse,
    event_from_wire,
    sse_format,
)

REDIS_URL = os.environ.get("SOUSEI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def event(**kwargs: object) -> LiveEvent:
    values: dict[str, object] = {"region_id": 1, "kind": "message", "payload": {}, "at_ms": 1}
    values.update(kwargs)
    return LiveEvent(**values)  # type: ignore[arg-type]


MEMBER = Viewer(region_id=1, user_id=10, room_ids=frozenset({100}))


def test_a_viewer_sees_only_its_rooms_its_people_and_its_region() -> None:
    assert MEMBER.may_see(event(room_id=100))
    assert not MEMBER.may_see(event(room_id=200))
    assert MEMBER.may_see(event(user_ids=(10, 11)))
    assert not MEMBER.may_see(event(user_ids=(11, 12)))
    assert MEMBER.may_see(event())
    assert not MEMBER.may_see(event(region_id=2))


def test_a_cursor_reads_back_what_it_writes_and_refuses_anything_else() -> None:
    cursor = Cursor(41, 7, 1_796_290_000_000)
    assert cursor_parse(str(cursor)) == cursor
    assert cursor_parse("") is None
    assert cursor_parse("41") is None
    assert cursor_parse("1-2-3\n") == Cursor(1, 2, 3)
    assert cursor_parse("9" * 40 + "-1-1") is None
    assert cursor.after(event(message_id=50, at_ms=5)) == Cursor(50, 7, 1_796_290_000_000)


def test_an_event_survives_the_wire() -> None:
    sent = event(room_id=3, message_id=9, payload={"text": "こんにちは\nまた"})
    assert event_from_wire(sent.to_wire()) == sent
    line = sse_format("message", sent.encoded(), "9-0-1")
    assert line.decode().count("\n\n") == 1  # a newline in the text does not end the event


def test_the_hub_fans_out_only_to_connections_that_may_see_the_event() -> None:
    async def run() -> tuple[int, int]:
        hub = Hub(asyncio.get_running_loop())
        inside = Connection(MEMBER)
        outside = Connection(Viewer(region_id=1, user_id=11, room_ids=frozenset({200})))
        hub.add(inside)
        hub.add(outside)
        hub.dispatch(event(room_id=100))
        return inside.queue.qsize(), outside.queue.qsize()

    assert asyncio.run(run()) == (1, 0)


def test_a_connection_that_falls_behind_is_dropped_and_told_to_end() -> None:
    async def run() -> tuple[bool, list[LiveEvent | None]]:
        connection = Connection(MEMBER, size=3)
        for number in range(5):
            connection.offer(event(message_id=number))
        left = []
        while not connection.queue.empty():
            left.append(connection.queue.get_nowait())
        return connection.dropped, left

    dropped, left = asyncio.run(run())
    assert dropped
    assert left == [None]


def test_the_in_process_broker_hands_events_to_the_hub_of_its_loop() -> None:
    async def run() -> int:
        broker = InProcessBroker()
        hub = Hub(asyncio.get_running_loop())
        await broker.attach(hub)
        connection = Connection(MEMBER)
        hub.add(connection)
        # Published from another thread, as a write service does.
        await asyncio.to_thread(broker.publish, event(room_id=100, message_id=5))
        got = await asyncio.wait_for(connection.queue.get(), timeout=2)
        assert got is not None
        return got.message_id

    assert asyncio.run(run()) == 5


def test_the_redis_broker_delivers_through_one_subscription_per_hub() -> None:
    async def run() -> list[int]:
        broker = RedisBroker(REDIS_URL)
        hub = Hub(asyncio.get_running_loop())
        await broker.attach(hub)
        await broker.attach(hub)  # a second connection reuses the subscription
        assert len(broker._listeners) == 1
        region = 900_000 + uuid.uuid4().int % 1000
        viewer = Viewer(region_id=region, user_id=10, room_ids=frozenset({100}))
        connections = [Connection(viewer) for _ in range(3)]
        for connection in connections:
            hub.add(connection)
        await asyncio.to_thread(broker.publish, event(region_id=region, room_id=100, message_id=7))
        await asyncio.to_thread(broker.publish, event(region_id=region, room_id=999, message_id=8))
        got = []
        for connection in connections:
            item = await asyncio.wait_for(connection.queue.get(), timeout=3)
            assert item is not None
            got.append(item.message_id)
        await asyncio.sleep(0.2)
        assert all(c.queue.empty() for c in connections)  # room 999 reached nobody
        for task in broker._listeners.values():
            task.cancel()
        return got

    assert asyncio.run(run()) == [7, 7, 7]


def test_the_broker_is_chosen_by_its_url() -> None:
    assert isinstance(live_broker.broker_from_url(""), InProcessBroker)
    assert isinstance(live_broker.broker_from_url(REDIS_URL), RedisBroker)
    with pytest.raises(Exception, match="SOUSEI_LIVE_BROKER"):
        live_broker.broker_from_url("amqp://x")
