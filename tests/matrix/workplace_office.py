"""workplace_office: the virtual office, presence, rooms, teams, org chart and profiles.

Operators and trainers use the workplace; so does whoever holds a place in one of the
region's teams — the matrix seats the caller "participant" in the team "mine". The other
members of the region (municipality, client, candidate without a team, space manager,
employer) get 403. Another team's room answers 404 to whoever may not enter it (everyone
but operators), as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.workplace.models import Room, RoomKind, TeamMember
from sousei.workplace.services.teams import team_create, team_member_add
from tests.matrix import OPERATOR, Area, Endpoint

WORKPLACE = frozenset({Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT})
NOT_THEIRS: dict[str, int] = {Role.PARTICIPANT: 404, Role.TRAINER: 404}

ENDPOINTS: list[Endpoint] = [
    # Pages
    Endpoint("GET", "/r/{slug}/workplace/", WORKPLACE),
    Endpoint("POST", "/r/{slug}/workplace/presence/", WORKPLACE, ok=302, body="page_presence"),
    Endpoint("POST", "/r/{slug}/workplace/presence/clear/", WORKPLACE, ok=302),
    Endpoint("POST", "/r/{slug}/workplace/presence/dnd/", WORKPLACE, ok=302, body="dnd"),
    Endpoint("POST", "/r/{slug}/workplace/presence/hide/", WORKPLACE, ok=302, body="hide"),
    Endpoint("GET", "/r/{slug}/workplace/rooms/", OPERATOR),
    Endpoint("POST", "/r/{slug}/workplace/rooms/", OPERATOR, ok=302, body="room"),
    Endpoint("POST", "/r/{slug}/workplace/rooms/leave/", WORKPLACE, ok=302),
    Endpoint("POST", "/r/{slug}/workplace/rooms/{room}/enter/", WORKPLACE, ok=302),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/rooms/{room}/enter/",
        OPERATOR,
        ok=302,
        alias={"room": "theirs"},
        by_caller=NOT_THEIRS,
    ),
    Endpoint("POST", "/r/{slug}/workplace/rooms/{room}/archive/", OPERATOR, ok=302),
    Endpoint("GET", "/r/{slug}/workplace/teams/", WORKPLACE),
    Endpoint("POST", "/r/{slug}/workplace/teams/", OPERATOR, ok=302, body="team"),
    Endpoint("GET", "/r/{slug}/workplace/teams/{team}/", WORKPLACE),
    Endpoint(
        "POST",
        "/r/{slug}/workplace/teams/{team}/members/{member}/manager/",
        OPERATOR,
        ok=302,
        body="manager",
    ),
    Endpoint("GET", "/r/{slug}/workplace/org/", WORKPLACE),
    Endpoint("GET", "/r/{slug}/workplace/people/{person}/", WORKPLACE),
    # API
    Endpoint("GET", "/api/v1/regions/{slug}/office", WORKPLACE),
    Endpoint("POST", "/api/v1/regions/{slug}/presence", WORKPLACE, body="presence"),
    Endpoint("POST", "/api/v1/regions/{slug}/presence/heartbeat", WORKPLACE, body="heartbeat"),
    Endpoint("POST", "/api/v1/regions/{slug}/rooms/{room}/enter", WORKPLACE),
    Endpoint(
        "POST",
        "/api/v1/regions/{slug}/rooms/{room}/enter",
        OPERATOR,
        alias={"room": "theirs"},
        by_caller=NOT_THEIRS,
    ),
    Endpoint("POST", "/api/v1/regions/{slug}/rooms/leave", WORKPLACE),
    Endpoint("GET", "/api/v1/regions/{slug}/teams", WORKPLACE),
    Endpoint("GET", "/api/v1/regions/{slug}/teams/{team}", WORKPLACE),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """The caller "participant" of the region in the team "mine" with its room; another
    team "theirs" and its room; an open room."""
    participant = cast.user("participant", region.slug)
    with region_scope(region):
        mine = team_create(region=region, actor=None, name="mine", kind="project")
        theirs = team_create(region=region, actor=None, name="theirs", kind="project")
        member: TeamMember = team_member_add(region=region, actor=None, team=mine, user=participant)
        room = Room.objects.create(region=region, name="オープンオフィス", kind=RoomKind.OPEN)
        return {
            "room": room.pk,
            "theirs": Room.objects.get(team=theirs).pk,
            "team": mine.pk,
            "member": member.pk,
            "person": participant.pk,
            "operator": cast.user("operator", region.slug).pk,
        }


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "page_presence": {"state": "busy", "status_text": "会議中", "expires": "1h"},
        "dnd": {"until": "1h"},
        "hide": {"hidden": "on"},
        "room": {"name": "会議室B", "kind": "meeting", "meeting_url": "https://meet.example.jp/b"},
        "team": {"name": "新チーム", "kind": "consulting", "description": ""},
        "manager": {f"m{ids['member']}-manager": ids["operator"]},
        "presence": {"state": "busy", "status_text": "会議中", "status_emoji": "📞"},
        "heartbeat": {"active": True},
    }


AREA = Area(
    name="workplace_office",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={
        "<int:room_id>": "{room}",
        "<int:team_id>": "{team}",
        "<int:member_id>": "{member}",
        "<int:user_id>": "{person}",
    },
    api_parameters={"{room_id}": "{room}", "{team_id}": "{team}"},
)
