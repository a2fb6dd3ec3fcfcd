"""Rows the chat tests start from: a team with its room, an open room, and places in the team.
Call inside the region scope."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from sousei.core.models import Region
from sousei.workplace.models import Room, RoomKind, Team, TeamKind, TeamMember


def team(region: Region, name: str = "コンサルチーム") -> Team:
    return Team.objects.create(region=region, name=name, kind=TeamKind.CONSULTING)


def team_room(region: Region, of: Team, name: str = "チームルーム") -> Room:
    return Room.objects.create(region=region, name=name, kind=RoomKind.TEAM, team=of)


def open_room(region: Region, name: str = "オープンオフィス") -> Room:
    return Room.objects.create(region=region, name=name, kind=RoomKind.OPEN)


def member(
    region: Region, of: Team, user: User, *, lead: bool = False, manager: User | None = None
) -> TeamMember:
    return TeamMember.objects.create(
        region=region,
        team=of,
        user=user,
        is_lead=lead,
        manager=manager,
        joined_on=dt.date(2026, 4, 1),
    )
