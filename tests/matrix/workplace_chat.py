"""workplace_chat: chat, announcements and the live stream of the region's workplace.

The workplace is for operators, trainers and people with a place in one of the region's
teams: here the caller "participant" of Koga, lead of team A. The other roles of the region
get 403. Team A's room is for its members and operators: the trainer gets 404 for it, as for
a room that does not exist. The message belongs to the participant: only they edit it; they
or an operator delete it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.workplace.models import (
    Announcement,
    Message,
    Room,
    RoomKind,
    Team,
    TeamKind,
    TeamMember,
)
from tests.matrix import Area, Endpoint

WORKPLACE = frozenset({Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT})
TEAM_A = frozenset({Role.OPERATOR, Role.PARTICIPANT})
AUTHOR = frozenset({Role.PARTICIPANT})
NOT_IN_TEAM = {"trainer": 404}

ENDPOINTS: list[Endpoint] = [
    # Pages
    Endpoint("GET", "/r/{slug}/workplace/chat/", WORKPLACE),
    Endpoint("GET", "/r/{slug}/workplace/rooms/{room}/chat/", WORKPLACE),
    Endpoint(
        "POST", "/r/{slug}/workplace/rooms/{room}/chat/", WORKPLACE, ok=302, body="page_message"
    ),
    Endpoint(
        "GET",
        "/r/{slug}/workplace/rooms/{room}/chat/",
        TEAM_A,
        alias={"room": "team_room"},
        by_caller=NOT_IN_TEAM,
    ),
    Endpoint("GET", "/r/{slug}/workplace/direct/{person}/", WORKPLACE),
    Endpoint(
        "POST", "/r/{slug}/workplace/direct/{person}/", WORKPLACE, ok=302, body="page_message"
    ),
    Endpoint("GET", "/r/{slug}/workplace/messages/search/", WORKPLACE),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/messages/{message}/delete/",
        TEAM_A,
        ok=302,
        by_caller={"trainer": 403},
    ),
    Endpoint("GET", "/r/{slug}/workplace/announcements/", WORKPLACE),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/announcements/",
        TEAM_A,
        ok=302,
        body="page_announcement",
        by_caller={"trainer": 403},
    ),
    Endpoint("GET", "/r/{slug}/workplace/announcements/{announcement}/", WORKPLACE),
    Endpoint("POST", "/r/{slug}/workplace/announcements/{announcement}/", WORKPLACE, ok=302),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/stream", WORKPLACE),
    Endpoint("GET", "/api/v1/regions/{slug}/rooms/{room}/messages", WORKPLACE),
    Endpoint(
        "GET",
        "/api/v1/regions/{slug}/rooms/{room}/messages",
        TEAM_A,
        alias={"room": "team_room"},
        by_caller=NOT_IN_TEAM,
    ),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/rooms/{room}/messages", WORKPLACE, ok=201, body="message"
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/direct/{person}/messages", WORKPLACE),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/direct/{person}/messages",
        WORKPLACE,
        ok=201,
        body="message",
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/messages/search", WORKPLACE),
    Endpoint(
        "PATCH",
        "/api/v1/regions/{slug}/messages/{message}",
        AUTHOR,
        body="message",
        by_caller={"operator": 403, "trainer": 403},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/regions/{slug}/messages/{message}",
        TEAM_A,
        by_caller={"trainer": 403},
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/announcements", WORKPLACE),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/announcements",
        TEAM_A,
        ok=201,
        body="announcement",
        by_caller={"trainer": 403},
    ),
    Endpoint("GET", "/api/v1/regions/{slug}/announcements/{announcement}", WORKPLACE),
    Endpoint("POST", "/api/v1/regions/{slug}/announcements/{announcement}/read", WORKPLACE),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """An open room and team A's room; in Koga the caller "participant" leads team A and
    wrote the message; a colleague in team A to write to directly; an announcement to all."""
    author = cast.user("participant") if region.slug == "koga" else UserFactory.create()
    colleague = UserFactory.create()
    with region_scope(region):
        team = Team.objects.create(region=region, name="チームA", kind=TeamKind.CONSULTING)
        for user, lead in ((author, True), (colleague, False)):
            TeamMember.objects.create(
                region=region, team=team, user=user, is_lead=lead, joined_on=dt.date(2026, 4, 1)
            )
        room = Room.objects.create(region=region, name="オープンオフィス", kind=RoomKind.OPEN)
        team_room = Room.objects.create(
            region=region, name="Aのへや", kind=RoomKind.TEAM, team=team
        )
        message = Message.objects.create(region=region, room=room, author=author, body="こんにちは")
        announcement = Announcement.objects.create(
            region=region, title="年末年始", body="28日まで", author=author
        )
    return {
        "room": room.pk,
        "team_room": team_room.pk,
        "team": team.pk,
        "person": colleague.pk,
        "message": message.pk,
        "announcement": announcement.pk,
    }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "message": {"body": "よろしくお願いします"},
        "page_message": {"body": "よろしくお願いします", "mention": ""},
        "announcement": {"team_id": ids["team"], "title": "定例", "body": "10時から"},
        "page_announcement": {"team": ids["team"], "title": "定例", "body": "10時から"},
    }


AREA = Area(
    name="workplace_chat",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:room_id>": "{room}",
        "<int:user_id>": "{person}",
        "<int:message_id>": "{message}",
        "<int:announcement_id>": "{announcement}",
    },
    api_parameters={"{user_id}": "{person}"},
)
