"""Reading teams and reporting lines: the list of teams, one team's members, the org chart
(a tree by manager) and a member's profile (team, manager, home municipality, skills)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from sousei.core.text import user_name
from sousei.people import selectors as people_selectors
from sousei.projects.selectors import projects as project_selectors
from sousei.training import selectors as training_selectors
from sousei.workplace.access import current_members
from sousei.workplace.models import Room, Team, TeamMember
from sousei.workplace.selectors.office import workplace_people

if TYPE_CHECKING:
    from sousei.projects.models import Assignment
    from sousei.training.models import Course, ParticipantSkill


def team_list() -> QuerySet[Team]:
    """The region's teams with the number of current members and their room (one query)."""
    return Team.objects.annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True))
    ).order_by("kind", "name", "pk")


def team_members(*, team: Team) -> list[TeamMember]:
    """A team's current members, leads first, with user and manager (one query)."""
    return list(
        current_members()
        .filter(team=team)
        .select_related("user", "manager")
        .order_by("-is_lead", "user__last_name", "user__first_name", "pk")
    )


def team_room(*, team: Team) -> Room | None:
    return Room.objects.filter(team=team, archived=False).first()


@dataclass
class ChartNode:
    """One person in the org chart, with the people they manage."""

    user_id: int
    name: str
    team: str
    title: str
    is_lead: bool
    reports: list[ChartNode] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + sum(child.size for child in self.reports)


def org_chart() -> list[ChartNode]:
    """Everyone in the workplace as a forest by manager: the roots are the people without
    a manager in the workplace (two queries). A loop in old data cannot hang it: each person
    is placed once."""
    people = workplace_people()
    places = {m.user_id: m for m in current_members()}
    nodes: dict[int, ChartNode] = {}
    for user_id, (user, team) in people.items():
        place = places.get(user_id)
        nodes[user_id] = ChartNode(
            user_id=user_id,
            name=user_name(user),
            team=team,
            title=place.title if place else "",
            is_lead=bool(place and place.is_lead),
        )
    roots: list[ChartNode] = []
    for user_id, node in nodes.items():
        place = places.get(user_id)
        manager_id = place.manager_id if place else None
        if manager_id is not None and manager_id in nodes and manager_id != user_id:
            nodes[manager_id].reports.append(node)
        else:
            roots.append(node)
    # Guard against a loop left in stored data: whatever the roots do not reach is a root.
    reached: set[int] = set()

    def walk(node: ChartNode) -> None:
        if node.user_id in reached:
            return
        reached.add(node.user_id)
        for child in node.reports:
            walk(child)

    for root in roots:
        walk(root)
    for user_id, node in nodes.items():
        if user_id not in reached:
            for other in nodes.values():
                if node in other.reports:
                    other.reports.remove(node)
            roots.append(node)
            walk(node)

    def order(items: list[ChartNode]) -> None:
        items.sort(key=lambda n: (not n.is_lead, n.team, n.name, n.user_id))
        for item in items:
            order(item.reports)

    order(roots)
    return roots


@dataclass(frozen=True)
class Profile:
    """A member's profile page: name, team and manager, where they live, what they can do."""

    user: User
    name: str
    place: TeamMember | None
    manager_name: str
    municipality_code: str
    skills: list[ParticipantSkill]
    courses: list[Course]
    assignments: list[Assignment]


def member_profile(*, user_id: int) -> Profile | None:
    """The profile of someone in the workplace; None when they are not in it."""
    people = workplace_people()
    if user_id not in people:
        return None
    user, _team = people[user_id]
    place = (
        current_members()
        .filter(user_id=user_id)
        .select_related("team", "manager", "person")
        .first()
    )
    person = place.person if place and place.person_id else None
    if person is None:
        person = people_selectors.person_of_user(user_id=user_id)
    skills: list[ParticipantSkill] = []
    courses: list[Course] = []
    assignments: list[Assignment] = []
    if person is not None:
        participant = training_selectors.participant_of_person(person_id=person.pk)
        if participant is not None:
            skills = training_selectors.skills_of_participant(participant_id=participant.pk)
            courses = training_selectors.completed_courses_of(participant_id=participant.pk)
            assignments = project_selectors.projects_of_participant(participant_id=participant.pk)
    return Profile(
        user=user,
        name=user_name(user),
        place=place,
        manager_name=user_name(place.manager) if place and place.manager else "",
        municipality_code=person.municipality_code if person else "",
        skills=skills,
        courses=courses,
        assignments=assignments,
    )


def team_room_ids() -> dict[int, int]:
    """Each team's (open) room id by team id (one query)."""
    return dict(
        Room.objects.filter(team__isnull=False, archived=False).values_list("team_id", "pk")
    )
