"""Who uses a region's workplace, and which rooms they may enter and read.

The workplace is the virtual organisation of the program's working people: the operator's
staff and trainers, and everyone with a current place in one of the region's teams
(location-free hires, participants on a client project). The municipality, client
companies, space managers and candidates without a team have no part in it: a member of the
region whose roles do not let them in gets 403, someone without a role in the region 404
(as every region URL, `core.access`).

Rooms: the open office, meeting and focus rooms are open to everyone in the workplace; a team
room only to the team's current members and to operators. Another team's room answers 404,
exactly as a room that does not exist. `room_visible_to` is the one queryset of the rooms a
person may enter and whose messages they may read; chat uses it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

from sousei.core.access import NotAuthenticated, Reader, region_reader, resolve_region
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.workplace.models import Room, Team, TeamMember

#: Roles that use the workplace whether or not they are in a team.
WORKPLACE_STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
#: Roles that administer teams and rooms, and enter every room.
WORKPLACE_ADMINS = frozenset({Role.OPERATOR})
ALL_ROLES = frozenset(Role.values)


def current_members() -> QuerySet[TeamMember]:
    """Team places held now (not left), in the current region."""
    return TeamMember.objects.filter(left_on__isnull=True)


def in_a_team(user_id: int) -> bool:
    return current_members().filter(user_id=user_id).exists()


def uses_workplace(reader: Reader) -> bool:
    """Staff and trainers always; others while they hold a place in one of the teams."""
    return reader.has_any(WORKPLACE_STAFF) or in_a_team(reader.user_id)


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


@contextmanager
def workplace_admin_context(request: HttpRequest, slug: str) -> Iterator[tuple[Region, Reader]]:
    """As workplace_context, for operators only (403 for the others)."""
    region = resolve_region(request, slug, roles=WORKPLACE_ADMINS)
    request.region = region  # type: ignore[attr-defined]
    with region_scope(region):
        yield region, region_reader(request, region)


def workplace_view(
    *, admin: bool = False
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Decorate a page `view(request, region, reader, **kwargs)` under /r/<slug>/workplace/."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
            enter = workplace_admin_context if admin else workplace_context
            try:
                with enter(request, slug) as (region, reader):
                    return view(request, region, reader, **kwargs)
            except NotAuthenticated:
                return redirect_to_login(request.get_full_path())

        return wrapper

    return decorate


def room_visible_to(reader: Reader, *, include_archived: bool = False) -> QuerySet[Room]:
    """The rooms `reader` may enter and whose messages they may read, in the current region.

    Operators: every room. Everyone else in the workplace: the open, meeting and focus rooms,
    and the team room of the team they belong to now. Archived rooms are left out unless
    `include_archived` (their messages stay readable to the same people). Use it inside the
    region scope, with the reader of `workplace_context`; a room outside it answers 404.
    """
    rooms = Room.objects.all()
    if not include_archived:
        rooms = rooms.filter(archived=False)
    if is_workplace_admin(reader):
        return rooms
    mine = current_members().filter(team_id=OuterRef("team_id"), user_id=reader.user_id)
    return rooms.filter(Q(team__isnull=True) | Q(Exists(mine)))


def room_visible(reader: Reader, room_id: int, *, include_archived: bool = False) -> Room:
    """The room if `reader` may enter it; 404 otherwise (another team's room, or none)."""
    room = room_visible_to(reader, include_archived=include_archived).filter(pk=room_id).first()
    if room is None:
        raise Http404("No such room.")
    return room


def team_visible(reader: Reader, team_id: int) -> Team:
    """Everyone in the workplace sees every team of the region (names, members, managers)."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team.")
    return team


def rooms_readable(reader: Reader) -> QuerySet[Room]:
    """The rooms whose messages `reader` may read: those they may enter, archived ones too
    (an archived room's history stays readable to the people who were in it)."""
    return room_visible_to(reader, include_archived=True)
