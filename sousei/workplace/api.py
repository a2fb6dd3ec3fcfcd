"""Workplace endpoints: the office (rooms, who is where, everyone's presence), one's own
presence and heartbeat, entering and leaving rooms, teams.

Who may: operators and trainers, and anyone with a current place in a team of the region
(403 for the region's other members, 404 without a role there). Another team's room answers
404. Chat and announcements have their own router (api_chat.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from sousei.core import clock
from sousei.core.access import signed_in_user
from sousei.core.bounds import Id, Slug
from sousei.core.http import signed_in
from sousei.core.schemas import ErrorOut
from sousei.core.text import user_name
from sousei.workplace import presence_rules as rules
from sousei.workplace.access import room_visible, team_visible, workplace_context
from sousei.workplace.schemas.office import (
    HeartbeatIn,
    MyPresenceOut,
    OfficeOut,
    PresenceIn,
    TeamDetailOut,
    TeamOut,
)
from sousei.workplace.selectors import office as office_selectors
from sousei.workplace.selectors import teams as team_selectors
from sousei.workplace.services import presence as presence_services

router = Router(tags=["workplace"])
REFUSALS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut}


def _local(moment: Any) -> Any:
    return timezone.localtime(moment) if moment is not None else None


def office_body(office: office_selectors.Office) -> dict[str, Any]:
    """The office as the API (and the page's script) reads it."""
    row = office.my_row
    return {
        "at": _local(office.now),
        "rooms": [
            {
                "id": rv.room.pk,
                "name": rv.room.name,
                "kind": rv.room.kind,
                "team_id": rv.room.team_id,
                "meeting_url": rv.room.meeting_url,
                "capacity": rv.room.capacity,
                "people": [p.user_id for p in rv.people],
            }
            for rv in office.rooms
        ],
        "people": [
            {
                "user_id": p.user_id,
                "name": p.name,
                "initials": p.initials,
                "team": p.team,
                "state": p.presence.state,
                "status_text": p.presence.status_text,
                "status_emoji": p.presence.status_emoji,
                "expires_at": _local(p.presence.status_expires_at),
                "do_not_disturb": p.presence.do_not_disturb,
                "room_id": p.presence.room_id,
            }
            for p in office.people
        ],
        "at_shared_office": [
            {
                "user_id": v.person.user_id,
                "name": v.person.name,
                "space": v.space,
                "checked_in_at": _local(v.checked_in_at),
                "checked_out_at": _local(v.checked_out_at),
            }
            for v in office.at_shared_office
        ],
        "in_live_session": [p.user_id for p in office.in_live_session],
        "me": {
            "state": office.me.state,
            "chosen_state": row.state if row else rules.AVAILABLE,
            "status_text": office.me.status_text,
            "status_emoji": office.me.status_emoji,
            "expires_at": _local(office.me.status_expires_at),
            "do_not_disturb_until": _local(office.me.do_not_disturb_until),
            "hidden": bool(row and row.hidden),
            "room_id": office.me.room_id,
        },
    }


def _my_presence(request: HttpRequest) -> dict[str, Any]:
    user = signed_in_user(request)
    row = office_selectors.presence_rows([user.pk]).get(user.pk)
    seen = rules.presence_read(
        office_selectors.facts_of(row, user_id=user.pk), now=clock.now(), own=True
    )
    return {
        "state": seen.state,
        "chosen_state": row.state if row else rules.AVAILABLE,
        "status_text": seen.status_text,
        "status_emoji": seen.status_emoji,
        "expires_at": _local(seen.status_expires_at),
        "do_not_disturb_until": _local(seen.do_not_disturb_until),
        "hidden": bool(row and row.hidden),
        "room_id": seen.room_id,
    }


@router.get(
    "/regions/{slug}/office",
    auth=signed_in,
    response={200: OfficeOut, **REFUSALS},
    summary="The virtual office: rooms, who is in each, everyone's presence",
    description=(
        "Presence is read now: offline 140 s after the last heartbeat, away after 5 minutes "
        "without activity, an expired status reads as cleared, a hidden person reads as "
        "offline with no room and no status. Another team's room is not listed."
    ),
)
def office(request: HttpRequest, slug: Slug):
    with workplace_context(request, slug) as (region, reader):
        return office_body(
            office_selectors.office_read(region=region, reader=reader, now=clock.now())
        )


@router.post(
    "/regions/{slug}/presence",
    auth=signed_in,
    response={200: MyPresenceOut, 422: ErrorOut, **REFUSALS},
    summary="Set one's state and status (with the time it clears by itself)",
    description="422 when `expires_at` has passed or lies more than a year ahead.",
)
def presence_set(request: HttpRequest, slug: Slug, payload: PresenceIn):
    with workplace_context(request, slug) as (region, _reader):
        presence_services.presence_set(
            region=region,
            user=signed_in_user(request),
            state=payload.state,
            status_text=payload.status_text,
            status_emoji=payload.status_emoji,
            expires_at=payload.expires_at,
        )
        return _my_presence(request)


@router.post(
    "/regions/{slug}/presence/heartbeat",
    auth=signed_in,
    response={200: MyPresenceOut, **REFUSALS},
    summary="The page's heartbeat every 50 s: active or idle",
)
def presence_heartbeat(request: HttpRequest, slug: Slug, payload: HeartbeatIn):
    with workplace_context(request, slug) as (region, _reader):
        presence_services.presence_heartbeat(
            region=region, user=signed_in_user(request), active=payload.active
        )
        return _my_presence(request)


@router.post(
    "/regions/{slug}/rooms/{room_id}/enter",
    auth=signed_in,
    response={200: MyPresenceOut, 422: ErrorOut, **REFUSALS},
    summary="Enter a room (another team's room: 404)",
)
def room_enter(request: HttpRequest, slug: Slug, room_id: Id):
    with workplace_context(request, slug) as (region, reader):
        room = room_visible(reader, room_id)
        presence_services.room_enter(region=region, user=signed_in_user(request), room=room)
        return _my_presence(request)


@router.post(
    "/regions/{slug}/rooms/leave",
    auth=signed_in,
    response={200: MyPresenceOut, **REFUSALS},
    summary="Leave the room one is in",
)
def room_leave(request: HttpRequest, slug: Slug):
    with workplace_context(request, slug) as (region, _reader):
        presence_services.room_leave(region=region, user=signed_in_user(request))
        return _my_presence(request)


def team_body(team: Any, room_id: int | None) -> dict[str, Any]:
    return {
        "id": team.pk,
        "name": team.name,
        "kind": team.kind,
        "description": team.description,
        "member_count": getattr(team, "member_count", 0),
        "room_id": room_id,
    }


@router.get(
    "/regions/{slug}/teams",
    auth=signed_in,
    response={200: list[TeamOut], **REFUSALS},
    summary="The region's teams",
)
def team_list(request: HttpRequest, slug: Slug):
    with workplace_context(request, slug):
        teams = list(team_selectors.team_list())
        rooms = team_selectors.team_room_ids()
        return [team_body(team, rooms.get(team.pk)) for team in teams]


@router.get(
    "/regions/{slug}/teams/{team_id}",
    auth=signed_in,
    response={200: TeamDetailOut, **REFUSALS},
    summary="A team with its current members and their managers",
)
def team_detail(request: HttpRequest, slug: Slug, team_id: Id):
    with workplace_context(request, slug) as (_region, reader):
        team = team_visible(reader, team_id)
        members = team_selectors.team_members(team=team)
        room = team_selectors.team_room(team=team)
        body = team_body(team, room.pk if room else None)
        body["member_count"] = len(members)
        body["members"] = [
            {
                "id": m.pk,
                "user_id": m.user_id,
                "name": user_name(m.user),
                "title": m.title,
                "is_lead": m.is_lead,
                "manager_id": m.manager_id,
                "manager": user_name(m.manager) if m.manager else "",
                "joined_on": m.joined_on,
            }
            for m in members
        ]
        return body
