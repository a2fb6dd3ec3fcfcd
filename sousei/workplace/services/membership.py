"""Places in teams that follow from what happens elsewhere (domain events, subscribed in
`WorkplaceConfig.ready()`):

- `assignment.started`: the participant joins the project's team (created on first need,
  kind project, with its team room) from the assignment's start; their manager is the
  team's lead, or else the operator who created the project.
- `employee.created`: the hire joins the region's consulting team (created on first need)
  from their start date; their manager is the team's lead.

The handlers run in the publisher's transaction (core.domain_events), so the place exists
exactly when the assignment or employee record does. Someone already in another team moves
(their old place ends the day the new one begins).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from sousei.core.domain_events import DomainEvent
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.hiring import selectors as hiring_selectors
from sousei.projects.selectors import projects as project_selectors
from sousei.training import selectors as training_selectors
from sousei.workplace.models import Team, TeamKind, TeamMember
from sousei.workplace.services.teams import team_create, team_member_add

#: The name of the team every location-free hire joins, when the region has none yet.
CONSULTING_TEAM_NAME = "コンサルティングチーム"


def _lead_of(team: Team) -> int | None:
    return (
        TeamMember.objects.filter(team=team, is_lead=True, left_on__isnull=True)
        .order_by("joined_on", "pk")
        .values_list("user_id", flat=True)
        .first()
    )


def _operator(region: Region, user: User | None) -> int | None:
    if user is None:
        return None
    held = Membership.objects.filter(region=region, user=user, role=Role.OPERATOR).exists()
    return user.pk if held else None


def _free_name(name: str) -> str:
    """The team name, numbered if another team already has it."""
    name = name[:70]
    if not Team.objects.filter(name=name).exists():
        return name
    number = 2
    while Team.objects.filter(name=f"{name} ({number})").exists():
        number += 1
    return f"{name} ({number})"


def project_team_for(*, region: Region, project_id: int) -> Team | None:
    """The project's team, created with its room on first need."""
    team = Team.objects.filter(project_id=project_id, kind=TeamKind.PROJECT).first()
    if team is not None:
        return team
    project = project_selectors.project_for_team(project_id=project_id)
    if project is None:
        return None
    return team_create(
        region=region,
        actor=None,
        name=_free_name(project.title),
        kind=TeamKind.PROJECT,
        description=_("Team of the client project"),
        project_id=project.pk,
    )


def consulting_team_for(*, region: Region) -> Team:
    """The region's consulting team (the first one), created with its room on first need."""
    team = Team.objects.filter(kind=TeamKind.CONSULTING).order_by("pk").first()
    if team is not None:
        return team
    return team_create(
        region=region,
        actor=None,
        name=_free_name(CONSULTING_TEAM_NAME),
        kind=TeamKind.CONSULTING,
    )


def on_assignment_started(event: DomainEvent) -> None:
    """The participant of a new assignment joins the project's team."""
    region = Region.objects.get(pk=event.region_id)
    with region_scope(region):
        participant = training_selectors.participant_get(
            participant_id=int(event.payload["participant_id"])
        )
        if participant is None or participant.person.user_id is None:
            # No sign-in account: no one to seat in the office.
            return
        team = project_team_for(region=region, project_id=int(event.payload["project_id"]))
        if team is None:
            return
        project = project_selectors.project_for_team(project_id=int(event.payload["project_id"]))
        user = participant.person.user
        assert user is not None
        manager_id = _lead_of(team) or _operator(region, project.created_by if project else None)
        if manager_id == user.pk:
            manager_id = None
        team_member_add(
            region=region,
            actor=None,
            team=team,
            user=user,
            joined_on=dt.date.fromisoformat(str(event.payload["starts_on"])),
            manager_id=manager_id,
            person_id=participant.person_id,
            move=True,
        )


def on_employee_created(event: DomainEvent) -> None:
    """A new hire joins the region's consulting team from their start date."""
    region = Region.objects.get(pk=event.region_id)
    with region_scope(region):
        employee = hiring_selectors.employee_get(employee_id=int(event.payload["employee_id"]))
        if employee is None or employee.user is None:
            return
        team = consulting_team_for(region=region)
        manager_id = _lead_of(team)
        if manager_id == employee.user_id:
            manager_id = None
        team_member_add(
            region=region,
            actor=None,
            team=team,
            user=employee.user,
            joined_on=employee.start_date,
            manager_id=manager_id,
            person_id=employee.person_id,
            title=employee.opening.title[:80],
            move=True,
        )
