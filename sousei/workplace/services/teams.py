"""Teams and reporting lines: create a team (with its team room), add and remove members,
set a member's manager and the team lead. Operators do this; every change is audited.

A person holds one place in one team at a time in a region (a database constraint); moving
them ends the old place on the day the new one begins, so the past reporting lines stay
readable. A manager is never the member themselves, and the manager chain never loops.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.workplace import events
from sousei.workplace.models import Presence, Room, RoomKind, Team, TeamKind, TeamMember

ROOM_NAME_MAX = 60
# The longest manager chain looked at for a loop: deeper than any real organisation.
CHAIN_MAX = 200


def _room_name_for(name: str) -> str:
    """A free room name for a team's room: the team's name, numbered if taken."""
    base = name[:ROOM_NAME_MAX]
    taken = set(Room.objects.filter(name__startswith=base[:50]).values_list("name", flat=True))
    if base not in taken:
        return base
    for number in range(2, 1000):
        suffix = f" ({number})"
        candidate = base[: ROOM_NAME_MAX - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise Conflict(_("Too many rooms share the name “%(name)s”. Choose another."), name=name)


def team_create(
    *,
    region: Region,
    actor: User | None,
    name: str,
    kind: str,
    description: str = "",
    project_id: int | None = None,
) -> Team:
    """A team and its team room. 409 when the region already has a team of that name."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": ValidationError(_("Enter the team's name."), "required")})
    if kind not in TeamKind.values:
        raise ValidationError({"kind": ValidationError(_("Choose the kind of team."), "choice")})
    with transaction.atomic():
        if Team.objects.filter(name=name).exists():
            raise Conflict(
                _("A team named “%(name)s” already exists. Choose another name."), name=name
            )
        team = Team.objects.create(
            region=region,
            name=name,
            kind=kind,
            description=description.strip(),
            project_id=project_id,
        )
        last = Room.objects.order_by("-position").values_list("position", flat=True).first()
        room = Room.objects.create(
            region=region,
            name=_room_name_for(name),
            kind=RoomKind.TEAM,
            team=team,
            position=min((last or 0) + 1, 32000),
        )
        audit_record(
            region=region,
            actor=actor,
            action="team.create",
            obj=team,
            changes={"name": name, "kind": kind, "room_id": room.pk, "project_id": project_id},
        )
        events.office_changed(region, "rooms", {"team_id": team.pk, "room_id": room.pk})
    return team


def _manager_check(*, user_id: int, manager_id: int | None) -> None:
    """Refuse a manager who is the member, or whose own chain of managers leads back to the
    member (that would make the member their own manager's manager)."""
    if manager_id is None:
        return
    if manager_id == user_id:
        raise ValidationError(
            {"manager": ValidationError(_("A member cannot be their own manager."), "self")}
        )
    managers = dict(current_managers())
    seen: set[int] = set()
    step: int | None = manager_id
    while step is not None and step not in seen and len(seen) < CHAIN_MAX:
        if step == user_id:
            raise ValidationError(
                {
                    "manager": ValidationError(
                        _(
                            "This would make a loop in the reporting lines: the member already "
                            "manages this manager (directly or through others). Choose another "
                            "manager."
                        ),
                        "cycle",
                    )
                }
            )
        seen.add(step)
        step = managers.get(step)


def current_managers() -> list[tuple[int, int]]:
    """(member user id, manager user id) of every current place with a manager."""
    return list(
        TeamMember.objects.filter(left_on__isnull=True, manager__isnull=False).values_list(
            "user_id", "manager_id"
        )
    )


def team_member_add(
    *,
    region: Region,
    actor: User | None,
    team: Team,
    user: User,
    joined_on: dt.date | None = None,
    manager_id: int | None = None,
    is_lead: bool = False,
    title: str = "",
    person_id: int | None = None,
    move: bool = False,
) -> TeamMember:
    """Give `user` a place in `team` from `joined_on` (today by default).

    Someone already in another team: 409, unless `move`, which ends that place on the day
    the new one begins. Someone already in this team keeps their place (returned as is)."""
    joined_on = joined_on or clock.today()
    with transaction.atomic():
        current = TeamMember.objects.select_for_update().filter(user=user, left_on__isnull=True)
        held = current.select_related("team").first()
        if held is not None and held.team_id == team.pk:
            return held
        if held is not None and not move:
            raise Conflict(
                _("%(name)s is in the team “%(team)s”. Remove them from it first, or move them."),
                name=user.get_username(),
                team=held.team.name,
            )
        _manager_check(user_id=user.pk, manager_id=manager_id)
        if held is not None:
            _member_end(region=region, actor=actor, member=held, left_on=joined_on)
        member = TeamMember.objects.create(
            region=region,
            team=team,
            user=user,
            person_id=person_id,
            is_lead=is_lead,
            manager_id=manager_id,
            title=title.strip()[:80],
            joined_on=joined_on,
        )
        audit_record(
            region=region,
            actor=actor,
            action="team.member_add",
            obj=member,
            changes={
                "team_id": team.pk,
                "user_id": user.pk,
                "manager_id": manager_id,
                "is_lead": is_lead,
                "joined_on": joined_on.isoformat(),
            },
        )
        events.office_changed(region, "rooms", {"team_id": team.pk, "user_id": user.pk})
    return member


def _member_end(
    *, region: Region, actor: User | None, member: TeamMember, left_on: dt.date
) -> None:
    member.left_on = max(left_on, member.joined_on)
    member.save(update_fields=["left_on"])
    # Leaving the team is leaving its room.
    Presence.objects.filter(user_id=member.user_id, room__team_id=member.team_id).update(room=None)
    audit_record(
        region=region,
        actor=actor,
        action="team.member_remove",
        obj=member,
        changes={"team_id": member.team_id, "left_on": member.left_on.isoformat()},
    )


def team_member_remove(
    *, region: Region, actor: User | None, member_id: int, left_on: dt.date | None = None
) -> TeamMember:
    """End a member's place in their team (today by default); the row stays for history."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().filter(pk=member_id).first()
        if member is None:
            raise Http404("No such team member.")
        if member.left_on is not None:
            raise Conflict(_("This member already left the team."))
        _member_end(region=region, actor=actor, member=member, left_on=left_on or clock.today())
        events.office_changed(region, "rooms", {"team_id": member.team_id})
    return member


def team_member_manager_set(
    *,
    region: Region,
    actor: User | None,
    member_id: int,
    manager_id: int | None,
    team_id: int | None = None,
) -> TeamMember:
    """Set (or clear, with None) the manager of a current member (of `team_id`, when given):
    never themselves, never a loop in the chain of managers."""
    with transaction.atomic():
        members = TeamMember.objects.select_for_update().filter(pk=member_id, left_on__isnull=True)
        if team_id is not None:
            members = members.filter(team_id=team_id)
        member = members.first()
        if member is None:
            raise Conflict(_("This person is not a current member of the team."))
        _manager_check(user_id=member.user_id, manager_id=manager_id)
        before = member.manager_id
        member.manager_id = manager_id
        member.save(update_fields=["manager"])
        audit_record(
            region=region,
            actor=actor,
            action="team.manager_set",
            obj=member,
            changes={"manager_id": [before, manager_id]},
        )
    return member


def team_member_lead_set(
    *, region: Region, actor: User | None, member_id: int, is_lead: bool
) -> TeamMember:
    """Mark a current member as a lead of their team, or not."""
    with transaction.atomic():
        member = (
            TeamMember.objects.select_for_update().filter(pk=member_id, left_on__isnull=True)
        ).first()
        if member is None:
            raise Conflict(_("This person is not a current member of the team."))
        member.is_lead = is_lead
        member.save(update_fields=["is_lead"])
        audit_record(
            region=region,
            actor=actor,
            action="team.lead_set",
            obj=member,
            changes={"is_lead": is_lead},
        )
    return member
