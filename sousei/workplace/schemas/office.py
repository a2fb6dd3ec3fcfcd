"""API schemas of the office, presence and teams."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from sousei.core.bounds import Moment, text

StateIn = text(20)


class PresenceOut(Schema):
    user_id: int
    name: str = Field(description="Family name first")
    initials: str
    team: str
    state: str = Field(description="available | busy | in_meeting | away | offline")
    status_text: str
    status_emoji: str
    expires_at: dt.datetime | None = Field(description="When the status clears by itself")
    do_not_disturb: bool
    room_id: int | None


class RoomOut(Schema):
    id: int
    name: str
    kind: str = Field(description="open | team | meeting | focus")
    team_id: int | None
    meeting_url: str
    capacity: int | None
    people: list[int] = Field(description="User ids of the people in the room")


class SharedOfficeOut(Schema):
    user_id: int
    name: str
    space: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None


class MyPresenceOut(Schema):
    state: str
    chosen_state: str = Field(description="The state chosen, before inactivity is applied")
    status_text: str
    status_emoji: str
    expires_at: dt.datetime | None
    do_not_disturb_until: dt.datetime | None
    hidden: bool
    room_id: int | None


class OfficeOut(Schema):
    at: dt.datetime
    rooms: list[RoomOut]
    people: list[PresenceOut]
    at_shared_office: list[SharedOfficeOut]
    in_live_session: list[int] = Field(description="User ids studying in a live session now")
    me: MyPresenceOut


class PresenceIn(Schema):
    state: StateIn = Field(description="available | busy | in_meeting | away")  # type: ignore[valid-type]
    status_text: text(60) = ""  # type: ignore[valid-type]
    status_emoji: text(16) = ""  # type: ignore[valid-type]
    expires_at: Moment | None = Field(
        None,
        description="When the status clears (within a year from now); null: when cleared",
    )


class HeartbeatIn(Schema):
    active: bool = Field(description="The person used the page since the last beat")


class TeamMemberOut(Schema):
    id: int
    user_id: int
    name: str
    title: str
    is_lead: bool
    manager_id: int | None
    manager: str
    joined_on: dt.date


class TeamOut(Schema):
    id: int
    name: str
    kind: str = Field(description="consulting | project | staff")
    description: str
    member_count: int
    room_id: int | None


class TeamDetailOut(TeamOut):
    members: list[TeamMemberOut]
