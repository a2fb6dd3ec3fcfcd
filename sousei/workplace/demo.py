"""The workplace part of the demo scenario (`sousei seed-demo`): Koga's virtual office.

- the program staff team (the operator leads, the trainer reports to them);
- the consulting team of location-free hires (the hiring demo's employees), with a lead;
- the project team of a client project's participants (the staffing demo's assignments);
- an open office, a meeting room with its video link and a focus room, people in them with
  statuses: one status clears a few minutes after seeding, one person is hidden, one is on
  do-not-disturb.

Most of the demo's colleagues have no sign-in account and no browser, so they cannot send
heartbeats; the seed stamps their heartbeat and activity DEMO_ONLINE_HOURS ahead, so they
read as online for the length of a demo session (a real browser's heartbeat would be now).
Hires and participants without an account get one (no password: nobody signs in as them),
named after their person record.

Then (`seed_onboarding_and_one_on_ones`, after the replayed history): the onboarding
checklists (started by themselves when the other demos hired people and staffed projects) get
the history they would have had. Whoever started more than a few weeks ago went through their
onboarding: each step was ticked off by its owner on the day it was due. Only the newest of
them still has its last step open, one overdue step for the office to chase. Recent and
upcoming onboardings stay open, with the office's steps due by today done. And the demo
participant's manager has a weekly 1-on-1 with them, held twice already, whose open topic and
overdue action carry forward.

Teams made by the domain events while the other apps seeded (a project's team, the
consulting team) are reused. Idempotent: nothing is added once the staff team exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from sousei.core import clock
from sousei.core.models import Region
from sousei.hiring import selectors as hiring_selectors
from sousei.projects.demo import moment_on
from sousei.projects.selectors import projects as project_selectors
from sousei.workplace.models import (
    ItemOwner,
    OnboardingChecklist,
    OnboardingItem,
    OneOnOneSeries,
    Presence,
    Room,
    RoomKind,
    Team,
    TeamKind,
    TeamMember,
)
from sousei.workplace.selectors.people import manager_of
from sousei.workplace.services import membership
from sousei.workplace.services import presence as presence_services
from sousei.workplace.services.onboarding import onboarding_item_set
from sousei.workplace.services.one_on_ones import (
    SeriesInput,
    action_item_add,
    agenda_item_add,
    agenda_item_set,
    current_meeting,
    notes_save,
    one_on_one_create,
    one_on_one_hold,
)
from sousei.workplace.services.teams import team_create, team_member_add

if TYPE_CHECKING:
    from sousei.people.models import Person

STAFF_TEAM = "運営スタッフ"
DEMO_ONLINE_HOURS = 8
ROOMS = [
    ("オープンオフィス", RoomKind.OPEN, "", None),
    ("会議室A", RoomKind.MEETING, "https://meet.example.jp/koga-a", 8),
    ("集中ルーム", RoomKind.FOCUS, "", 4),
]
# (status emoji, status text, state) handed out in order to the seated colleagues.
STATUSES = [
    ("💻", "請求書処理ロボの改修中", "busy"),
    ("📞", "客先と打ち合わせ", "in_meeting"),
    ("🍱", "昼休み（まもなく戻ります）", "available"),
    ("🏠", "在宅・午後は集中", "available"),
    ("📚", "UiPath研修の復習", "available"),
]


@dataclass(frozen=True)
class WorkplaceSummary:
    region: str
    teams: int
    members: int
    in_rooms: int

    def line(self) -> str:
        return (
            f"  {self.region} workplace: {self.teams} teams, {self.members} members, "
            f"{self.in_rooms} people in rooms"
        )


def _account_for(person: Person | None, username: str) -> User | None:
    if person is None:
        return None
    if person.user_id is not None:
        return person.user
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"last_name": person.family_name, "first_name": person.given_name},
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _seat(region: Region, team: Team, user: User, **fields: object) -> TeamMember | None:
    if TeamMember.objects.filter(user=user, left_on__isnull=True).exists():
        return TeamMember.objects.filter(user=user, left_on__isnull=True).first()
    return team_member_add(
        region=region,
        actor=None,
        team=team,
        user=user,
        joined_on=clock.today() - dt.timedelta(days=30),
        **fields,  # type: ignore[arg-type]
    )


def seed_workplace(
    *, region: Region, operator: User, trainer: User, participant: User
) -> WorkplaceSummary:
    """Seed Koga's virtual office (inside its region scope); other regions get nothing."""
    if region.slug != "koga" or Team.objects.filter(name=STAFF_TEAM).exists():
        return WorkplaceSummary(region.slug, Team.objects.count(), 0, 0)
    staff = team_create(region=region, actor=operator, name=STAFF_TEAM, kind=TeamKind.STAFF)
    _seat(region, staff, operator, is_lead=True, title="プログラム責任者")
    _seat(region, staff, trainer, manager_id=operator.pk, title="研修講師")

    consulting = membership.consulting_team_for(region=region)
    hires = [
        user
        for employee in hiring_selectors.employees_all()
        if (user := _account_for(employee.person, f"hire-{region.slug}-{employee.pk}"))
    ]
    lead: User | None = None
    for index, user in enumerate(hires):
        if index == 0:
            lead = user
            place = _seat(region, consulting, user, is_lead=True, manager_id=operator.pk)
        else:
            place = _seat(region, consulting, user, manager_id=lead.pk if lead else None)
        if place is not None and place.team_id == consulting.pk and not place.title:
            place.title = "コンサルタント"
            place.save(update_fields=["title"])

    project_people: list[User] = []
    assignments = project_selectors.active_assignments()
    if assignments:
        project_id = assignments[0].project_id
        team = membership.project_team_for(region=region, project_id=project_id)
        for assignment in (a for a in assignments if a.project_id == project_id):
            person = assignment.participant.person
            user = _account_for(person, f"member-{region.slug}-{assignment.participant_id}")
            if team is not None and user is not None:
                _seat(region, team, user, manager_id=operator.pk)
                project_people.append(user)
        if team is not None and not project_people:
            _seat(region, team, participant, manager_id=operator.pk)
            project_people.append(participant)
    if not TeamMember.objects.filter(user=participant, left_on__isnull=True).exists():
        team = Team.objects.filter(kind=TeamKind.PROJECT).first() or consulting
        _seat(region, team, participant, manager_id=operator.pk)

    rooms = []
    for name, kind, url, capacity in ROOMS:
        room, _created = Room.objects.get_or_create(
            region=region,
            name=name,
            defaults={"kind": kind, "meeting_url": url, "capacity": capacity},
        )
        rooms.append(room)
    in_rooms = _presence(region, [*hires, *project_people], rooms)
    return WorkplaceSummary(
        region.slug,
        Team.objects.count(),
        TeamMember.objects.filter(left_on__isnull=True).count(),
        in_rooms,
    )


def _presence(region: Region, people: list[User], rooms: list[Room]) -> int:
    """Statuses and rooms for the colleagues: one status clearing soon, one hidden, one on
    do-not-disturb; the team rooms get their teams' first members."""
    now = clock.now()
    ahead = now + dt.timedelta(hours=DEMO_ONLINE_HOURS)
    in_rooms = 0
    for index, user in enumerate(people):
        emoji, text, state = STATUSES[index % len(STATUSES)]
        expires: dt.datetime | None = now + dt.timedelta(hours=4)
        if index == 2:
            # The status that clears by itself while the demo is looked at.
            expires = now + dt.timedelta(minutes=15)
        presence_services.presence_set(
            region=region,
            user=user,
            state=state,
            status_text=text,
            status_emoji=emoji,
            expires_at=expires,
        )
        team_room = Room.objects.filter(
            team__members__user=user, team__members__left_on__isnull=True
        ).first()
        room = (team_room if index % 3 == 0 else rooms[index % len(rooms)]) if index < 8 else None
        fields: dict[str, object] = {
            "last_heartbeat_at": ahead,
            "last_active_at": ahead,
            "room": room,
        }
        if index == 3:
            fields["do_not_disturb_until"] = now + dt.timedelta(hours=2)
        if index == 4:
            fields["hidden"] = True
        Presence.objects.filter(user=user).update(**fields)
        in_rooms += room is not None
    return in_rooms


@dataclass(frozen=True)
class PeopleSummary:
    region: str
    onboardings: int
    steps_done: int
    one_on_ones: int

    def line(self) -> str:
        return (
            f"  {self.region} onboardings: {self.onboardings} ({self.steps_done} steps done "
            f"now), {self.one_on_ones} 1-on-1s"
        )


def seed_onboarding_and_one_on_ones(
    *, region: Region, operator: User, participant: User
) -> PeopleSummary:
    """Onboardings with their history, one step overdue, and a 1-on-1 with carried-forward
    items (inside the region's scope and a transaction)."""
    done = _onboarding_history(operator)
    if not OneOnOneSeries.objects.exists():
        manager = manager_of(user_id=participant.pk) or operator
        _one_on_one(region, manager=manager, member=participant)
    return PeopleSummary(
        region=region.slug,
        onboardings=OnboardingChecklist.objects.count(),
        steps_done=done,
        one_on_ones=OneOnOneSeries.objects.count(),
    )


# An onboarding that started longer ago than this has been gone through.
ONBOARDING_SETTLED_AFTER = dt.timedelta(weeks=3)


def _onboarding_history(operator: User) -> int:
    """Tick off the steps of the open checklists as their owners would have; returns how
    many steps were ticked.

    A checklist started before ONBOARDING_SETTLED_AFTER is completed, except for the last
    step of the newest such checklist, left overdue (a manager who forgot to tick it); a
    recent or upcoming one has only the office's steps due by today done."""
    today = clock.today()
    settled_before = today - ONBOARDING_SETTLED_AFTER
    checklists = list(
        OnboardingChecklist.objects.filter(completed_at__isnull=True).order_by("start_date", "id")
    )
    settled = [c for c in checklists if c.start_date < settled_before]
    ticked = 0
    for checklist in checklists:
        steps = OnboardingItem.objects.filter(checklist=checklist, done_at__isnull=True)
        if checklist.start_date >= settled_before:
            steps = steps.filter(owner=ItemOwner.OFFICE, due_on__lte=today)
        elif checklist == settled[-1]:
            last = checklist.items.order_by("-position", "-id").values_list("pk", flat=True)[:1]
            steps = steps.exclude(pk__in=list(last))
        for step in steps.order_by("due_on", "position", "id"):
            _tick(step, checklist=checklist, operator=operator)
            ticked += 1
    return ticked


def _tick(step: OnboardingItem, *, checklist: OnboardingChecklist, operator: User) -> None:
    """The step ticked off by its owner on the morning it was due (by now if that is to
    come); the office ticks what nobody else could (a newcomer without an account)."""
    actor, is_operator = operator, True
    if step.owner == ItemOwner.MEMBER and checklist.user is not None:
        actor, is_operator = checklist.user, False
    elif step.owner == ItemOwner.MANAGER and checklist.user_id is not None:
        manager = manager_of(user_id=checklist.user_id)
        if manager is not None:
            actor, is_operator = manager, False
    with clock.frozen_at(min(moment_on(step.due_on, 10), clock.now())):
        onboarding_item_set(item_id=step.pk, done=True, actor=actor, is_operator=is_operator)


def _one_on_one(region: Region, *, manager: User, member: User) -> None:
    """Weekly on Thursdays at 16:00: the two Thursdays before today held, the next to come."""
    today = clock.today()
    last_thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7 or 7)
    thursday = last_thursday - dt.timedelta(weeks=1)
    starts = moment_on(thursday, 16)
    with clock.frozen_at(starts - dt.timedelta(days=2)):
        series = one_on_one_create(
            region=region,
            data=SeriesInput(
                manager_id=manager.pk,
                member_id=member.pk,
                template="new_hire",
                cadence="weekly",
                first_at=starts,
                meeting_url="https://meet.example.jp/1on1",
            ),
            actor=manager,
            is_operator=True,
        )
        topic = agenda_item_add(
            series_id=series.pk, text="案件のチャットでの質問の仕方を相談したい", actor=member
        )
    meeting = current_meeting(series)
    with clock.frozen_at(starts + dt.timedelta(minutes=30)):
        notes_save(
            meeting_id=meeting.pk,
            shared="研修は予定どおり。午前中に集中して学習する習慣ができてきた。",
            private=None,
            actor=manager,
        )
        action_item_add(
            series_id=series.pk,
            owner_id=member.pk,
            text="わからない点をチームルームで質問してみる",
            due_on=(starts + dt.timedelta(days=6)).date(),
            actor=manager,
        )
        one_on_one_hold(meeting_id=meeting.pk, actor=manager)
    second = current_meeting(series)
    with clock.frozen_at(second.scheduled_at + dt.timedelta(minutes=30)):
        agenda_item_set(item_id=topic.pk, done=True, actor=member)
        agenda_item_add(series_id=series.pk, text="来月からの案件の稼働時間", actor=member)
        notes_save(
            meeting_id=second.pk,
            shared="質問の仕方を整理した。稼働時間は来週までに希望を出してもらう。",
            private="在宅の環境に少し不安があるようなので来週も聞く。",
            actor=manager,
        )
        one_on_one_hold(meeting_id=second.pk, actor=manager)
