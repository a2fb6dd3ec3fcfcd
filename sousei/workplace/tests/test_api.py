"""The office endpoints: who may call them, what they answer, refusals with clear messages,
hidden presence, another team's room and region, and constant query counts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.core.models import Membership, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.workplace.tests import factories

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def office(koga: Region, fukutsu: Region, cast: Cast) -> dict[str, Any]:
    """Koga: the participant in team "mine" (its room), another team "theirs", an open room."""
    with region_scope(koga):
        mine = factories.team(koga, "mine")
        theirs = factories.team(koga, "theirs")
        factories.seat(koga, cast.user("participant"), mine)
        open_room = factories.open_room(koga)
        return {
            "mine": factories.room_of(mine).pk,
            "theirs": factories.room_of(theirs).pk,
            "open": open_room.pk,
        }


def test_a_team_member_reads_the_office(cast: Cast, office: dict[str, Any]) -> None:
    response = bearer_client(cast.user("participant")).get("/api/v1/regions/koga/office")
    assert response.status_code == 200
    body = response.json()
    assert {r["id"] for r in body["rooms"]} == {office["mine"], office["open"]}
    assert body["me"]["state"] == "offline"


@pytest.mark.parametrize(
    ("role", "status"),
    [("municipality", 403), ("client", 403), ("candidate", 403), ("space_manager", 403)],
)
def test_members_of_the_region_outside_the_workplace_get_403(
    cast: Cast, office: dict[str, Any], role: str, status: int
) -> None:
    assert bearer_client(cast.user(role)).get("/api/v1/regions/koga/office").status_code == status


def test_another_region_answers_404(cast: Cast, office: dict[str, Any]) -> None:
    client = bearer_client(cast.user("operator", "fukutsu"))
    assert client.get("/api/v1/regions/koga/office").status_code == 404
    assert post(client, f"/api/v1/regions/koga/rooms/{office['open']}/enter", {}).status_code == 404


def test_another_teams_room_answers_404(cast: Cast, office: dict[str, Any]) -> None:
    client = bearer_client(cast.user("participant"))
    path = "/api/v1/regions/koga/rooms/{}/enter"
    assert post(client, path.format(office["theirs"]), {}).status_code == 404
    response = post(client, path.format(office["mine"]), {})
    assert response.status_code == 200
    assert response.json()["room_id"] == office["mine"]
    assert post(client, "/api/v1/regions/koga/rooms/leave", {}).json()["room_id"] is None


def test_a_status_with_an_expiry_in_the_past_or_too_far_is_refused_clearly(
    cast: Cast, office: dict[str, Any]
) -> None:
    client = bearer_client(cast.user("participant"))
    now = timezone.localtime()
    for moment, words in (
        (now - dt.timedelta(minutes=1), "passed"),
        (now.replace(year=now.year + 2), "one year"),
    ):
        response = post(
            client,
            "/api/v1/regions/koga/presence",
            {"state": "busy", "status_text": "会議", "expires_at": moment.isoformat()},
        )
        assert response.status_code == 422, response.content
        assert words in json.dumps(response.json(), ensure_ascii=False)
    response = post(
        client,
        "/api/v1/regions/koga/presence",
        {"state": "busy", "status_text": "あ" * 61},
    )
    assert response.status_code == 422


def test_a_hidden_person_reads_as_offline_to_others(
    cast: Cast, office: dict[str, Any], koga: Region
) -> None:
    participant = bearer_client(cast.user("participant"))
    post(participant, f"/api/v1/regions/koga/rooms/{office['open']}/enter", {})
    expires = (timezone.localtime() + dt.timedelta(hours=1)).isoformat()
    response = post(
        participant,
        "/api/v1/regions/koga/presence",
        {"state": "busy", "status_text": "集中", "status_emoji": "🎧", "expires_at": expires},
    )
    assert response.json()["status_text"] == "集中"
    operator = bearer_client(cast.user("operator"))

    def seen() -> dict[str, Any]:
        people = operator.get("/api/v1/regions/koga/office").json()["people"]
        return next(p for p in people if p["user_id"] == cast.user("participant").pk)

    assert (seen()["state"], seen()["room_id"], seen()["status_emoji"]) == (
        "busy",
        office["open"],
        "🎧",
    )
    with region_scope(koga):
        from sousei.workplace.services.presence import presence_hide

        presence_hide(region=koga, user=cast.user("participant"), hidden=True)
    assert (seen()["state"], seen()["room_id"], seen()["status_text"]) == ("offline", None, "")
    own = participant.get("/api/v1/regions/koga/office").json()["me"]
    assert own["hidden"] is True
    assert own["status_text"] == "集中"


def test_heartbeats_bring_a_person_online(cast: Cast, office: dict[str, Any]) -> None:
    client = bearer_client(cast.user("participant"))
    assert (
        post(client, "/api/v1/regions/koga/presence/heartbeat", {"active": True}).json()["state"]
        == "available"
    )


def test_teams_list_and_detail(cast: Cast, office: dict[str, Any], fukutsu: Region) -> None:
    client = bearer_client(cast.user("trainer"))
    teams = client.get("/api/v1/regions/koga/teams").json()
    assert {t["name"] for t in teams} == {"mine", "theirs"}
    mine = next(t for t in teams if t["name"] == "mine")
    assert mine["member_count"] == 1
    assert mine["room_id"] == office["mine"]
    detail = client.get(f"/api/v1/regions/koga/teams/{mine['id']}").json()
    assert detail["members"][0]["user_id"] == cast.user("participant").pk
    with region_scope(fukutsu):
        other = factories.team(fukutsu, "よそ")
    assert client.get(f"/api/v1/regions/koga/teams/{other.pk}").status_code == 404


def crowd(region: Region, n: int) -> None:
    """n people in two teams, half of them in rooms with statuses."""
    with region_scope(region):
        teams = [factories.team(region, f"t{n}-{i}") for i in range(2)]
        room = factories.open_room(region, f"open-{n}")
        for i in range(n):
            user = UserFactory.create(username=f"crowd{n}-{i}", last_name="古賀", first_name=f"{i}")
            Membership.objects.create(region=region, user=user, role="participant")
            factories.seat(region, user, teams[i % 2])
            factories.presence(
                region,
                user,
                room=room if i % 2 else None,
                status_text="作業中",
                last_heartbeat_at=timezone.now(),
                last_active_at=timezone.now(),
            )


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/api/v1/regions/koga/office", "/r/koga/workplace/"])
def test_the_office_reads_in_a_constant_number_of_queries(
    koga: Region, cast: Cast, path: str, django_assert_num_queries: Any
) -> None:
    client = Client()
    client.force_login(cast.user("operator"))
    crowd(koga, 5)
    client.get(path)  # warm up the session and caches
    small = count_queries(client, path)
    assert small <= 12  # session, memberships, team check, rooms, people, presence, visits
    crowd(koga, 50)
    with django_assert_num_queries(small):
        assert client.get(path).status_code == 200
