"""Who uses the region's workplace and which rooms they may read — chat's own copy of the
rule until the office's `sousei.workplace.access` is merged (same names and signatures, so
the merge replaces this module's imports with that one's and deletes it).

The rule: operators and trainers use the workplace; anyone else while they hold a current
place in one of the region's teams. Open, meeting and focus rooms are open to everyone in
the workplace; a team room only to the team's current members and to operators. Another
team's room answers 404, exactly like a room that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from sousei.core.access import Reader, region_reader, resolve_region
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.workplace.models import Room, TeamMember

WORKPLACE_STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
WORKPLACE_ADMINS = frozenset({Role.OPERATOR})
ALL_ROLES = frozenset(Role.values)


def current_members() -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(left_on__isnull=True)


def uses_workplace(reader: Reader) -> bool:
    return (
        reader.has_any(WORKPLACE_STAFF) or current_members().filter(user_id=reader.user_id).exists()
    )


def is_workplace_admin(reader: Reader) -> bool:
    return reader.has_any(WORKPLACE_ADMINS)


@contextmanager
def workplace_context(request: HttpRequest, slug: str) -> Iterator[tuple[Region, Reader]]:
    """Enter the region's workplace: 404 without a role in the region, 403 for a member of
    the region who is neither staff nor in a team."""
    region = resolve_region(request, slug, roles=ALL_ROLES)
    request.region = region  # type: ignore[attr-defined]
    with region_scope(region):
        reader = region_reader(request, region)
        if not uses_workplace(reader):
            raise PermissionDenied
        yield region, reader


def room_visible_to(reader: Reader, *, include_archived: bool = False) -> QuerySet[Room]:
    """The rooms `reader` may enter and read, in the current region."""
    rooms = Room.objects.all()
    if not include_archived:
        rooms = rooms.filter(archived=False)
    if is_workplace_admin(reader):
        return rooms
    mine = current_members().filter(team_id=OuterRef("team_id"), user_id=reader.user_id)
    return rooms.filter(Q(team__isnull=True) | Q(Exists(mine)))


def _rooms_of(reader: Reader) -> QuerySet[Room]:
    """The rooms whose messages `reader` may read (archived ones too: their history stays)."""
    return room_visible_to(reader, include_archived=True)


def room_visible(reader: Reader, room_id: int, *, include_archived: bool = False) -> Room:
    room = room_visible_to(reader, include_archived=include_archived).filter(pk=room_id).first()
    if room is None:
        raise Http404("No such room.")
    return room
