"""Teams, places and presence rows for workplace tests (through the services where a test is
not about them). Call inside `region_scope(region)`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from sousei.core.models import Region
from sousei.workplace.models import Presence, Room, RoomKind, Team, TeamKind, TeamMember
from sousei.workplace.services.teams import team_create, team_member_add


def team(region: Region, name: str = "開発チーム", kind: str = TeamKind.CONSULTING) -> Team:
    return team_create(region=region, actor=None, name=name, kind=kind)


def seat(
    region: Region, user: User, on: Team | None = None, *, manager: User | None = None
) -> TeamMember:
    """Give `user` a place in `on` (a new team by default) from 2026-12-01."""
    return team_member_add(
        region=region,
        actor=None,
        team=on or team(region),
        user=user,
        joined_on=dt.date(2026, 12, 1),
        manager_id=manager.pk if manager else None,
    )


def open_room(region: Region, name: str = "オープンオフィス") -> Room:
    return Room.objects.create(region=region, name=name, kind=RoomKind.OPEN)


def room_of(team_: Team) -> Room:
    return Room.objects.get(team=team_)


def presence(region: Region, user: User, **fields: object) -> Presence:
    row, _created = Presence.objects.update_or_create(region=region, user=user, defaults=fields)
    return row
