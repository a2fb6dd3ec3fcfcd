"""Reading the office: the rooms a person may see, who is in each, everyone's presence as
that person sees it, who is at the shared office today and who is in a live training
session now. The rules of what presence reads as are in presence_rules (pure); here the rows
are read — a fixed number of queries whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import QuerySet

from sousei.core.access import Reader
from sousei.core.models import Membership, Region
from sousei.core.text import user_name
from sousei.spaces import selectors as space_selectors
from sousei.training import selectors as training_selectors
from sousei.workplace import presence_rules as rules
from sousei.workplace.access import WORKPLACE_STAFF, current_members, room_visible_to
from sousei.workplace.models import Presence, PresenceState, Room, TeamMember

STATE_ORDER = {state: i for i, state in enumerate(rules.STATES)}


def facts_of(row: Presence | None, *, user_id: int | None = None) -> rules.PresenceFacts:
    """The plain facts of a presence row (the defaults for someone without one)."""
    if row is None:
        return rules.PresenceFacts(user_id=user_id or 0)
    return rules.PresenceFacts(
        user_id=row.user_id,
        state=row.state,
        status_text=row.status_text,
        status_emoji=row.status_emoji,
        status_expires_at=row.status_expires_at,
        do_not_disturb_until=row.do_not_disturb_until,
        hidden=row.hidden,
        room_id=row.room_id,
        last_heartbeat_at=row.last_heartbeat_at,
        last_active_at=row.last_active_at,
    )


def initials(user: User) -> str:
    """One or two letters for an avatar: the family name's first character, and the given
    name's when the name is written in Latin letters."""
    family, given = user.last_name.strip(), user.first_name.strip()
    if family and family.isascii() and given:
        return (family[0] + given[0]).upper()
    if family:
        return family[0]
    return user.get_username()[:2].upper()


@dataclass(frozen=True)
class PersonView:
    """One person of the office as the reader sees them."""

    user_id: int
    name: str
    initials: str
    team: str
    presence: rules.SeenPresence
    is_me: bool = False

    @property
    def state_label(self) -> str:
        return str(PresenceState(self.presence.state).label)


@dataclass
class RoomView:
    room: Room
    people: list[PersonView] = field(default_factory=list)


@dataclass(frozen=True)
class AtSharedOffice:
    person: PersonView
    space: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None


@dataclass
class Office:
    """The page of who is where, for one reader at one moment."""

    rooms: list[RoomView]
    people: list[PersonView]
    me: rules.SeenPresence
    my_row: Presence | None
    at_shared_office: list[AtSharedOffice]
    in_live_session: list[PersonView]
    now: dt.datetime

    @property
    def online_outside_rooms(self) -> list[PersonView]:
        return [p for p in self.people if p.presence.online and p.presence.room_id is None]

    @property
    def offline(self) -> list[PersonView]:
        return [p for p in self.people if not p.presence.online]


def _in_live_session(region: Region, at: dt.datetime) -> list[int]:
    """The user ids of people in a live training session of the region at `at`: the
    learners who joined a session under way, and its trainer (one or two queries)."""
    seen: dict[int, None] = {}
    for entry in training_selectors.live_sessions_now(at=at):
        seen.setdefault(entry.user_id)
    return list(seen)


def workplace_people() -> dict[int, tuple[User, str]]:
    """Everyone in the region's workplace now: (user, team name) by user id — current team
    members, then operators and trainers without a team (two queries)."""
    people: dict[int, tuple[User, str]] = {}
    for member in current_members().select_related("user", "team"):
        people[member.user_id] = (member.user, member.team.name)
    staff = Membership.objects.filter(role__in=WORKPLACE_STAFF).select_related("user")
    for membership in staff:
        people.setdefault(membership.user_id, (membership.user, ""))
    return people


def presence_rows(user_ids: list[int] | None = None) -> dict[int, Presence]:
    rows: QuerySet[Presence] = Presence.objects.all()
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return {row.user_id: row for row in rows}


def presence_of(*, user_id: int, now: dt.datetime, own: bool) -> rules.SeenPresence:
    """One person's presence as seen by themselves (`own`) or anyone else."""
    row = Presence.objects.filter(user_id=user_id).first()
    return rules.presence_read(facts_of(row, user_id=user_id), now=now, own=own)


def office_read(*, region: Region, reader: Reader, now: dt.datetime) -> Office:
    """Rooms, people and where they are, as `reader` sees them at `now` (six queries)."""
    rooms = list(room_visible_to(reader))
    visible_room_ids = {room.pk for room in rooms}
    people = workplace_people()
    rows = presence_rows()
    views: dict[int, PersonView] = {}
    for user_id, (user, team) in people.items():
        own = user_id == reader.user_id
        seen = rules.presence_read(facts_of(rows.get(user_id), user_id=user_id), now=now, own=own)
        if seen.room_id is not None and seen.room_id not in visible_room_ids:
            # Someone in a room the reader may not enter: present, but not where.
            seen = rules.SeenPresence(**{**seen.__dict__, "room_id": None})
        views[user_id] = PersonView(
            user_id=user_id,
            name=user_name(user),
            initials=initials(user),
            team=team,
            presence=seen,
            is_me=own,
        )
    ordered = sorted(
        views.values(), key=lambda p: (STATE_ORDER.get(p.presence.state, 9), p.name, p.user_id)
    )
    by_room: dict[int, RoomView] = {room.pk: RoomView(room) for room in rooms}
    for person in ordered:
        if person.presence.room_id in by_room:
            by_room[person.presence.room_id].people.append(person)
    me_row = rows.get(reader.user_id)
    me = rules.presence_read(facts_of(me_row, user_id=reader.user_id), now=now, own=True)
    at_office = []
    for visit in space_selectors.checked_in_on(day=now.astimezone(rules.JST).date()):
        visitor = views.get(visit.user_id)
        row = rows.get(visit.user_id)
        # Hidden people are not shown anywhere, the shared office included.
        if visitor is None or (row is not None and row.hidden and not visitor.is_me):
            continue
        at_office.append(
            AtSharedOffice(visitor, visit.space, visit.checked_in_at, visit.checked_out_at)
        )
    live = [
        views[uid]
        for uid in _in_live_session(region, now)
        if uid in views and (views[uid].is_me or not (uid in rows and rows[uid].hidden))
    ]
    return Office(
        rooms=list(by_room.values()),
        people=ordered,
        me=me,
        my_row=me_row,
        at_shared_office=at_office,
        in_live_session=live,
        now=now,
    )


def team_of(*, user_id: int) -> TeamMember | None:
    """A person's current place in a team, with team and manager."""
    return (
        current_members().filter(user_id=user_id).select_related("team", "manager", "person")
    ).first()


def rooms_for_admin() -> list[Room]:
    """Every room of the region, archived last, with its team (operators' rooms page)."""
    return list(Room.objects.select_related("team").order_by("archived", "position", "pk"))
