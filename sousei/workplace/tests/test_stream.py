"""The live stream end to end, against the ASGI server: what reaches whom, Last-Event-ID
catch-up after a drop, and the refusals at connect."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.core.tokens import api_token_issue
from sousei.workplace import live
from sousei.workplace.models import Room
from sousei.workplace.tests import chat_made as made
from sousei.workplace.tests.asgi_server import AsgiServer, SseReader, asgi_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server() -> Iterator[AsgiServer]:
    with asgi_server() as running:
        yield running


def bearer(user: object) -> dict[str, str]:
    raw, _token = api_token_issue(user=user)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {raw}"}


def rooms(koga: Region, cast: Cast) -> tuple[Room, Room]:
    with region_scope(koga):
        team_a = made.team(koga, "チームA")
        team_b = made.team(koga, "チームB")
        made.member(koga, team_a, cast.user("participant"))
        made.member(koga, team_b, cast.user("candidate"))
        return made.open_room(koga), made.team_room(koga, team_a, "Aのへや")


def send(server: AsgiServer, headers: dict[str, str], room: Room, body: str) -> int:
    answer = httpx.post(
        f"{server.url}/api/v1/regions/koga/rooms/{room.pk}/messages",
        json={"body": body},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def test_a_member_never_receives_a_message_from_a_room_they_are_not_in(
    server: AsgiServer, koga: Region, cast: Cast
) -> None:
    open_room, room_a = rooms(koga, cast)
    author = bearer(cast.user("participant"))
    outsider = SseReader(f"{server.url}/api/v1/regions/koga/stream", bearer(cast.user("candidate")))
    insider = SseReader(f"{server.url}/api/v1/regions/koga/stream", bearer(cast.user("operator")))
    try:
        outsider.next("ready")
        insider.next("ready")
        secret = send(server, author, room_a, "チームAだけの話")
        public = send(server, author, open_room, "みなさんへ")
        assert json.loads(insider.next("message").data)["id"] == secret
        assert json.loads(insider.next("message").data)["id"] == public
        # The outsider's first message is the public one: the team room's never came.
        assert json.loads(outsider.next("message").data)["id"] == public
    finally:
        outsider.close()
        insider.close()


def test_direct_messages_and_office_changes_reach_the_right_people(
    server: AsgiServer, koga: Region, cast: Cast
) -> None:
    rooms(koga, cast)
    candidate = cast.user("candidate")
    them = SseReader(f"{server.url}/api/v1/regions/koga/stream", bearer(candidate))
    trainer = SseReader(f"{server.url}/api/v1/regions/koga/stream", bearer(cast.user("trainer")))
    try:
        them.next("ready")
        trainer.next("ready")
        answer = httpx.post(
            f"{server.url}/api/v1/regions/koga/direct/{candidate.pk}/messages",
            json={"body": "こっそり"},
            headers=bearer(cast.user("participant")),
        )
        assert answer.status_code == 201
        assert json.loads(them.next("message").data)["body"] == "こっそり"
        with region_scope(koga):
            live.office_publish(koga, "presence", {"user_id": candidate.pk})
        assert json.loads(trainer.next("office").data)["user_id"] == candidate.pk
        assert trainer.none_of("message", within=0.5)  # the direct message was not theirs
    finally:
        them.close()
        trainer.close()


def test_a_dropped_stream_resumes_with_last_event_id_and_loses_nothing(
    server: AsgiServer, koga: Region, cast: Cast
) -> None:
    open_room, _room_a = rooms(koga, cast)
    author = bearer(cast.user("participant"))
    listener = bearer(cast.user("candidate"))
    url = f"{server.url}/api/v1/regions/koga/stream"
    first = SseReader(url, listener)
    try:
        ready = first.next("ready")
        before = send(server, author, open_room, "一通目")
        seen = first.next("message")
        assert json.loads(seen.data)["id"] == before
        server.drop_streams()
        with pytest.raises(EOFError):
            first.next(timeout=5)
    finally:
        first.close()
    missed = [send(server, author, open_room, f"切断中 {n}") for n in range(3)]
    again = SseReader(url, {**listener, "Last-Event-ID": seen.id or ""})
    try:
        caught = [json.loads(again.next("message").data)["id"] for _ in missed]
        assert caught == missed
        assert json.loads(again.next("snapshot").data) == {"reload": False}
        resumed = again.next("ready")
        assert resumed.id != ready.id
        after = send(server, author, open_room, "再接続後")
        assert json.loads(again.next("message").data)["id"] == after
    finally:
        again.close()


def test_the_stream_is_refused_to_strangers_and_other_regions(
    server: AsgiServer, koga: Region, fukutsu: Region, cast: Cast
) -> None:
    url = f"{server.url}/api/v1/regions/koga/stream"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers=bearer(cast.user("operator", "fukutsu"))).status_code == 404
    assert httpx.get(url, headers=bearer(cast.user("municipality"))).status_code == 403
    stream = SseReader(url, bearer(cast.user("operator")))
    try:
        assert stream.status == 200
        assert stream.next("ready").id
    finally:
        stream.close()
